namespace RetentionMetrics.Lifetime;

/// <summary>Model-based customer lifetime value: a transaction model's expected purchases times a spend model's expected value, discounted.</summary>
/// <remarks>
/// CLV = margin · E[Z | x, m] · Σₖ₌₁ᴷ (E[X(k·u) | x, t_x, T] − E[X((k−1)·u) | x, t_x, T]) / (1 + d)ᵏ, with K periods of
/// u time units (<see cref="LifetimeValueOptions"/>): discrete-time discounting at the end of each period, as in
/// <c>lifetimes</c>' <c>customer_lifetime_value</c>. See <c>docs/clv.md</c>.
/// </remarks>
public static class CustomerLifetimeValue
{
    /// <summary>The discounted lifetime value of one customer.</summary>
    /// <param name="transactions">The fitted transaction model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="customer">The customer's summary (in the transaction model's time unit).</param>
    /// <param name="options">Horizon, discounting and margin, or null for <see cref="LifetimeValueOptions.Default"/>.</param>
    /// <returns>The value, 0 or more.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> or <paramref name="spend"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    /// <example>With expected spend 24.66 and 0.5 expected purchases in each of 2 periods at d = 0.1, margin 1:
    /// 24.66 · (0.5/1.1 + 0.5/1.21) = 21.40.</example>
    public static double Compute(ITransactionModel transactions, GammaGammaModel spend, RepeatPurchaseSummary customer, LifetimeValueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(spend);
        var chosen = options ?? LifetimeValueOptions.Default;
        chosen.Validate(nameof(options));
        return Value(transactions, spend, customer, chosen);
    }

    /// <summary>The discounted lifetime value of every customer of <paramref name="data"/>, in order.</summary>
    /// <param name="transactions">The fitted transaction model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="data">The customers.</param>
    /// <param name="options">Horizon, discounting and margin, or null for <see cref="LifetimeValueOptions.Default"/>.</param>
    /// <returns>One value per row of <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    public static IReadOnlyList<double> Compute(ITransactionModel transactions, GammaGammaModel spend, RepeatPurchaseData data, LifetimeValueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(data);
        var chosen = options ?? LifetimeValueOptions.Default;
        chosen.Validate(nameof(options));
        var values = new double[data.Count];
        var span = data.AsSpan();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Value(transactions, spend, span[i], chosen);
        }

        return values;
    }

    private static double Value(ITransactionModel transactions, GammaGammaModel spend, RepeatPurchaseSummary customer, LifetimeValueOptions options)
    {
        var expectedSpend = spend.ExpectedSpend(customer.Frequency, customer.MonetaryValue);
        var previous = 0d;
        var total = 0d;
        for (var k = 1; k <= options.Periods; k++)
        {
            var cumulative = transactions.ExpectedPurchases(k * options.TimeUnitsPerPeriod, customer.Frequency, customer.Recency, customer.T);
            total += (cumulative - previous) / Math.Pow(1 + options.DiscountRate, k);
            previous = cumulative;
        }

        return Math.Max(0d, options.Margin * expectedSpend * total);
    }
}
