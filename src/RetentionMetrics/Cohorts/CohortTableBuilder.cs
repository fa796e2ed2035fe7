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
            cells.Active[offset]++;
            last = Math.Max(last, offset);
        }

        cells.LastActive[last]++;
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
                return (double)(cells.RevenueBetween(0, bracket.To) / cells.Size);
            default:
                return cells.Size - cells.ActiveFrom(bracket.To + 1);
        }
    }

    private static double Active(Cells cells, OffsetBracket bracket, int bracketIndex) =>
        bracketIndex >= 0 ? cells.BracketActive[bracketIndex] : bracket.From < cells.Active.Length ? cells.Active[bracket.From] : 0;

    /// <summary>The running counts of one cohort, by offset.</summary>
    internal sealed class Cells(int offsets, int bracketCount)
    {
        public int Acquisition { get; init; }

        public int Size { get; set; }

        public int[] Active { get; } = new int[Math.Max(1, offsets)];

        /// <summary>How many customers were last active at each offset.</summary>
        public int[] LastActive { get; } = new int[Math.Max(1, offsets)];

        public int[] BracketActive { get; } = new int[bracketCount];

        public decimal[]? Revenue { get; private set; }

        public void AddRevenue(int period, decimal amount)
        {
            Revenue ??= new decimal[Active.Length];
            try
            {
                Revenue[period - Acquisition] += amount;
            }
            catch (OverflowException e)
            {
                throw new RetentionDataException(CohortErrorMessages.RevenueOverflow, e);
            }
        }

        public int ActiveFrom(long offset)
        {
            var total = 0;
            for (var o = (int)Math.Min(offset, LastActive.Length); o < LastActive.Length; o++)
            {
                total += LastActive[o];
            }

            return total;
        }

        public decimal RevenueBetween(int from, int to)
        {
            if (Revenue is null)
            {
                return 0m;
            }

            var total = 0m;
            for (var o = from; o <= to && o < Revenue.Length; o++)
            {
                total += Revenue[o];
            }

            return total;
        }
    }
}
