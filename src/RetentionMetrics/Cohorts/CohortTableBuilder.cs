using RetentionMetrics.Internal;

namespace RetentionMetrics.Cohorts;

/// <summary>Turns per-customer acquisition and active periods into per-cohort counts, then into a table.</summary>
internal sealed class CohortTableBuilder
{
    private readonly CohortOptions options;
    private readonly CohortMeasure measure;
    private readonly int? asOfDay;
    private readonly int lastRecordedPeriod;
    private readonly int lastObservablePeriod;
    private readonly OffsetBracket[]? brackets;
    private readonly Dictionary<(string? Group, int Period), Cells> cohorts = [];

    public CohortTableBuilder(CohortOptions options, CohortMeasure measure, int latestDay)
    {
        this.options = options;
        this.measure = measure;
        brackets = options.Brackets?.ToArray();
        asOfDay = options.AsOf is { } asOf ? PeriodCalendar.DayNumber(asOf) : latestDay >= 0 ? latestDay : null;
        if (asOfDay is { } day)
        {
            lastRecordedPeriod = CohortCalendar.PeriodOf(day, options.Period);
            lastObservablePeriod = options.IncludePartialPeriods || day >= PeriodCalendar.MaximumDayNumber
                ? lastRecordedPeriod
                : CohortCalendar.LastCompletePeriod(day, options.Period);
        }
    }

    /// <summary>Counts one customer; <paramref name="periods"/> are its active periods (any order, no duplicates).</summary>
    public Cells AddCustomer(string? group, int? signupPeriod, List<int> periods)
    {
        // The acquisition period is the earliest of the signup period and the first active period.
        var acquisition = signupPeriod ?? int.MaxValue;
        foreach (var p in periods)
        {
            acquisition = Math.Min(acquisition, p);
        }

        if (!cohorts.TryGetValue((group, acquisition), out var cells))
        {
            cells = new Cells(lastRecordedPeriod - acquisition + 1, brackets?.Length ?? 0) { Acquisition = acquisition };
            cohorts.Add((group, acquisition), cells);
        }

        cells.Size++;
        var last = 0;
        foreach (var p in periods)
        {
            var offset = p - acquisition;
            cells.CountActive(offset);
            last = Math.Max(last, offset);
        }

        cells.CountLastActive(last);
        if (brackets is not null)
        {
            for (var b = 0; b < brackets.Length; b++)
            {
                foreach (var p in periods)
                {
                    var offset = p - acquisition;
                    if (offset >= brackets[b].From && offset <= brackets[b].To)
                    {
                        cells.BracketActive[b]++;
                        break;
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>Adds the cohorts of a builder with the same options (over other customers) to this one.</summary>
    public void Merge(CohortTableBuilder other)
    {
        foreach (var (key, cells) in other.cohorts)
        {
            if (cohorts.TryGetValue(key, out var mine))
            {
                mine.Merge(cells);
            }
            else
            {
                cohorts.Add(key, cells);
            }
        }
    }

    public CohortTable Build()
    {
        NodaTime.LocalDate? asOf = asOfDay is { } day ? PeriodCalendar.DateOf(day) : null;
        var ordered = cohorts
            .OrderBy(c => c.Key.Group is not null)
            .ThenBy(c => c.Key.Group, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Period)
            .ToArray();
        var columns = brackets ?? DefaultColumns(ordered.Select(c => c.Key.Period));
        var rows = new Cohort[ordered.Length];
        var values = new double[ordered.Length * columns.Length];
        var observable = new bool[values.Length];
        for (var r = 0; r < ordered.Length; r++)
        {
            var ((group, acquisition), cells) = ordered[r];
            rows[r] = new Cohort(group, CohortCalendar.StartOf(acquisition, options.Period), CohortCalendar.Label(acquisition, options.Period), cells.Size);
            for (var c = 0; c < columns.Length; c++)
            {
                var bracket = columns[c];
                var lastNeeded = measure == CohortMeasure.ChurnedCustomers ? bracket.To + 1L : bracket.To;
                if (acquisition + lastNeeded > lastObservablePeriod)
                {
                    continue;
                }

                observable[r * columns.Length + c] = true;
                try
                {
                    values[r * columns.Length + c] = Value(cells, bracket, brackets is null ? -1 : c);
                }
                catch (OverflowException e)
                {
                    throw new RetentionDataException(CohortErrorMessages.RevenueOverflow, e);
                }
            }
        }

        return new CohortTable(options.Period, measure, asOf, rows, columns, values, observable);
    }

    private OffsetBracket[] DefaultColumns(IEnumerable<int> acquisitions)
    {
        var count = 1;
        foreach (var a in acquisitions)
        {
            count = Math.Max(count, lastObservablePeriod - a + 1);
        }

        if (options.MaximumOffset is { } maximum)
        {
            count = Math.Min(count, maximum + 1);
        }

        var columns = new OffsetBracket[count];
        for (var i = 0; i < count; i++)
        {
            columns[i] = OffsetBracket.Single(i);
        }

        return columns;
    }

    private double Value(Cells cells, OffsetBracket bracket, int bracketIndex)
    {
        double size = cells.Size;
        switch (measure)
        {
            case CohortMeasure.ActiveCustomers:
                return Active(cells, bracket, bracketIndex);
            case CohortMeasure.Retention:
                return Active(cells, bracket, bracketIndex) / size;
            case CohortMeasure.UnboundedCustomers:
                return cells.ActiveFrom(bracket.From);
            case CohortMeasure.UnboundedRetention:
                return cells.ActiveFrom(bracket.From) / size;
            case CohortMeasure.Revenue:
                return (double)cells.RevenueBetween(bracket.From, bracket.To);
            case CohortMeasure.CumulativeRevenuePerCustomer:
                return (double)(cells.RevenueUpTo(bracket.To) / cells.Size);
            default:
                return cells.Size - cells.ActiveFrom(bracket.To + 1);
        }
    }

    private static double Active(Cells cells, OffsetBracket bracket, int bracketIndex) =>
        bracketIndex >= 0 ? cells.BracketActive[bracketIndex] : cells.ActiveAt(bracket.From);

    /// <summary>
    /// The running counts of one cohort, by offset: dense arrays for the first <see cref="DenseOffsets"/> offsets (the
    /// common case of monthly or weekly tables), a map for later offsets, so a daily table over a long span keeps one
    /// slot per observed (cohort, offset) cell rather than one per possible offset.
    /// </summary>
    internal sealed class Cells(int offsets, int bracketCount)
    {
        internal const int DenseOffsets = 64;

        private readonly int dense = Math.Clamp(offsets, 1, DenseOffsets);
        private int[]? active;
        private int[]? lastActive;
        private decimal[]? revenue;
        private Dictionary<int, Sparse>? sparse;
        private Finished? finished;

        public int Acquisition { get; init; }

        public int Size { get; set; }

        public int[] BracketActive { get; } = new int[bracketCount];

        /// <summary>The number of offset slots held (dense and sparse), for memory tests.</summary>
        internal int Slots => (active?.Length ?? 0) + (sparse?.Count ?? 0);

        public void CountActive(int offset)
        {
            if (offset < dense)
            {
                (active ??= new int[dense])[offset]++;
                return;
            }

            ref var cell = ref SparseAt(offset);
            cell.Active++;
        }

        public void CountLastActive(int offset)
        {
            if (offset < dense)
            {
                (lastActive ??= new int[dense])[offset]++;
                return;
            }

            ref var cell = ref SparseAt(offset);
            cell.LastActive++;
        }

        public void AddRevenue(int period, decimal amount)
        {
            var offset = period - Acquisition;
            try
            {
                if (offset < dense)
                {
                    (revenue ??= new decimal[dense])[offset] += amount;
                    return;
                }

                ref var cell = ref SparseAt(offset);
                cell.Revenue += amount;
            }
            catch (OverflowException e)
            {
                throw new RetentionDataException(CohortErrorMessages.RevenueOverflow, e);
            }
        }

        /// <summary>Customers active at exactly <paramref name="offset"/>.</summary>
        public int ActiveAt(int offset)
        {
            if (offset < dense)
            {
                return active?[offset] ?? 0;
            }

            return sparse is not null && sparse.TryGetValue(offset, out var cell) ? cell.Active : 0;
        }

        /// <summary>Customers whose last activity is at <paramref name="offset"/> or later.</summary>
        public int ActiveFrom(long offset)
        {
            var f = Finish();
            var i = f.FirstAtOrAfter(offset);
            return i < f.Offsets.Length ? f.LastActiveFrom[i] : 0;
        }

        public decimal RevenueBetween(int from, int to)
        {
            var f = Finish();
            if (!f.HasRevenue)
            {
                return 0m;
            }

            var total = 0m;
            for (var i = f.FirstAtOrAfter(from); i < f.Offsets.Length && f.Offsets[i] <= to; i++)
            {
                total += f.Revenue[i];
            }

            return total;
        }

        /// <summary>Revenue from offset 0 to <paramref name="to"/>, from running sums kept once per cohort.</summary>
        public decimal RevenueUpTo(int to)
        {
            var f = Finish();
            if (!f.HasRevenue)
            {
                return 0m;
            }

            if (f.RunningRevenue is null)
            {
                var running = new decimal[f.Offsets.Length];
                var total = 0m;
                for (var i = 0; i < running.Length; i++)
                {
                    total += f.Revenue[i];
                    running[i] = total;
                }

                f.RunningRevenue = running;
            }

            var last = f.FirstAtOrAfter(to + 1L) - 1;
            return last >= 0 ? f.RunningRevenue[last] : 0m;
        }

        /// <summary>Adds the counts of the same cohort from another builder.</summary>
        public void Merge(Cells other)
        {
            Size += other.Size;
            for (var b = 0; b < BracketActive.Length; b++)
            {
                BracketActive[b] += other.BracketActive[b];
            }

            for (var o = 0; o < other.dense; o++)
            {
                var a = other.active?[o] ?? 0;
                if (a != 0)
                {
                    (active ??= new int[dense])[o] += a;
                }

                var l = other.lastActive?[o] ?? 0;
                if (l != 0)
                {
                    (lastActive ??= new int[dense])[o] += l;
                }

                if (other.revenue is { } r && r[o] != 0m)
                {
                    AddRevenue(Acquisition + o, r[o]);
                }
            }

            if (other.sparse is not null)
            {
                foreach (var (offset, cell) in other.sparse)
                {
                    ref var mine = ref SparseAt(offset);
                    mine.Active += cell.Active;
                    mine.LastActive += cell.LastActive;
                    try
                    {
                        mine.Revenue += cell.Revenue;
                    }
                    catch (OverflowException e)
                    {
                        throw new RetentionDataException(CohortErrorMessages.RevenueOverflow, e);
                    }
                }
            }
        }

        private ref Sparse SparseAt(int offset) =>
            ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sparse ??= [], offset, out _);

        /// <summary>The observed offsets in order with their last-activity suffix sums and revenue, built once.</summary>
        private Finished Finish()
        {
            if (finished is not null)
            {
                return finished;
            }

            var offsets = new List<int>();
            for (var o = 0; o < dense; o++)
            {
                if ((lastActive?[o] ?? 0) != 0 || (revenue?[o] ?? 0m) != 0m)
                {
                    offsets.Add(o);
                }
            }

            if (sparse is not null)
            {
                var later = sparse.Where(p => p.Value.LastActive != 0 || p.Value.Revenue != 0m).Select(p => p.Key).ToList();
                later.Sort();
                offsets.AddRange(later);
            }

            var count = offsets.Count;
            var result = new Finished([.. offsets], new int[count], new decimal[count], revenue is not null || (sparse?.Values.Any(c => c.Revenue != 0m) ?? false));
            var suffix = 0;
            for (var i = count - 1; i >= 0; i--)
            {
                var o = result.Offsets[i];
                suffix += o < dense ? lastActive?[o] ?? 0 : sparse![o].LastActive;
                result.LastActiveFrom[i] = suffix;
                result.Revenue[i] = o < dense ? revenue?[o] ?? 0m : sparse![o].Revenue;
            }

            return finished = result;
        }

        private struct Sparse
        {
            public int Active;
            public int LastActive;
            public decimal Revenue;
        }

        private sealed class Finished(int[] offsets, int[] lastActiveFrom, decimal[] revenue, bool hasRevenue)
        {
            public int[] Offsets { get; } = offsets;

            public int[] LastActiveFrom { get; } = lastActiveFrom;

            public decimal[] Revenue { get; } = revenue;

            public bool HasRevenue { get; } = hasRevenue;

            public decimal[]? RunningRevenue { get; set; }

            public int FirstAtOrAfter(long offset)
            {
                int low = 0, high = Offsets.Length;
                while (low < high)
                {
                    var middle = (low + high) >>> 1;
                    if (Offsets[middle] < offset)
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                return low;
            }
        }
    }
}
