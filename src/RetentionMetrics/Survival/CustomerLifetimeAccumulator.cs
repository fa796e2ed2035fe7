using System.Globalization;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Survival;

/// <summary>
/// The mergeable state behind customer lifetimes: first and last record day per customer, and its group; at the end,
/// one survival observation per customer (see <see cref="CustomerLifetimeOptions"/> for the definition).
/// </summary>
/// <remarks>
/// <para><b>Aggregates</b>: a few numbers per customer, never per record. Merge is associative and commutative, and
/// record order never changes the result. A customer's group is the one given with its earliest record (ties: the
/// ordinally smallest, no group first).</para>
/// <para>Not thread-safe: give each thread its own accumulator and merge them.</para>
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed partial class CustomerLifetimeAccumulator<TKey>
    where TKey : notnull
{
    /// <summary>The name of the group of customers recorded without a group.</summary>
    public const string UngroupedName = "all";

    private readonly CustomerTable<TKey> customers = new();
    private readonly DateTimeZone zone;
    private readonly bool isUtc;
    private readonly long lastCountedTicks;
    private State[] states = new State[16];
    private int latestDay = -1;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CustomerLifetimeAccumulator(CustomerLifetimeOptions? options = null)
    {
        Options = options ?? CustomerLifetimeOptions.Default;
        Options.Validate(nameof(options));
        zone = Options.Zone;
        isUtc = zone == DateTimeZone.Utc;
        lastCountedTicks = Options.AsOf is { } asOf
            ? (PeriodCalendar.DayNumber(asOf) + 1L) * PeriodCalendar.TicksPerDay - 1
            : PeriodCalendar.MaximumLocalTicks;
    }

    /// <summary>The options the accumulator was created with.</summary>
    public CustomerLifetimeOptions Options { get; }

    /// <summary>The number of distinct customers seen so far.</summary>
    public int CustomerCount => customers.Count;

    /// <summary>The number of records left out because they fall after the as-of date.</summary>
    public long RecordsAfterAsOf { get; private set; }

    /// <summary>Adds one record at an instant; its day is found in the options' time zone.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="time">When the record happened.</param>
    /// <param name="group">The customer's group (campaign, channel, …), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The time is outside years 1 to 9999.</exception>
    public void Add(TKey customer, Instant time, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Add(customer, PeriodCalendar.LocalTicks(time, zone, isUtc), group, null);
    }

    /// <summary>Adds one record on a calendar date.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="date">The day of the record.</param>
    /// <param name="group">The customer's group (campaign, channel, …), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The date is outside years 1 to 9999.</exception>
    public void Add(TKey customer, LocalDate date, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Add(customer, PeriodCalendar.LocalTicks(date), group, null);
    }

    /// <summary>Adds the state of another accumulator, as if its records had been added here.</summary>
    /// <param name="other">An accumulator with the same options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The accumulators have different zones or as-of dates.</exception>
    public void Merge(CustomerLifetimeAccumulator<TKey> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.zone.Id != zone.Id || other.Options.AsOf != Options.AsOf)
        {
            throw new ArgumentException("Only accumulators with the same time zone and as-of date can be merged.", nameof(other));
        }

        var keys = other.customers.Keys;
        for (var j = 0; j < keys.Length; j++)
        {
            var source = other.states[j];
            var index = customers.GetOrAdd(keys[j], out var added);
            if (added)
            {
                EnsureCapacity(index);
                states[index] = source;
                continue;
            }

            ref var target = ref states[index];
            Update(ref target, source.FirstTicks, source.Group);
            target.FirstDay = Math.Min(target.FirstDay, source.FirstDay);
            target.LastDay = Math.Max(target.LastDay, source.LastDay);
        }

        RecordsAfterAsOf += other.RecordsAfterAsOf;
        latestDay = Math.Max(latestDay, other.latestDay);
    }

    /// <summary>The as-of date the observations are censored at: the options' or the latest record's day.</summary>
    public LocalDate? AsOf => Options.AsOf ?? (latestDay >= 0 ? PeriodCalendar.DateOf(latestDay) : null);

    /// <summary>One lifetime observation per customer, in days, grouped by the customers' groups.</summary>
    /// <returns>The groups in ordinal order of name; customers without a group form <see cref="UngroupedName"/>.</returns>
    public IReadOnlyList<SurvivalGroup> ToGroups() => ToGroups([this]);

    /// <summary>
    /// The groups over accumulators of disjoint customers (hash partitions of one input): the same observations as one
    /// accumulator given every record, listed partition by partition.
    /// </summary>
    internal static IReadOnlyList<SurvivalGroup> ToGroups(IReadOnlyList<CustomerLifetimeAccumulator<TKey>> parts)
    {
        var options = parts[0].Options;
        var latest = parts.Max(p => p.latestDay);
        LocalDate? asOfDate = options.AsOf ?? (latest >= 0 ? PeriodCalendar.DateOf(latest) : null);
        var asOfDay = asOfDate is { } asOf ? PeriodCalendar.DayNumber(asOf) : 0;
        var byGroup = new SortedDictionary<string, List<SurvivalObservation>>(StringComparer.Ordinal);
        var gap = options.InactivityGap;
        foreach (var part in parts)
        {
            for (var i = 0; i < part.customers.Count; i++)
            {
                var state = part.states[i];
                var observation = ChurnDay(state.LastDay, gap) <= asOfDay
                    ? SurvivalObservation.Event(state.LastDay - state.FirstDay)
                    : SurvivalObservation.Censored(asOfDay - state.FirstDay);
                var name = state.Group ?? UngroupedName;
                if (!byGroup.TryGetValue(name, out var list))
                {
                    list = [];
                    byGroup.Add(name, list);
                }

                list.Add(observation);
            }
        }

        return byGroup.Select(g => new SurvivalGroup(g.Key, g.Value.ToArray())).ToArray();
    }

    /// <summary>
    /// Adds the records of a span whose customer falls in hash partition <paramref name="partition"/> of
    /// <paramref name="partitions"/> (all of them when there is one partition); a missing key belongs to partition 0.
    /// </summary>
    internal void AddRange<T, TTime>(
        ReadOnlySpan<T> records, Func<T, TKey> customer, TTime time, Func<T, string?>? group, long firstPosition,
        int partition = 0, int partitions = 1)
        where TTime : struct, ILocalTicks<T>
    {
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            var key = customer(record);
            if (key is null)
            {
                if (partition == 0)
                {
                    throw new RetentionDataException(CustomerErrorMessages.MissingCustomer, null, firstPosition + i);
                }

                continue;
            }

            if (partitions > 1 && CustomerTable<TKey>.Partition(CustomerTable<TKey>.Hash(key), partitions) != partition)
            {
                continue;
            }

            Add(key, time.Of(record), group?.Invoke(record), firstPosition + i);
        }
    }

    /// <summary>The day a customer last seen on <paramref name="lastDay"/> counts as churned; past the calendar, never.</summary>
    private static long ChurnDay(int lastDay, Period gap)
    {
        try
        {
            var churn = PeriodCalendar.DateOf(lastDay).Plus(gap);
            return churn.Year > 9999 ? long.MaxValue : PeriodCalendar.DayNumber(churn);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return long.MaxValue;
        }
    }

    internal void Add(TKey key, long localTicks, string? group, long? position)
    {
        if (localTicks < 0)
        {
            throw new RetentionDataException(CustomerErrorMessages.TimeOutOfRange, Convert.ToString(key, CultureInfo.InvariantCulture), position);
        }

        if (localTicks > lastCountedTicks)
        {
            RecordsAfterAsOf++;
            return;
        }

        var day = PeriodCalendar.DayNumber(localTicks);
        latestDay = Math.Max(latestDay, day);
        var index = customers.GetOrAdd(key, out var added);
        if (added)
        {
            EnsureCapacity(index);
            states[index] = new State { FirstTicks = localTicks, FirstDay = day, LastDay = day, Group = group };
            return;
        }

        ref var state = ref states[index];
        Update(ref state, localTicks, group);
        state.FirstDay = Math.Min(state.FirstDay, day);
        state.LastDay = Math.Max(state.LastDay, day);
    }

    private static void Update(ref State state, long ticks, string? group)
    {
        if (ticks < state.FirstTicks)
        {
            state.FirstTicks = ticks;
            state.Group = group;
        }
        else if (ticks == state.FirstTicks && string.CompareOrdinal(group, state.Group) < 0)
        {
            state.Group = group;
        }
    }

    private void EnsureCapacity(int index)
    {
        if (index == states.Length)
        {
            Array.Resize(ref states, checked(states.Length * 2));
        }
    }

    private struct State
    {
        public long FirstTicks;
        public int FirstDay;
        public int LastDay;
        public string? Group;
    }
}
