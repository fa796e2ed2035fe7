using System.Collections;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Lifetime;

/// <summary>A validated set of repeat-purchase summaries, the input every lifetime-value model is fitted on.</summary>
/// <remarks>
/// <para>An immutable value, in the order given. Validation at creation rejects negative, NaN or infinite values,
/// a recency above T, non-positive weights and empty input, naming the customer; each model checks what only it
/// needs (repeat purchases at recency 0 for continuous models, repeat buyers for Gamma-Gamma, whole numbers for
/// BG/BB).</para>
/// </remarks>
public sealed class RepeatPurchaseData : IReadOnlyList<RepeatPurchaseSummary>
{
    /// <summary>Days in a week, the unit of the CDNOW literature (weeks = days / 7).</summary>
    public const double DaysPerWeek = 7d;

    /// <summary>The mean length of a Gregorian month in days (365.25 / 12).</summary>
    public const double DaysPerMonth = 30.4375d;

    private readonly RepeatPurchaseSummary[] customers;

    private RepeatPurchaseData(RepeatPurchaseSummary[] customers)
    {
        this.customers = customers;
        TotalWeight = customers.Sum(c => c.Weight);
    }

    /// <summary>The number of rows.</summary>
    public int Count => customers.Length;

    /// <summary>The number of customers the rows stand for (the sum of the weights).</summary>
    public double TotalWeight { get; }

    /// <summary>The row at <paramref name="index"/>.</summary>
    /// <param name="index">A 0-based row index.</param>
    public RepeatPurchaseSummary this[int index] => customers[index];

    /// <summary>The rows as a span.</summary>
    public ReadOnlySpan<RepeatPurchaseSummary> AsSpan() => customers;

    /// <summary>Validates and stores the given rows.</summary>
    /// <param name="customers">The rows.</param>
    /// <returns>The validated data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="RetentionDataException">The rows are empty, or a row is negative, not finite, has a recency above T or a bad weight; the message names the customer and row.</exception>
    public static RepeatPurchaseData Create(IEnumerable<RepeatPurchaseSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var rows = customers.ToArray();
        if (rows.Length == 0)
        {
            throw new RetentionDataException(LifetimeErrorMessages.NoCustomers);
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (!IsFiniteNonNegative(row.Frequency) || !IsFiniteNonNegative(row.Recency) || !IsFiniteNonNegative(row.T)
                || !IsFiniteNonNegative(row.MonetaryValue))
            {
                throw new RetentionDataException(LifetimeErrorMessages.NotFiniteOrNegative, row.CustomerId, i);
            }

            if (row.Recency > row.T * (1 + 1e-12))
            {
                throw new RetentionDataException(LifetimeErrorMessages.RecencyAfterT, row.CustomerId, i);
            }

            if (!double.IsFinite(row.Weight) || row.Weight <= 0)
            {
                throw new RetentionDataException(LifetimeErrorMessages.BadWeight, row.CustomerId, i);
            }
        }

        return new RepeatPurchaseData(rows);
    }

    /// <summary>
    /// Builds the data from the foundation's customer summaries, converting their periods to the models' time unit:
    /// recency and T are divided by <paramref name="periodsPerTimeUnit"/>.
    /// </summary>
    /// <remarks>The CDNOW literature counts days and measures in weeks: summaries by <see cref="PurchasePeriod.Day"/>
    /// with <paramref name="periodsPerTimeUnit"/> = <see cref="DaysPerWeek"/> give its x, t_x and T exactly.</remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="summaries">The customer summaries (for example of a calibration period).</param>
    /// <param name="periodsPerTimeUnit">How many summary periods make one model time unit (1 keeps the periods).</param>
    /// <returns>The validated data, one row per customer with weight 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodsPerTimeUnit"/> is not a positive finite number.</exception>
    /// <exception cref="RetentionDataException">There are no customers, or a summary is unusable (a negative monetary value after refunds).</exception>
    public static RepeatPurchaseData FromSummaries<TKey>(CustomerSummaries<TKey> summaries, double periodsPerTimeUnit = 1d)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(summaries);
        if (!double.IsFinite(periodsPerTimeUnit) || periodsPerTimeUnit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(periodsPerTimeUnit), periodsPerTimeUnit, "Expected a positive finite number of periods per time unit.");
        }

        var rows = new RepeatPurchaseSummary[summaries.Count];
        var span = summaries.AsSpan();
        for (var i = 0; i < rows.Length; i++)
        {
            var s = span[i];
            rows[i] = new RepeatPurchaseSummary(
                s.CustomerId.ToString() ?? string.Empty, s.Frequency, s.Recency / periodsPerTimeUnit, s.T / periodsPerTimeUnit, (double)s.MonetaryValue);
        }

        return Create(rows);
    }

    /// <summary>Periods per time unit for a summary period and a model time unit, taking a week as 7 days and a month as <see cref="DaysPerMonth"/> days.</summary>
    /// <param name="period">The period the summaries count in.</param>
    /// <param name="timeUnit">The time unit the models should measure in.</param>
    /// <returns>The divisor to pass to <see cref="FromSummaries{TKey}"/>.</returns>
    /// <example><c>PeriodsPerTimeUnit(PurchasePeriod.Day, PurchasePeriod.Week)</c> is 7: weeks = days / 7, as in the CDNOW literature.</example>
    public static double PeriodsPerTimeUnit(PurchasePeriod period, PurchasePeriod timeUnit) => Days(timeUnit) / Days(period);

    /// <inheritdoc />
    public IEnumerator<RepeatPurchaseSummary> GetEnumerator() => ((IEnumerable<RepeatPurchaseSummary>)customers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void RequireContinuous()
    {
        for (var i = 0; i < customers.Length; i++)
        {
            if (customers[i].Frequency > 0 && customers[i].Recency <= 0)
            {
                throw new RetentionDataException(LifetimeErrorMessages.RepeatPurchasesAtRecencyZero, customers[i].CustomerId, i);
            }
        }
    }

    private static double Days(PurchasePeriod period) => period switch
    {
        PurchasePeriod.Day => 1d,
        PurchasePeriod.Week => DaysPerWeek,
        PurchasePeriod.Month => DaysPerMonth,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown purchase period."),
    };

    private static bool IsFiniteNonNegative(double value) => double.IsFinite(value) && value >= 0;
}
