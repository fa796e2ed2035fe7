using NodaTime;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Clustering;

/// <summary>Feature preparation for clustering customers.</summary>
public static class ClusteringFeatures
{
    /// <summary>
    /// The RFM pipeline in one call: recency (days since the last purchase), frequency (transactions) and monetary
    /// (total spend) of each customer, through log1p and standardised.
    /// </summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="summaries">The customers' summaries.</param>
    /// <param name="asOf">The date recency is measured to; the summaries' own as-of date when null.</param>
    /// <returns>The raw and scaled features with the scaler; cluster <see cref="RfmFeatureSet{TKey}.Scaled"/>.</returns>
    /// <remarks><b>Buffers</b>: one row of three numbers per customer. A last purchase after the as-of date counts as recency 0.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <example>
    /// A customer who last bought 9 days before the as-of date, 3 times, for 99.00 in all has raw features
    /// (9, 3, 99) and logged features (ln 10, ln 4, ln 100) before standardising.
    /// </example>
    public static RfmFeatureSet<TKey> ToRfmFeatures<TKey>(this CustomerSummaries<TKey> summaries, LocalDate? asOf = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var date = asOf ?? summaries.AsOf;
        var customers = new TKey[summaries.Count];
        var values = new double[summaries.Count * 3];
        var span = summaries.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var summary = span[i];
            customers[i] = summary.CustomerId;
            var recency = date is { } end ? Math.Max(0, Period.DaysBetween(summary.LastPurchase.Date, end)) : 0;
            values[(i * 3) + 0] = recency;
            values[(i * 3) + 1] = summary.Transactions;
            values[(i * 3) + 2] = Math.Max(0d, (double)summary.TotalSpend);
        }

        return new RfmFeatureSet<TKey>(customers, FeatureMatrix.Wrap(summaries.Count, 3, values), date);
    }
}
