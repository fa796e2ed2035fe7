using NodaTime;

namespace RetentionMetrics.Clustering;

/// <summary>
/// Recency, frequency and monetary features of customers, ready to cluster: the raw values, the log-standardised
/// values k-means should see, and the scaler that maps centroids back to days, purchases and money.
/// </summary>
/// <remarks>
/// <para>An immutable value made by <see cref="ClusteringFeatures.ToRfmFeatures{TKey}(Customers.CustomerSummaries{TKey}, LocalDate?)"/>.
/// Row <c>i</c> of every matrix is customer <c>Customers[i]</c>. Columns: recency (days from the last purchase to the
/// as-of date), frequency (transactions), monetary (total spend; a negative total, possible when refunds are
/// subtracted, counts as 0).</para>
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed class RfmFeatureSet<TKey>
    where TKey : notnull
{
    /// <summary>The names of the three columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = ["recency", "frequency", "monetary"];

    private readonly TKey[] customers;

    internal RfmFeatureSet(TKey[] customers, FeatureMatrix raw, LocalDate? asOf)
    {
        this.customers = customers;
        Raw = raw;
        AsOf = asOf;
        Scaler = FeatureScaler.Fit(raw, FeatureScaling.LogStandard);
        Scaled = Scaler.Transform(raw);
    }

    /// <summary>The customers, one per row.</summary>
    public IReadOnlyList<TKey> Customers => customers;

    /// <summary>The date recency is measured to; <see langword="null"/> only when there are no customers.</summary>
    public LocalDate? AsOf { get; }

    /// <summary>Recency in days, frequency in transactions and monetary in money, one row per customer.</summary>
    public FeatureMatrix Raw { get; }

    /// <summary>The raw features through log1p and standardised: what k-means should cluster.</summary>
    public FeatureMatrix Scaled { get; }

    /// <summary>The log-standard scaler fitted on <see cref="Raw"/>.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>Maps centroids found on <see cref="Scaled"/> back to days, transactions and money.</summary>
    /// <param name="centroids">Centroids in the scaled space (three columns).</param>
    /// <returns>The centroids in original units (the inverse of log1p of a mean is a geometric-style mean, not the arithmetic mean of the cluster).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="centroids"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="centroids"/> does not have three columns.</exception>
    public FeatureMatrix ToOriginalUnits(FeatureMatrix centroids)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        return Scaler.InverseTransform(centroids);
    }
}
