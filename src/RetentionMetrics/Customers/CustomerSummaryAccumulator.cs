using System.Globalization;
using NodaTime;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Customers;

/// <summary>
/// The mergeable state behind customer summaries: add purchase records one at a time or in batches, merge with the
/// state of another partition of the input, and read the summaries at the end.
/// </summary>
/// <remarks>
/// <para><b>Aggregates</b>: memory grows with customers and with the distinct periods each customer bought in, never
/// with records.</para>
/// <para>Merge is associative and commutative: splitting the input in any way, accumulating each part and merging
/// gives the same summaries as one pass over the whole. Record order never changes the result.</para>
/// <para>Not thread-safe: give each thread its own accumulator and merge them.</para>
/// </remarks>
/// <typeparam name="TKey">The customer key type (string, long, Guid, …).</typeparam>
public sealed partial class CustomerSummaryAccumulator<TKey>
    where TKey : notnull
{
    private readonly CustomerStates<TKey, State> customers;
    private readonly PeriodListArena periods;
    private readonly PurchasePeriod period;
    private readonly DateTimeZone zone;
    private readonly bool isUtc;
    private readonly long lastCountedTicks;
    private int latestDay = -1;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="options">How records become summaries; <see cref="CustomerSummaryOptions.Default"/> when null.</param>
    /// <param name="expectedCustomers">A capacity hint; the accumulator grows as needed.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedCustomers"/> is negative.</exception>
    public CustomerSummaryAccumulator(CustomerSummaryOptions? options = null, int expectedCustomers = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCustomers);
        Options = options ?? CustomerSummaryOptions.Default;
        Options.Validate(nameof(options));
        period = Options.Period;
        zone = Options.Zone;
        isUtc = zone == DateTimeZone.Utc;
        lastCountedTicks = Options.AsOf is { } asOf
            ? (PeriodCalendar.DayNumber(asOf) + 1L) * PeriodCalendar.TicksPerDay - 1
            : PeriodCalendar.MaximumLocalTicks;
        customers = new CustomerStates<TKey, State>(expectedCustomers);
        periods = new PeriodListArena(expectedCustomers);
    }

    /// <summary>The options the accumulator was created with.</summary>
    public CustomerSummaryOptions Options { get; }

    /// <summary>The number of distinct customers seen so far.</summary>
    public int CustomerCount => customers.Count;

    /// <summary>The number of records offered so far, counted or not.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>The number of records left out because they fall after <see cref="CustomerSummaryOptions.AsOf"/>.</summary>
    public long RecordsAfterAsOf { get; private set; }

    /// <summary>The number of negative-amount records left out under <see cref="RefundPolicy.Ignore"/>.</summary>
    public long RefundsIgnored { get; private set; }

    /// <summary>Adds one purchase at an instant; its day is found in the options' time zone.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="time">When the purchase happened.</param>
    /// <param name="amount">The purchase amount; negative amounts follow <see cref="CustomerSummaryOptions.Refunds"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The time is outside years 1 to 9999, or the refund policy rejects the amount.</exception>
    public void Add(TKey customer, Instant time, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Add(customer, CustomerStates<TKey, State>.Hash(customer), PeriodCalendar.LocalTicks(time, zone, isUtc), amount, RecordsRead);
    }

    /// <summary>Adds one purchase on a calendar date.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="date">The day of the purchase.</param>
    /// <param name="amount">The purchase amount; negative amounts follow <see cref="CustomerSummaryOptions.Refunds"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The date is outside years 1 to 9999, or the refund policy rejects the amount.</exception>
    public void Add(TKey customer, LocalDate date, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Add(customer, CustomerStates<TKey, State>.Hash(customer), PeriodCalendar.LocalTicks(date), amount, RecordsRead);
    }

    /// <summary>
    /// Adds the state of another accumulator, as if its records had been added here. The other accumulator is
    /// unchanged.
    /// </summary>
    /// <param name="other">An accumulator with the same period, time zone, as-of date and refund policy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The two accumulators were created with different summary rules.</exception>
    public void Merge(CustomerSummaryAccumulator<TKey> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.period != period || other.zone.Id != zone.Id || other.Options.AsOf != Options.AsOf || other.Options.Refunds != Options.Refunds)
        {
            throw new ArgumentException("Only accumulators with the same period, time zone, as-of date and refund policy can be merged.", nameof(other));
        }

        for (var j = 0; j < other.customers.Count; j++)
        {
            var key = other.customers.KeyAt(j);
            var source = other.customers.StateAt(j);
            ref var target = ref customers.GetOrAdd(key, CustomerStates<TKey, State>.Hash(key), out var added);
            if (added)
            {
                target = source;
                target.Periods = default;
                periods.UnionWith(ref target.Periods, other.periods, source.Periods);
                continue;
            }

            target.Transactions += source.Transactions;
            target.TotalSpend += source.TotalSpend;
            if (source.FirstPeriod < target.FirstPeriod)
            {
                target.FirstPeriod = source.FirstPeriod;
                target.FirstPeriodSpend = source.FirstPeriodSpend;
            }
            else if (source.FirstPeriod == target.FirstPeriod)
            {
                target.FirstPeriodSpend += source.FirstPeriodSpend;
            }

            target.FirstTicks = Math.Min(target.FirstTicks, source.FirstTicks);
            target.LastTicks = Math.Max(target.LastTicks, source.LastTicks);
            target.LastPeriod = Math.Max(target.LastPeriod, source.LastPeriod);
            periods.UnionWith(ref target.Periods, other.periods, source.Periods);
        }

        RecordsRead += other.RecordsRead;
        RecordsAfterAsOf += other.RecordsAfterAsOf;
        RefundsIgnored += other.RefundsIgnored;
        latestDay = Math.Max(latestDay, other.latestDay);
    }

    /// <summary>The summaries of every customer seen so far, as of the options' as-of date.</summary>
    /// <remarks>The result is independent of this accumulator: adding more records later does not change it.</remarks>
    public CustomerSummaries<TKey> ToSummaries() => Combine([this], Options);

    /// <summary>Adds the records of <paramref name="records"/> whose key falls in <paramref name="partition"/>.</summary>
    internal void AddRange<T, TTime>(
        ReadOnlySpan<T> records, Func<T, TKey> customer, TTime time, Func<T, decimal> amount,
        long firstPosition, int partition = 0, int partitions = 1)
        where TTime : struct, ILocalTicks<T>
    {
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            var key = customer(record) ?? throw new RetentionDataException(CustomerErrorMessages.MissingCustomer, null, firstPosition + i);
            var hash = CustomerStates<TKey, State>.Hash(key);
            if (partitions > 1 && CustomerStates<TKey, State>.Partition(hash, partitions) != partition)
            {
                continue;
            }

            Add(key, hash, time.Of(record), amount(record), firstPosition + i);
        }
    }

    /// <summary>Summaries over several accumulators; the as-of date defaults to the day after the latest record of any.</summary>
    internal static CustomerSummaries<TKey> Combine(IReadOnlyList<CustomerSummaryAccumulator<TKey>> parts, CustomerSummaryOptions options)
    {
        var latest = parts.Max(p => p.latestDay);
        LocalDate? asOf = options.AsOf ?? (latest < 0 ? null : PeriodCalendar.DateOf(latest + 1));
        var asOfPeriod = asOf is { } date ? PeriodCalendar.PeriodOf(PeriodCalendar.DayNumber(date), options.Period) : 0;
        var summaries = new CustomerSummary<TKey>[parts.Sum(p => p.CustomerCount)];
        var starts = new int[parts.Count];
        for (var p = 1; p < parts.Count; p++)
        {
            starts[p] = starts[p - 1] + parts[p - 1].CustomerCount;
        }

        // Each part fills its own slice; parts of the parallel paths (one per core) are summarised on their cores.
        if (parts.Count > 1 && summaries.Length >= ParallelSummariesThreshold)
        {
            Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = parts.Count }, p => parts[p].Summarise(summaries, starts[p], asOfPeriod));
        }
        else
        {
            for (var p = 0; p < parts.Count; p++)
            {
                parts[p].Summarise(summaries, starts[p], asOfPeriod);
            }
        }

        return new CustomerSummaries<TKey>(
            summaries, options.Period, options.Zone, asOf,
            recordsRead: parts.Sum(p => p.RecordsRead),
            recordsAfterAsOf: parts.Sum(p => p.RecordsAfterAsOf),
            refundsIgnored: parts.Sum(p => p.RefundsIgnored));
    }

    // Below this many customers, summarising the parts one after another costs less than starting threads.
    private const int ParallelSummariesThreshold = 65_536;

    private void Summarise(CustomerSummary<TKey>[] summaries, int start, int asOfPeriod)
    {
        for (var i = 0; i < customers.Count; i++)
        {
            summaries[start + i] = customers.StateAt(i).ToSummary(customers.KeyAt(i), asOfPeriod);
        }
    }

    private void Add(TKey key, ulong hash, long localTicks, decimal amount, long position)
    {
        if (Admit(key, localTicks, amount, position))
        {
            Update(key, hash, localTicks, amount, position);
        }
    }

    /// <summary>
    /// Counts a record and decides whether it enters a summary: false for records after the as-of date and refunds
    /// the policy ignores (both counted). Touches no customer state, so a partitioned pass can admit a record on one
    /// accumulator and <see cref="Update"/> another; <see cref="Combine"/> adds the counts of all of them.
    /// </summary>
    /// <exception cref="RetentionDataException">The time is out of range, or the policy rejects the refund.</exception>
    internal bool Admit(TKey key, long localTicks, decimal amount, long position)
    {
        RecordsRead++;
        if (localTicks < 0)
        {
            throw new RetentionDataException(CustomerErrorMessages.TimeOutOfRange, Describe(key), position);
        }

        if (localTicks > lastCountedTicks)
        {
            RecordsAfterAsOf++;
            return false;
        }

        if (amount < 0)
        {
            if (Options.Refunds == RefundPolicy.Ignore)
            {
                RefundsIgnored++;
                return false;
            }

            if (Options.Refunds == RefundPolicy.Reject)
            {
                throw new RetentionDataException(
                    string.Format(CultureInfo.InvariantCulture, CustomerErrorMessages.RefundRejected, amount), Describe(key), position);
            }
        }

        return true;
    }

    /// <summary>Adds an admitted record to its customer's state.</summary>
    /// <exception cref="RetentionDataException">The customer's total spend overflows.</exception>
    internal void Update(TKey key, ulong hash, long localTicks, decimal amount, long position)
    {
        try
        {
            ref var state = ref customers.GetOrAdd(key, hash, out var added);
            UpdateState(ref state, added, localTicks, amount);
        }
        catch (OverflowException e)
        {
            throw SpendOverflow(key, position, e);
        }
    }

    /// <summary>
    /// Adds an admitted record of a customer not seen before by this accumulator; the customer gets index
    /// <see cref="CustomerCount"/>. Lets a reader that numbers customers densely in order of first appearance (the
    /// CSV path) skip the key lookup: later records of the customer go to <see cref="UpdateAt"/>.
    /// </summary>
    internal void AddNew(TKey key, long localTicks, decimal amount)
    {
        ref var state = ref customers.GetOrAdd(key, CustomerStates<TKey, State>.Hash(key), out var added);
        if (!added)
        {
            throw new InvalidOperationException("The customer was already added.");
        }

        UpdateState(ref state, added: true, localTicks, amount);
    }

    /// <summary>Adds an admitted record to the customer at dense index <paramref name="index"/>.</summary>
    /// <exception cref="RetentionDataException">The customer's total spend overflows.</exception>
    internal void UpdateAt(int index, long localTicks, decimal amount, long position)
    {
        try
        {
            UpdateState(ref customers.StateAt(index), added: false, localTicks, amount);
        }
        catch (OverflowException e)
        {
            throw SpendOverflow(customers.KeyAt(index), position, e);
        }
    }

    /// <summary>
    /// Reads the state at <paramref name="index"/> so that a caller updating a group of customers can start all their
    /// cache misses at once before it updates any of them; the value is meaningless.
    /// </summary>
    internal long TouchState(int index) => customers.StateAt(index).FirstTicks;

    private static RetentionDataException SpendOverflow(TKey key, long position, OverflowException e) =>
        new($"Record {position} (customer '{Describe(key)}'): {CustomerErrorMessages.SpendOverflow}", e);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void UpdateState(ref State state, bool added, long localTicks, decimal amount)
    {
        var day = PeriodCalendar.DayNumber(localTicks);
        var purchasePeriod = PeriodCalendar.PeriodOf(day, period);
        if (day > latestDay)
        {
            latestDay = day;
        }

        if (added)
        {
            state = new State
            {
                FirstTicks = localTicks,
                LastTicks = localTicks,
                FirstPeriod = purchasePeriod,
                LastPeriod = purchasePeriod,
                Transactions = 1,
                TotalSpend = amount,
                FirstPeriodSpend = amount,
                Periods = new PeriodList { TailCount = 1, Tail0 = purchasePeriod },
            };
            return;
        }

        state.Transactions++;
        state.TotalSpend += amount;
        if (localTicks < state.FirstTicks)
        {
            state.FirstTicks = localTicks;
        }

        if (localTicks > state.LastTicks)
        {
            state.LastTicks = localTicks;
        }

        if (purchasePeriod == state.FirstPeriod)
        {
            state.FirstPeriodSpend += amount;
        }
        else if (purchasePeriod < state.FirstPeriod)
        {
            state.FirstPeriod = purchasePeriod;
            state.FirstPeriodSpend = amount;
        }

        periods.Add(ref state.Periods, purchasePeriod, state.LastPeriod);
        if (purchasePeriod > state.LastPeriod)
        {
            state.LastPeriod = purchasePeriod;
        }
    }

    private static string Describe(TKey key) => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;

    private struct State
    {
        public long FirstTicks;
        public long LastTicks;
        public decimal TotalSpend;
        public decimal FirstPeriodSpend;
        public int FirstPeriod;
        public int LastPeriod;
        public int Transactions;
        public PeriodList Periods;

        public readonly CustomerSummary<TKey> ToSummary(TKey key, int asOfPeriod)
        {
            var frequency = Periods.Count - 1;
            return new CustomerSummary<TKey>(
                key,
                Transactions,
                TotalSpend,
                PeriodCalendar.DateTimeOf(FirstTicks),
                PeriodCalendar.DateTimeOf(LastTicks),
                frequency,
                LastPeriod - FirstPeriod,
                asOfPeriod - FirstPeriod,
                frequency == 0 ? 0m : (TotalSpend - FirstPeriodSpend) / frequency);
        }
    }
}
