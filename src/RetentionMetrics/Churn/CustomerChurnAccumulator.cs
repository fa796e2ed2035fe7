using System.Globalization;
using NodaTime;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Churn;

/// <summary>
/// Collects purchase or activity records one at a time, keeping a small state per customer, and produces the
/// per-period customer churn table. Accumulators over parts of a log merge into the state of the whole log.
/// </summary>
/// <remarks>
/// <b>Aggregates</b>: per customer it keeps the first day, a record count and the set of periods in which the customer
/// is active (a bitmap per 64 periods), never the records. Records may arrive in any order; the result does not
/// depend on it, and <see cref="Merge"/> of any split equals one pass. Not thread-safe.
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed partial class CustomerChurnAccumulator<TKey>
    where TKey : notnull
{
    private readonly CustomerTable<TKey> customers = new();
    private readonly PeriodSetArena active = new();
    private readonly PeriodSetArena purchases;
    private readonly ChurnPeriod period;
    private readonly int windowDays;
    private readonly int lastDay;
    private State[] states = new State[16];
    private int latestDay = -1;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="options">Period, zone, inactivity window and as-of date; defaults when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CustomerChurnAccumulator(CustomerChurnOptions? options = null)
    {
        Options = options ?? CustomerChurnOptions.Default;
        Options.Validate(nameof(options));
        period = Options.Period;
        windowDays = Options.WindowDays;
        purchases = windowDays == 0 ? active : new PeriodSetArena();
        lastDay = Options.AsOf is { } asOf ? PeriodCalendar.DayNumber(asOf) : int.MaxValue;
    }

    /// <summary>The options this accumulator was created with.</summary>
    public CustomerChurnOptions Options { get; }

    /// <summary>The number of distinct customers seen so far.</summary>
    public int CustomerCount => customers.Count;

    /// <summary>Records added so far, including those after the as-of date.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Records dated after the as-of date, left out.</summary>
    public long RecordsAfterAsOf { get; private set; }

    /// <summary>Adds one record at an instant, placed in the options' zone.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="time">When the purchase or activity happened.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The time is outside years 1 to 9999.</exception>
    public void Add(TKey customer, Instant time)
    {
        ArgumentNullException.ThrowIfNull(customer);
        AddDay(customer, ChurnCalendar.DayOf(time, Options.Zone), RecordsRead);
    }

    /// <summary>Adds one record on a calendar date.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="date">The day of the purchase or activity.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="RetentionDataException">The date is outside years 1 to 9999.</exception>
    public void Add(TKey customer, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(customer);
        AddDay(customer, ChurnCalendar.DayOf(date), RecordsRead);
    }

    /// <summary>Adds the state of another accumulator, as if its records had been added here; the other is unchanged.</summary>
    /// <param name="other">An accumulator with equal options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The two accumulators were created with different options.</exception>
    public void Merge(CustomerChurnAccumulator<TKey> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.period != period || other.windowDays != windowDays || other.lastDay != lastDay || other.Options.Zone.Id != Options.Zone.Id)
        {
            throw new ArgumentException("Only accumulators with the same period, zone, inactivity window and as-of date can be merged.", nameof(other));
        }

        var otherKeys = other.customers.Keys;
        for (var j = 0; j < otherKeys.Length; j++)
        {
            var source = other.states[j];
            var index = customers.GetOrAdd(otherKeys[j], out var added);
            if (added)
            {
                EnsureCapacity(index);
                states[index] = new State { FirstDay = source.FirstDay, Records = source.Records, Active = PeriodSetArena.Empty, Purchases = PeriodSetArena.Empty };
            }
            else
            {
                states[index].FirstDay = Math.Min(states[index].FirstDay, source.FirstDay);
                states[index].Records += source.Records;
            }

            ref var target = ref states[index];
            active.UnionWith(ref target.Active, other.active, source.Active);
            if (!ReferenceEquals(purchases, active))
            {
                purchases.UnionWith(ref target.Purchases, other.purchases, source.Purchases);
            }
        }

        RecordsRead += other.RecordsRead;
        RecordsAfterAsOf += other.RecordsAfterAsOf;
        latestDay = Math.Max(latestDay, other.latestDay);
    }

    /// <summary>The churn table of every customer seen so far.</summary>
    /// <returns>One row per period from the first customer's first period to the as-of (or latest) period.</returns>
    public CustomerChurnTable ToTable()
    {
        var (first, last) = Range();
        return ToTable(first, last, null);
    }

    /// <summary>The churn table of each acquisition cohort: the customers whose first record falls in the same period.</summary>
    /// <returns>One table per cohort, keyed by the first day of the acquisition period, oldest first.</returns>
    public IReadOnlyList<KeyValuePair<LocalDate, CustomerChurnTable>> ToTablesByCohort()
    {
        var (_, last) = Range();
        var cohorts = new SortedSet<int>();
        for (var i = 0; i < customers.Count; i++)
        {
            cohorts.Add(ChurnCalendar.PeriodOf(states[i].FirstDay, period));
        }

        return cohorts
            .Select(c => new KeyValuePair<LocalDate, CustomerChurnTable>(ChurnCalendar.StartOf(c, period), ToTable(c, last, c)))
            .ToList();
    }

    /// <summary>The first and last period of the table, or (0, −1) when empty.</summary>
    internal (int First, int Last) Range()
    {
        if (customers.Count == 0)
        {
            return (0, -1);
        }

        var firstDay = int.MaxValue;
        for (var i = 0; i < customers.Count; i++)
        {
            firstDay = Math.Min(firstDay, states[i].FirstDay);
        }

        var endDay = lastDay != int.MaxValue ? lastDay : latestDay;
        return (ChurnCalendar.PeriodOf(firstDay, period), ChurnCalendar.PeriodOf(Math.Max(endDay, firstDay), period));
    }

    /// <summary>The table over periods first..last, of all customers or of one acquisition cohort.</summary>
    internal CustomerChurnTable ToTable(int first, int last, int? cohort)
    {
        var n = Math.Max(0, last - first + 1);
        var end = new int[n];
        var fresh = new int[n];
        var back = new int[n];
        var churned = new int[n + 1];
        var buyers = new int[n];
        var repeat = new int[n];
        var included = 0;
        var repeatCustomers = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            ref readonly var state = ref states[i];
            var firstPeriod = ChurnCalendar.PeriodOf(state.FirstDay, period);
            if (cohort is { } c && c != firstPeriod)
            {
                continue;
            }

            included++;
            if (state.Records > 1)
            {
                repeatCustomers++;
            }

            var periods = active.ToArray(state.Active);
            for (var k = 0; k < periods.Length; k++)
            {
                var p = periods[k];
                if (p < first || p > last)
                {
                    continue;
                }

                var row = p - first;
                end[row]++;
                var previousActive = k > 0 && periods[k - 1] == p - 1;
                if (!previousActive)
                {
                    if (p == firstPeriod)
                    {
                        fresh[row]++;
                    }
                    else
                    {
                        back[row]++;
                    }
                }

                var nextActive = k + 1 < periods.Length && periods[k + 1] == p + 1;
                if (!nextActive)
                {
                    churned[row + 1]++;
                }
            }

            var bought = ReferenceEquals(purchases, active) ? periods : purchases.ToArray(state.Purchases);
            for (var k = 0; k < bought.Length; k++)
            {
                var p = bought[k];
                if (p < first || p > last)
                {
                    continue;
                }

                buyers[p - first]++;
                if (k > 0)
                {
                    repeat[p - first]++;
                }
            }
        }

        var rows = new CustomerChurnPeriod[n];
        for (var row = 0; row < n; row++)
        {
            var start = ChurnCalendar.StartOf(first + row, period);
            rows[row] = new CustomerChurnPeriod(
                start, ChurnCalendar.Label(start, period),
                StartCustomers: row == 0 ? 0 : end[row - 1],
                NewCustomers: fresh[row],
                ReactivatedCustomers: back[row],
                ChurnedCustomers: churned[row],
                EndCustomers: end[row],
                Purchasers: buyers[row],
                RepeatPurchasers: repeat[row]);
        }

        return new CustomerChurnTable(period, Options.Zone, rows, included, repeatCustomers, RecordsRead, RecordsAfterAsOf);
    }

    internal void AddDay(TKey customer, int day, long position)
    {
        RecordsRead++;
        if (day < 0)
        {
            throw new RetentionDataException(ChurnErrorMessages.TimeOutOfRange, Describe(customer), position);
        }

        if (day > lastDay)
        {
            RecordsAfterAsOf++;
            return;
        }

        latestDay = Math.Max(latestDay, day);
        var index = customers.GetOrAdd(customer, out var added);
        if (added)
        {
            EnsureCapacity(index);
            states[index] = new State { FirstDay = day, Records = 0, Active = PeriodSetArena.Empty, Purchases = PeriodSetArena.Empty };
        }

        ref var state = ref states[index];
        state.Records++;
        if (day < state.FirstDay)
        {
            state.FirstDay = day;
        }

        var own = ChurnCalendar.PeriodOf(day, period);
        active.Add(ref state.Active, own);
        if (windowDays > 0)
        {
            purchases.Add(ref state.Purchases, own);
            // Active in every period whose last day falls on one of the window's days d .. d + W − 1.
            var through = ChurnCalendar.PeriodOf((int)Math.Min(PeriodCalendar.MaximumDayNumber, (long)day + windowDays), period) - 1;
            for (var p = own + 1; p <= through; p++)
            {
                active.Add(ref state.Active, p);
            }
        }
    }

    private void EnsureCapacity(int index)
    {
        if (index == states.Length)
        {
            Array.Resize(ref states, checked(states.Length * 2));
        }
    }

    internal static string Describe(TKey key) => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;

    private struct State
    {
        public int FirstDay;
        public long Records;
        public int Active;
        public int Purchases;
    }
}
