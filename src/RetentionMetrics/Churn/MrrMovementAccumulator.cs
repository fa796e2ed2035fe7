using System.Globalization;
using NodaTime;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Churn;

/// <summary>
/// Collects subscription changes (customer, effective time, new MRR; 0 = cancelled) and produces per-period MRR
/// movements. Accumulators over parts of a change log merge into the state of the whole log.
/// </summary>
/// <remarks>
/// <b>Buffers</b>: a customer's MRR at any moment depends on the order of their changes, and changes may arrive out of
/// order, so every change is kept (28 bytes each: time, MRR and customer index) until <see cref="ToTable"/>, which
/// groups them by customer with a stable counting sort and sorts each customer's few changes by time. Changes of one customer
/// at the same instant apply in the order they were added; <see cref="Merge"/> appends the other accumulator's changes
/// after this one's, so merging the parts of a split log in order equals one pass. Not thread-safe.
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed partial class MrrMovementAccumulator<TKey>
    where TKey : notnull
{
    private readonly CustomerTable<TKey> customers = new();
    private readonly ChurnPeriod period;
    private readonly int lastDay;
    private long[] ticks = new long[64];
    private decimal[] amounts = new decimal[64];
    private int[] owners = new int[64];
    private int count;
    private int latestDay = -1;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="options">Period, zone, movement mode and as-of date; defaults when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public MrrMovementAccumulator(MrrMovementOptions? options = null)
    {
        Options = options ?? MrrMovementOptions.Default;
        Options.Validate(nameof(options));
        period = Options.Period;
        lastDay = Options.AsOf is { } asOf ? PeriodCalendar.DayNumber(asOf) : int.MaxValue;
    }

    /// <summary>The options this accumulator was created with.</summary>
    public MrrMovementOptions Options { get; }

    /// <summary>The number of distinct customers seen so far.</summary>
    public int CustomerCount => customers.Count;

    /// <summary>Changes added so far, including those after the as-of date.</summary>
    public long ChangesRead { get; private set; }

    /// <summary>Changes dated after the as-of date, left out.</summary>
    public long ChangesAfterAsOf { get; private set; }

    /// <summary>Adds one change effective at an instant, placed in the options' zone.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="effective">When the new MRR takes effect.</param>
    /// <param name="mrr">The customer's MRR from then on; 0 means cancelled.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The time is outside years 1 to 9999, or the MRR is negative.</exception>
    public void Add(TKey customer, Instant effective, decimal mrr)
    {
        ArgumentNullException.ThrowIfNull(customer);
        AddTicks(customer, PeriodCalendar.LocalTicks(effective, Options.Zone, Options.Zone == DateTimeZone.Utc), mrr, ChangesRead);
    }

    /// <summary>Adds one change effective at the start of a calendar date.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="effective">The day the new MRR takes effect.</param>
    /// <param name="mrr">The customer's MRR from then on; 0 means cancelled.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The date is outside years 1 to 9999, or the MRR is negative.</exception>
    public void Add(TKey customer, LocalDate effective, decimal mrr)
    {
        ArgumentNullException.ThrowIfNull(customer);
        AddTicks(customer, PeriodCalendar.LocalTicks(effective), mrr, ChangesRead);
    }

    /// <summary>Appends the changes of another accumulator after this one's; the other is unchanged.</summary>
    /// <param name="other">An accumulator with equal options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The two accumulators were created with different options.</exception>
    public void Merge(MrrMovementAccumulator<TKey> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.period != period || other.lastDay != lastDay || other.Options.Mode != Options.Mode || other.Options.Zone.Id != Options.Zone.Id)
        {
            throw new ArgumentException("Only accumulators with the same period, zone, mode and as-of date can be merged.", nameof(other));
        }

        var map = new int[other.customers.Count];
        var otherKeys = other.customers.Keys;
        for (var j = 0; j < otherKeys.Length; j++)
        {
            map[j] = customers.GetOrAdd(otherKeys[j], out _);
        }

        // Read the count once: merging an accumulator into itself must copy its changes only once.
        var changes = other.count;
        for (var i = 0; i < changes; i++)
        {
            Append(map[other.owners[i]], other.ticks[i], other.amounts[i]);
        }

        ChangesRead += other.ChangesRead;
        ChangesAfterAsOf += other.ChangesAfterAsOf;
        latestDay = Math.Max(latestDay, other.latestDay);
    }

    /// <summary>The MRR movements of every customer seen so far.</summary>
    /// <returns>One row per period from the first change's period to the as-of (or latest) period.</returns>
    /// <exception cref="RetentionDataException">The MRR totals exceed the range of a decimal.</exception>
    public MrrMovementTable ToTable()
    {
        try
        {
            return Build();
        }
        catch (OverflowException e)
        {
            throw new RetentionDataException(ChurnErrorMessages.MrrOverflow, e);
        }
    }

    internal void AddTicks(TKey customer, long localTicks, decimal mrr, long position)
    {
        ChangesRead++;
        if (localTicks < 0)
        {
            throw new RetentionDataException(ChurnErrorMessages.TimeOutOfRange, Describe(customer), position);
        }

        if (mrr < 0)
        {
            throw new RetentionDataException(
                string.Format(CultureInfo.InvariantCulture, ChurnErrorMessages.NegativeMrr, mrr), Describe(customer), position);
        }

        var day = PeriodCalendar.DayNumber(localTicks);
        if (day > lastDay)
        {
            ChangesAfterAsOf++;
            return;
        }

        latestDay = Math.Max(latestDay, day);
        Append(customers.GetOrAdd(customer, out _), localTicks, mrr);
    }

    private void Append(int owner, long at, decimal mrr)
    {
        if (count == ticks.Length)
        {
            var size = checked(count * 2);
            Array.Resize(ref ticks, size);
            Array.Resize(ref amounts, size);
            Array.Resize(ref owners, size);
        }

        ticks[count] = at;
        amounts[count] = mrr;
        owners[count] = owner;
        count++;
    }

    private MrrMovementTable Build()
    {
        var customerCount = customers.Count;
        if (count == 0)
        {
            return new MrrMovementTable(period, Options.Zone, Options.Mode, [], 0, ChangesRead, ChangesAfterAsOf);
        }

        // Group the changes by customer with a stable counting sort that moves the data itself, so each customer's
        // changes end up contiguous and in arrival order, and the walk below reads memory sequentially.
        var offsets = new int[customerCount + 1];
        var firstTicks = long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            offsets[owners[i] + 1]++;
            firstTicks = Math.Min(firstTicks, ticks[i]);
        }

        for (var c = 0; c < customerCount; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        var sortedTicks = new long[count];
        var sortedAmounts = new decimal[count];
        var next = (int[])offsets.Clone();
        for (var i = 0; i < count; i++)
        {
            var at = next[owners[i]]++;
            sortedTicks[at] = ticks[i];
            sortedAmounts[at] = amounts[i];
        }

        var firstDay = PeriodCalendar.DayNumber(firstTicks);
        var first = ChurnCalendar.PeriodOf(firstDay, period);
        var last = ChurnCalendar.PeriodOf(lastDay != int.MaxValue ? Math.Max(lastDay, firstDay) : latestDay, period);
        var sums = new Sums(last - first + 1, first);
        var eventMode = Options.Mode == MrrMovementMode.Event;
        var periods = new int[count];
        for (var c = 0; c < customerCount; c++)
        {
            var from = offsets[c];
            var length = offsets[c + 1] - from;
            SortByTime(sortedTicks.AsSpan(from, length), sortedAmounts.AsSpan(from, length));
            for (var i = from; i < from + length; i++)
            {
                periods[i] = ChurnCalendar.PeriodOf(PeriodCalendar.DayNumber(sortedTicks[i]), period);
            }

            Walk(periods.AsSpan(from, length), sortedAmounts.AsSpan(from, length), first, last, eventMode, sums);
        }

        return new MrrMovementTable(period, Options.Zone, Options.Mode, sums.ToRows(period), customerCount, ChangesRead, ChangesAfterAsOf);
    }

    /// <summary>Stable sort of one customer's changes by time: equal times keep their arrival order.</summary>
    private static void SortByTime(Span<long> times, Span<decimal> mrr)
    {
        if (times.Length > 32)
        {
            // Rare (a customer with many changes): sort positions by (time, position), which is stable, then permute.
            var positions = new int[times.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i] = i;
            }

            var keys = times.ToArray();
            var values = mrr.ToArray();
            Array.Sort(positions, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
            for (var i = 0; i < positions.Length; i++)
            {
                times[i] = keys[positions[i]];
                mrr[i] = values[positions[i]];
            }

            return;
        }

        for (var i = 1; i < times.Length; i++)
        {
            var time = times[i];
            var value = mrr[i];
            var j = i - 1;
            while (j >= 0 && times[j] > time)
            {
                times[j + 1] = times[j];
                mrr[j + 1] = mrr[j];
                j--;
            }

            times[j + 1] = time;
            mrr[j + 1] = value;
        }
    }

    private static void Walk(ReadOnlySpan<int> periods, ReadOnlySpan<decimal> amounts, int first, int last, bool eventMode, Sums sums)
    {
        var previousEnd = 0m;
        var processed = first - 1;
        var everPositive = false;
        var i = 0;
        while (i < periods.Length)
        {
            var p = periods[i];
            if (p > last)
            {
                break;
            }

            sums.Carry(processed + 1, p - 1, previousEnd);
            var start = previousEnd;
            var current = previousEnd;
            var positiveBefore = everPositive;
            var positiveSoFar = everPositive;
            for (; i < periods.Length && periods[i] == p; i++)
            {
                var mrr = amounts[i];
                if (eventMode)
                {
                    sums.Movement(p - first, current, mrr, positiveSoFar);
                }

                current = mrr;
                positiveSoFar |= mrr > 0;
            }

            var row = p - first;
            sums.StartMrr[row] += start;
            sums.EndMrr[row] += current;
            if (!eventMode)
            {
                sums.Movement(row, start, current, positiveBefore);
            }

            sums.Count(row, start, current, positiveBefore);
            everPositive = positiveSoFar;
            previousEnd = current;
            processed = p;
        }

        sums.Carry(processed + 1, last, previousEnd);
    }

    private static string Describe(TKey key) => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Per-period totals; constant stretches go to difference arrays so their cost is per change, not per period.</summary>
    private sealed class Sums(int n, int first)
    {
        public readonly decimal[] StartMrr = new decimal[n];
        public readonly decimal[] EndMrr = new decimal[n];
        private readonly decimal[] newMrr = new decimal[n];
        private readonly decimal[] expansion = new decimal[n];
        private readonly decimal[] contraction = new decimal[n];
        private readonly decimal[] churned = new decimal[n];
        private readonly decimal[] reactivation = new decimal[n];
        private readonly decimal[] carriedMrr = new decimal[n + 1];
        private readonly int[] carriedCustomers = new int[n + 1];
        private readonly int[] startCustomers = new int[n];
        private readonly int[] endCustomers = new int[n];
        private readonly int[] newCustomers = new int[n];
        private readonly int[] reactivatedCustomers = new int[n];
        private readonly int[] churnedCustomers = new int[n];

        /// <summary>MRR constant over the periods from..to (period numbers): it adds to start and end of each.</summary>
        public void Carry(int from, int to, decimal mrr)
        {
            if (mrr == 0 || from > to)
            {
                return;
            }

            var a = from - first;
            var b = to - first;
            carriedMrr[a] += mrr;
            carriedMrr[b + 1] -= mrr;
            carriedCustomers[a]++;
            carriedCustomers[b + 1]--;
        }

        public void Movement(int row, decimal before, decimal after, bool positiveBefore)
        {
            if (before == after)
            {
                return;
            }

            if (before == 0)
            {
                (positiveBefore ? reactivation : newMrr)[row] += after;
            }
            else if (after == 0)
            {
                churned[row] += before;
            }
            else if (after > before)
            {
                expansion[row] += after - before;
            }
            else
            {
                contraction[row] += before - after;
            }
        }

        public void Count(int row, decimal start, decimal end, bool positiveBefore)
        {
            if (start > 0)
            {
                startCustomers[row]++;
                if (end == 0)
                {
                    churnedCustomers[row]++;
                }
            }
            else if (end > 0)
            {
                (positiveBefore ? reactivatedCustomers : newCustomers)[row]++;
            }

            if (end > 0)
            {
                endCustomers[row]++;
            }
        }

        public MrrMovementPeriod[] ToRows(ChurnPeriod period)
        {
            var rows = new MrrMovementPeriod[StartMrr.Length];
            var mrr = 0m;
            var customers = 0;
            for (var row = 0; row < rows.Length; row++)
            {
                mrr += carriedMrr[row];
                customers += carriedCustomers[row];
                var start = ChurnCalendar.StartOf(first + row, period);
                rows[row] = new MrrMovementPeriod(
                    start, ChurnCalendar.Label(start, period),
                    StartMrr[row] + mrr, newMrr[row], expansion[row], contraction[row], churned[row], reactivation[row], EndMrr[row] + mrr,
                    startCustomers[row] + customers, newCustomers[row], reactivatedCustomers[row], churnedCustomers[row], endCustomers[row] + customers);
            }

            return rows;
        }
    }
}
