using RetentionMetrics.Customers;

namespace RetentionMetrics.Lifetime;

/// <summary>The simple lifetime-value formulas marketers use: historical, APV × PF × lifespan, the discounted retention formula, CLV:CAC and payback.</summary>
/// <remarks>Money is <see cref="decimal"/>; the retention formulas work in <see cref="double"/>. See <c>docs/clv.md</c>.</remarks>
public static class LifetimeValueFormulas
{
    /// <summary>Historical lifetime value: revenue to date times the gross margin.</summary>
    /// <param name="revenue">The customer's revenue to date.</param>
    /// <param name="margin">The share of revenue that is profit, 0 to 1 (1 = revenue).</param>
    /// <returns>revenue × margin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is outside 0 to 1.</exception>
    /// <example>Revenue 1,200 at a 25% margin: 300.</example>
    public static decimal Historical(decimal revenue, decimal margin = 1m) => revenue * CheckMargin(margin);

    /// <summary>APV × PF × lifespan × margin from totals.</summary>
    /// <param name="revenue">Total revenue.</param>
    /// <param name="purchases">Number of purchases, 0 or more.</param>
    /// <param name="customers">Number of distinct customers, 0 or more.</param>
    /// <param name="lifespan">Average lifespan in the periods the purchases were counted over, 0 or more.</param>
    /// <param name="margin">The share of revenue that is profit, 0 to 1.</param>
    /// <returns>The parts and the value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or the lifespan is negative, or the margin is outside 0 to 1.</exception>
    /// <example>Revenue 10,000 from 200 purchases by 50 customers, lifespan 3, margin 1: APV 50 × PF 4 × 3 = 600.</example>
    public static AverageLifetimeValue Average(decimal revenue, long purchases, long customers, decimal lifespan, decimal margin = 1m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        ArgumentOutOfRangeException.ThrowIfNegative(lifespan);
        CheckMargin(margin);
        var apv = purchases == 0 ? 0m : revenue / purchases;
        var pf = customers == 0 ? 0m : (decimal)purchases / customers;
        return new AverageLifetimeValue(revenue, purchases, customers, apv, pf, lifespan, margin, apv * pf * lifespan * margin);
    }

    /// <summary>APV × PF × lifespan × margin over customer summaries, overall (key "") and per segment.</summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="summaries">The customers' summaries (revenue and transactions).</param>
    /// <param name="lifespan">Average lifespan in the summaries' periods of observation, 0 or more.</param>
    /// <param name="segment">The segment of a customer, or null for overall only.</param>
    /// <param name="margin">The share of revenue that is profit, 0 to 1.</param>
    /// <returns>By segment name, in order of name; the empty name holds the overall value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lifespan is negative or the margin is outside 0 to 1.</exception>
    public static IReadOnlyDictionary<string, AverageLifetimeValue> Average<TKey>(
        CustomerSummaries<TKey> summaries, decimal lifespan, Func<CustomerSummary<TKey>, string>? segment = null, decimal margin = 1m)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var totals = new SortedDictionary<string, (decimal Revenue, long Purchases, long Customers)>(StringComparer.Ordinal);
        void AddTo(string key, CustomerSummary<TKey> s)
        {
            totals.TryGetValue(key, out var t);
            totals[key] = (t.Revenue + s.TotalSpend, t.Purchases + s.Transactions, t.Customers + 1);
        }

        totals[string.Empty] = default;
        foreach (var s in summaries)
        {
            AddTo(string.Empty, s);
            if (segment is not null)
            {
                AddTo(segment(s) ?? string.Empty, s);
            }
        }

        return totals.ToDictionary(kv => kv.Key, kv => Average(kv.Value.Revenue, kv.Value.Purchases, kv.Value.Customers, lifespan, margin));
    }

    /// <summary>
    /// The discounted retention formula m · (1 + d) / (1 + d − r): the present value of a customer who yields margin m
    /// at the start of every period (the first one now, undiscounted) and stays each period with constant probability r.
    /// With <paramref name="excludeFirstPeriod"/>, the first margin is left out (it is already earned): m · r / (1 + d − r).
    /// </summary>
    /// <param name="marginPerPeriod">The margin per period m, 0 or more.</param>
    /// <param name="retentionRate">The constant retention rate r, 0 to 1.</param>
    /// <param name="discountRate">The discount rate per period d, 0 or more; with r = 1 it must be above 0.</param>
    /// <param name="excludeFirstPeriod">Whether to leave out the margin of the current period.</param>
    /// <returns>The lifetime value, 0 or more.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or r = 1 with d = 0 (an infinite value).</exception>
    /// <example>m = 100, r = 0.8, d = 0.1: 100 · 1.1 / 0.3 = 366.67; without the first period 100 · 0.8 / 0.3 = 266.67.</example>
    public static double DiscountedRetention(double marginPerPeriod, double retentionRate, double discountRate, bool excludeFirstPeriod = false)
    {
        CheckRetention(marginPerPeriod, retentionRate, discountRate);
        var denominator = 1 + discountRate - retentionRate;
        return marginPerPeriod * (excludeFirstPeriod ? retentionRate : 1 + discountRate) / denominator;
    }

    /// <summary>The ratio of lifetime value to customer acquisition cost.</summary>
    /// <param name="lifetimeValue">The lifetime value, finite.</param>
    /// <param name="acquisitionCost">The acquisition cost, above 0.</param>
    /// <returns>CLV ÷ CAC.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="acquisitionCost"/> is not above 0 or a value is not finite.</exception>
    /// <example>CLV 366.67 and CAC 120: 3.06.</example>
    public static double LifetimeValueToAcquisitionCost(double lifetimeValue, double acquisitionCost)
    {
        if (!double.IsFinite(lifetimeValue))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetimeValue), lifetimeValue, "Expected a finite lifetime value.");
        }

        CheckCost(acquisitionCost);
        return lifetimeValue / acquisitionCost;
    }

    /// <summary>The CAC payback period: periods of margin needed to earn back the acquisition cost, CAC ÷ m (undiscounted, no churn).</summary>
    /// <param name="acquisitionCost">The acquisition cost, above 0.</param>
    /// <param name="marginPerPeriod">The margin per period, above 0.</param>
    /// <returns>The number of periods, possibly fractional.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not above 0 and finite.</exception>
    /// <example>CAC 120, margin 100 a month: 1.2 months.</example>
    public static double AcquisitionCostPayback(double acquisitionCost, double marginPerPeriod)
    {
        CheckCost(acquisitionCost);
        if (!double.IsFinite(marginPerPeriod) || marginPerPeriod <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(marginPerPeriod), marginPerPeriod, "Expected a positive finite margin per period.");
        }

        return acquisitionCost / marginPerPeriod;
    }

    /// <summary>
    /// The CAC payback period with retention and discounting: the fewest whole periods n such that the expected
    /// discounted margin Σₖ₌₀ⁿ⁻¹ m (r / (1 + d))ᵏ reaches the acquisition cost; null when it never does.
    /// </summary>
    /// <param name="acquisitionCost">The acquisition cost, above 0.</param>
    /// <param name="marginPerPeriod">The margin per period m, 0 or more.</param>
    /// <param name="retentionRate">The constant retention rate r, 0 to 1.</param>
    /// <param name="discountRate">The discount rate per period d, 0 or more.</param>
    /// <returns>The number of periods, or null when the lifetime value stays below the cost.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <example>CAC 150, m = 100, r = 0.8, d = 0: 100 + 80 = 180 ≥ 150 after 2 periods.</example>
    public static int? AcquisitionCostPayback(double acquisitionCost, double marginPerPeriod, double retentionRate, double discountRate)
    {
        CheckCost(acquisitionCost);
        CheckRetention(marginPerPeriod, retentionRate, discountRate, allowInfinite: true);
        var factor = retentionRate / (1 + discountRate);
        if (factor < 1 && marginPerPeriod / (1 - factor) < acquisitionCost)
        {
            return null;
        }

        var cumulative = 0d;
        var term = marginPerPeriod;
        for (var n = 1; n <= 10_000_000; n++)
        {
            cumulative += term;
            if (cumulative >= acquisitionCost * (1 - 1e-12))
            {
                return n;
            }

            term *= factor;
        }

        return null;
    }

    private static decimal CheckMargin(decimal margin) =>
        margin is >= 0m and <= 1m ? margin : throw new ArgumentOutOfRangeException(nameof(margin), margin, "Expected a margin from 0 to 1.");

    private static void CheckCost(double acquisitionCost)
    {
        if (!double.IsFinite(acquisitionCost) || acquisitionCost <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(acquisitionCost), acquisitionCost, "Expected a positive finite acquisition cost.");
        }
    }

    private static void CheckRetention(double marginPerPeriod, double retentionRate, double discountRate, bool allowInfinite = false)
    {
        if (!double.IsFinite(marginPerPeriod) || marginPerPeriod < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(marginPerPeriod), marginPerPeriod, "Expected a finite margin per period, 0 or more.");
        }

        if (!double.IsFinite(retentionRate) || retentionRate < 0 || retentionRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(retentionRate), retentionRate, "Expected a retention rate from 0 to 1.");
        }

        if (!double.IsFinite(discountRate) || discountRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "Expected a finite discount rate, 0 or more.");
        }

        if (!allowInfinite && retentionRate == 1 && discountRate == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "With a retention rate of 1 the discount rate must be above 0, or the value is infinite.");
        }
    }
}
