using System.Globalization;
using System.Numerics;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Cohorts;

/// <summary>
/// The mergeable state behind cohort tables: add activity records one at a time or in batches, merge with the state
/// of another partition of the input, and read a <see cref="CohortTable"/> for any measure at the end.
/// </summary>
/// <remarks>
/// <para><b>Aggregates</b>: per customer it keeps the acquisition inputs (earliest record, earliest signup, group),
/// a bitmap of active periods (64 periods per block) and, with <see cref="CohortOptions.TrackRevenue"/>, the revenue
/// of each active period. Memory grows with customers × distinct active periods, never with records.</para>
/// <para>A customer's acquisition period is the period of its first record, or of the earliest signup date given
/// with any of its records when that is earlier (a record dated before the signup date given with it is an error). Its group is the one given with its earliest record (ties: the ordinally smallest
/// group, no group first). Every record counts as activity, whatever its amount; amounts add up to revenue,
/// negative amounts (refunds) subtracting.</para>
/// <para>Merge is associative and commutative: splitting the input in any way, accumulating each part and merging
/// gives the same table as one pass over the whole, and record order never changes the result.</para>
/// <para>Not thread-safe: give each thread its own accumulator and merge them.</para>
/// </remarks>
/// <typeparam name="TKey">The customer key type (string, long, Guid, …).</typeparam>
public sealed partial class CohortAccumulator<TKey>
    where TKey : notnull
{
    private const int NoSignup = int.MaxValue;
    private const int NoGroup = -1;
    private const int NoRevenue = -1;

    private readonly CustomerStates<TKey, State> customers;
    private readonly ActivityBlocks blocks = new();
    private readonly CohortPeriod period;
    private readonly DateTimeZone zone;
    private readonly bool isUtc;
    private readonly bool trackRevenue;
    private readonly long lastCountedTicks;
    private readonly List<string> groupNames = [];
    private readonly Dictionary<string, int> groupIndex = new(StringComparer.Ordinal);
    private RevenueEntry[] revenue = new RevenueEntry[16];
    private int revenueCount;
    private int latestDay = -1;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="options">Period, zone, as-of date and the rest; <see cref="CohortOptions.Default"/> when null.</param>
    /// <param name="expectedCustomers">A capacity hint; the accumulator grows as needed.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedCustomers"/> is negative.</exception>
    public CohortAccumulator(CohortOptions? options = null, int expectedCustomers = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCustomers);
        Options = options ?? CohortOptions.Default;
        Options.Validate(nameof(options));
        period = Options.Period;
        zone = Options.Zone;
        isUtc = zone == DateTimeZone.Utc;
        trackRevenue = Options.TrackRevenue;
        lastCountedTicks = Options.AsOf is { } asOf
            ? (PeriodCalendar.DayNumber(asOf) + 1L) * PeriodCalendar.TicksPerDay - 1
            : PeriodCalendar.MaximumLocalTicks;
        customers = new CustomerStates<TKey, State>(expectedCustomers);
    }

    /// <summary>The options the accumulator was created with.</summary>
    public CohortOptions Options { get; }

    /// <summary>The number of distinct customers seen so far.</summary>
    public int CustomerCount => customers.Count;

    /// <summary>The number of records offered so far, counted or not.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>The number of records left out because they fall after <see cref="CohortOptions.AsOf"/>.</summary>
    public long RecordsAfterAsOf { get; private set; }

    /// <summary>An estimate of the bytes of per-customer state held, for capacity planning.</summary>
    public long StateBytes =>
        (long)customers.Count * (System.Runtime.CompilerServices.Unsafe.SizeOf<State>() + 8 + 16)
        + (long)blocks.ChunkCount * 16 + (long)revenueCount * 24;

    /// <summary>Adds one record at an instant; its day is found in the options' time zone.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="time">When the activity happened.</param>
    /// <param name="amount">The record's revenue (negative for a refund); ignored without revenue tracking.</param>
    /// <param name="group">The customer's group (channel, plan, …), or <see langword="null"/>.</param>
    /// <param name="signup">The customer's signup date, when acquisition is not the first activity.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The time is outside years 1 to 9999, the record is dated before the signup date, or revenue overflows.</exception>
    public void Add(TKey customer, Instant time, decimal amount = 0m, string? group = null, LocalDate? signup = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Add(customer, CustomerTable<TKey>.Hash(customer), PeriodCalendar.LocalTicks(time, zone, isUtc), amount, group, SignupDay(signup, customer, RecordsRead), RecordsRead);
    }

    /// <summary>Adds one record on a calendar date.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="date">The day of the activity.</param>
    /// <param name="amount">The record's revenue (negative for a refund); ignored without revenue tracking.</param>
    /// <param name="group">The customer's group (channel, plan, …), or <see langword="null"/>.</param>
    /// <param name="signup">The customer's signup date, when acquisition is not the first activity.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The date is outside years 1 to 9999, the record is dated before the signup date, or revenue overflows.</exception>
    public void Add(TKey customer, LocalDate date, decimal amount = 0m, string? group = null, LocalDate? signup = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Add(customer, CustomerTable<TKey>.Hash(customer), PeriodCalendar.LocalTicks(date), amount, group, SignupDay(signup, customer, RecordsRead), RecordsRead);
    }

    /// <summary>
    /// Adds the state of another accumulator, as if its records had been added here. The other accumulator is unchanged.
    /// </summary>
    /// <param name="other">An accumulator with the same period, time zone, as-of date and revenue tracking.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The two accumulators were created with different options.</exception>
    /// <exception cref="RetentionDataException">A revenue sum overflows.</exception>
    public void Merge(CohortAccumulator<TKey> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.period != period || other.zone.Id != zone.Id || other.Options.AsOf != Options.AsOf || other.trackRevenue != trackRevenue)
        {
            throw new ArgumentException(CohortErrorMessages.MergeMismatch, nameof(other));
        }

        for (var j = 0; j < other.customers.Count; j++)
        {
            var source = other.customers.StateAt(j);
            var key = other.customers.KeyAt(j);
            ref var merged = ref customers.GetOrAdd(key, CustomerStates<TKey, State>.Hash(key), out var added);
            var sourceGroup = other.GroupName(source.Group);
            if (added)
            {
                merged = new State
                {
                    FirstTicks = source.FirstTicks,
                    Block = source.Block,
                    Bits = source.Bits,
                    Extra = ActivityBlocks.Empty,
                    Signup = source.Signup,
                    Group = Intern(sourceGroup),
                    Revenue = NoRevenue,
                };
            }
            else
            {
                UpdateGroup(ref merged, source.FirstTicks, sourceGroup);
                merged.Signup = Math.Min(merged.Signup, source.Signup);
                SetBits(ref merged, source.Block, source.Bits);
            }

            for (var c = source.Extra; c != ActivityBlocks.Empty; c = other.blocks.Next(c))
            {
                SetBits(ref merged, other.blocks.Block(c), other.blocks.Bits(c));
            }

            for (var e = source.Revenue; e != NoRevenue; e = other.revenue[e].Next)
            {
                AddRevenue(ref merged.Revenue, other.revenue[e].Period, other.revenue[e].Amount, key, null);
            }
        }

        RecordsRead += other.RecordsRead;
        RecordsAfterAsOf += other.RecordsAfterAsOf;
        latestDay = Math.Max(latestDay, other.latestDay);
    }

    /// <summary>The cohort table of every customer seen so far, for the options' measure and columns.</summary>
    /// <returns>A table independent of this accumulator: adding more records later does not change it.</returns>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    public CohortTable ToTable() => ToTable(Options.Measure);

    /// <summary>The cohort table of every customer seen so far, for <paramref name="measure"/>.</summary>
    /// <param name="measure">What the cells hold.</param>
    /// <returns>A table independent of this accumulator: adding more records later does not change it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="measure"/> is not a defined measure.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    public CohortTable ToTable(CohortMeasure measure) => Combine([this], Options, measure);

    /// <summary>Adds the records of <paramref name="records"/> whose key falls in <paramref name="partition"/>.</summary>
    internal void AddRange<T, TTime>(
        ReadOnlySpan<T> records, Func<T, TKey> customer, TTime time, Func<T, decimal> amount,
        Func<T, string?>? group, Func<T, LocalDate>? signup, long firstPosition, int partition = 0, int partitions = 1)
        where TTime : struct, ILocalTicks<T>
    {
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            var key = customer(record) ?? throw new RetentionDataException(CustomerErrorMessages.MissingCustomer, null, firstPosition + i);
            var hash = CustomerTable<TKey>.Hash(key);
            if (partitions > 1 && CustomerTable<TKey>.Partition(hash, partitions) != partition)
            {
                continue;
            }

            Add(
                key, hash, time.Of(record), trackRevenue ? amount(record) : 0m, group?.Invoke(record),
                signup is null ? -1 : SignupDay(signup(record), key, firstPosition + i), firstPosition + i);
        }
    }

    /// <summary>Adds entries read from <paramref name="records"/> (the window they index), in their order.</summary>
    internal void AddEntries<T>(
        ReadOnlySpan<T> records, ReadOnlySpan<CohortEntry<TKey>> entries, Func<T, decimal> amount,
        Func<T, string?>? group, Func<T, LocalDate>? signup, long firstPosition)
    {
        var simple = !trackRevenue && group is null && signup is null;
        foreach (ref readonly var entry in entries)
        {
            var position = firstPosition + entry.Index;
            var key = entry.Key ?? throw new RetentionDataException(CustomerErrorMessages.MissingCustomer, null, position);
            if (simple)
            {
                Add(key, CustomerTable<TKey>.Hash(key), entry.Ticks, 0m, null, -1, position);
                continue;
            }

            var record = records[entry.Index];
            Add(
                key, CustomerTable<TKey>.Hash(key), entry.Ticks, trackRevenue ? amount(record) : 0m, group?.Invoke(record),
                signup is null ? -1 : SignupDay(signup(record), key, position), position);
        }
    }

    /// <summary>The table over several accumulators of disjoint customers (hash partitions of one input).</summary>
    internal static CohortTable Combine(IReadOnlyList<CohortAccumulator<TKey>> parts, CohortOptions options, CohortMeasure measure)
    {
        if (!Enum.IsDefined(measure))
        {
            throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown cohort measure.");
        }

        if (!options.TrackRevenue && measure is CohortMeasure.Revenue or CohortMeasure.CumulativeRevenuePerCustomer)
        {
            throw new InvalidOperationException(CohortErrorMessages.RevenueNotTracked);
        }

        var latestDay = parts.Max(p => p.latestDay);
        var customerCount = parts.Sum(p => (long)p.CustomerCount);
        if (parts.Count == 1 || customerCount < ParallelCombineThreshold)
        {
            var builder = new CohortTableBuilder(options, measure, latestDay);
            foreach (var part in parts)
            {
                part.CountCustomers(builder);
            }

            return builder.Build();
        }

        // Each partition counts its own customers into its own builder on all cores; the builders are then merged in
        // partition order (counts are integers and revenue decimal, so the order does not change the sums).
        var builders = new CohortTableBuilder[parts.Count];
        try
        {
            Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, p =>
            {
                builders[p] = new CohortTableBuilder(options, measure, latestDay);
                parts[p].CountCustomers(builders[p]);
            });
        }
        catch (AggregateException e) when (e.InnerException is RetentionDataException data)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(data);
        }

        for (var p = 1; p < builders.Length; p++)
        {
            builders[0].Merge(builders[p]);
        }

        return builders[0].Build();
    }

    private const long ParallelCombineThreshold = 50_000;

    internal void CountCustomers(CohortTableBuilder builder)
    {
        var periods = new List<int>(64);
        for (var i = 0; i < customers.Count; i++)
        {
            ref var state = ref customers.StateAt(i);
            periods.Clear();
            AppendPeriods(periods, state.Block, state.Bits);
            for (var c = state.Extra; c != ActivityBlocks.Empty; c = blocks.Next(c))
            {
                AppendPeriods(periods, blocks.Block(c), blocks.Bits(c));
            }

            var cohort = builder.AddCustomer(GroupName(state.Group), state.Signup == NoSignup ? null : state.Signup, periods);
            for (var e = state.Revenue; e != NoRevenue; e = revenue[e].Next)
            {
                cohort.AddRevenue(revenue[e].Period, revenue[e].Amount);
            }
        }
    }

    private static void AppendPeriods(List<int> periods, int block, ulong bits)
    {
        while (bits != 0)
        {
            periods.Add((block << 6) + BitOperations.TrailingZeroCount(bits));
            bits &= bits - 1;
        }
    }

    private int SignupDay(LocalDate? signup, TKey key, long position) => signup is { } date ? SignupDay(date, key, position) : -1;

    private static int SignupDay(LocalDate signup, TKey key, long position) =>
        signup.Year is >= 1 and <= 9999
            ? PeriodCalendar.DayNumber(signup)
            : throw new RetentionDataException(CustomerErrorMessages.TimeOutOfRange, Describe(key), position);

    private void Add(TKey key, ulong hash, long localTicks, decimal amount, string? group, int signupDay, long position)
    {
        RecordsRead++;
        if (localTicks < 0)
        {
            throw new RetentionDataException(CustomerErrorMessages.TimeOutOfRange, Describe(key), position);
        }

        if (localTicks > lastCountedTicks)
        {
            RecordsAfterAsOf++;
            return;
        }

        var day = PeriodCalendar.DayNumber(localTicks);
        var signupPeriod = NoSignup;
        if (signupDay >= 0)
        {
            if (day < signupDay)
            {
                throw new RetentionDataException(CohortErrorMessages.ActivityBeforeSignup, Describe(key), position);
            }

            signupPeriod = CohortCalendar.PeriodOf(signupDay, period);
        }

        var activePeriod = CohortCalendar.PeriodOf(day, period);
        if (day > latestDay)
        {
            latestDay = day;
        }

        ref var existing = ref customers.GetOrAdd(key, hash, out var added);
        var newPeriod = true;
        if (added)
        {
            existing = new State
            {
                FirstTicks = localTicks,
                Block = activePeriod >> 6,
                Bits = 1UL << (activePeriod & 63),
                Extra = ActivityBlocks.Empty,
                Signup = signupPeriod,
                Group = Intern(group),
                Revenue = NoRevenue,
            };
        }
        else
        {
            newPeriod = SetBits(ref existing, activePeriod >> 6, 1UL << (activePeriod & 63));
            if (signupPeriod < existing.Signup)
            {
                existing.Signup = signupPeriod;
            }

            if (localTicks <= existing.FirstTicks)
            {
                UpdateGroup(ref existing, localTicks, group);
            }
        }

        if (trackRevenue)
        {
            // A period seen for the first time has no revenue entry yet: append without walking the chain.
            AddRevenue(ref existing.Revenue, activePeriod, amount, key, position, newPeriod);
        }
    }

    /// <summary>Sets the bits of a block of active periods; true when any was not set before.</summary>
    private bool SetBits(ref State state, int block, ulong bits)
    {
        if (block == state.Block)
        {
            var added = (state.Bits & bits) != bits;
            state.Bits |= bits;
            return added;
        }

        return blocks.Add(ref state.Extra, block, bits);
    }

    /// <summary>The group of the earliest record wins; on a tie the ordinally smallest (no group first).</summary>
    private void UpdateGroup(ref State state, long ticks, string? group)
    {
        if (ticks < state.FirstTicks)
        {
            state.FirstTicks = ticks;
            state.Group = Intern(group);
            return;
        }

        if (ticks == state.FirstTicks && string.CompareOrdinal(group, GroupName(state.Group)) < 0)
        {
            state.Group = Intern(group);
        }
    }

    private void AddRevenue(ref int head, int activePeriod, decimal amount, TKey key, long? position, bool newPeriod = false)
    {
        try
        {
            for (var e = newPeriod ? NoRevenue : head; e != NoRevenue; e = revenue[e].Next)
            {
                if (revenue[e].Period == activePeriod)
                {
                    revenue[e].Amount += amount;
                    return;
                }
            }
        }
        catch (OverflowException)
        {
            throw new RetentionDataException(CohortErrorMessages.RevenueOverflow, Describe(key), position);
        }

        if (revenueCount == revenue.Length)
        {
            Array.Resize(ref revenue, checked(revenue.Length * 2));
        }

        revenue[revenueCount] = new RevenueEntry { Amount = amount, Period = activePeriod, Next = head };
        head = revenueCount++;
    }

    private int Intern(string? group)
    {
        if (group is null)
        {
            return NoGroup;
        }

        if (!groupIndex.TryGetValue(group, out var index))
        {
            index = groupNames.Count;
            groupNames.Add(group);
            groupIndex.Add(group, index);
        }

        return index;
    }

    private string? GroupName(int group) => group == NoGroup ? null : groupNames[group];

    private static string Describe(TKey key) => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;

    private struct State
    {
        public long FirstTicks;
        public ulong Bits;
        public int Block;
        public int Extra;
        public int Signup;
        public int Group;
        public int Revenue;
    }

    private struct RevenueEntry
    {
        public decimal Amount;
        public int Period;
        public int Next;
    }
}
