using NodaTime;
using RetentionMetrics.Clustering;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Tests.Clustering;

/// <summary>Every public member of the clustering namespace rejects null up front and names the parameter.</summary>
public class ClusteringConventionsTests
{
    private static readonly FeatureMatrix Points = new(4, 1, [0, 1, 5, 6]);
    private static readonly FeatureMatrix Centres = new(2, 1, [0.5, 5.5]);
    private static readonly int[] Labels = [0, 0, 1, 1];
    private static readonly KMeansOptions Options = new() { NumberOfClusters = 2, Seed = 1 };

    public static TheoryData<string, Action> NullCalls() => new()
    {
        { "features", () => KMeans.Fit(null!, Options) },
        { "features", () => KMeans.Fit(null!, Centres, Options) },
        { "initialCentroids", () => KMeans.Fit(Points, (FeatureMatrix)null!, Options) },
        { "features", () => KMeans.Seed(null!, Options) },
        { "options", () => KMeans.Seed(Points, null!) },
        { "features", () => KMeans.ChooseNumberOfClusters(null!, 1, 2) },
        { "features", () => ClusterQuality.Inertia(null!, Centres, Labels) },
        { "centroids", () => ClusterQuality.Inertia(Points, null!, Labels) },
        { "assignments", () => ClusterQuality.Inertia(Points, Centres, null!) },
        { "features", () => ClusterQuality.Silhouette(null!, Labels) },
        { "assignments", () => ClusterQuality.Silhouette(Points, null!) },
        { "features", () => ClusterQuality.Silhouette(null!, Labels, 10, 1) },
        { "assignments", () => ClusterQuality.Silhouette(Points, null!, 10, 1) },
        { "features", () => ClusterQuality.DaviesBouldin(null!, Labels) },
        { "assignments", () => ClusterQuality.DaviesBouldin(Points, null!) },
        { "features", () => FeatureScaler.Fit(null!, FeatureScaling.Standard) },
        { "features", () => FeatureScaler.Fit(Points, FeatureScaling.Standard).Transform(null!) },
        { "scaled", () => FeatureScaler.Fit(Points, FeatureScaling.Standard).InverseTransform(null!) },
        { "rows", () => FeatureMatrix.FromRows(null!) },
        { "rows", () => Points.SelectRows(null!) },
        { "points", () => KMeans.Fit(Points, Centres).Predict((FeatureMatrix)null!) },
        { "summaries", () => ClusteringFeatures.ToRfmFeatures<string>(null!) },
        { "centroids", () => Summaries().ToRfmFeatures().ToOriginalUnits(null!) },
        { "batches", () => MiniBatchKMeans.FitAsync((IAsyncEnumerable<FeatureMatrix>)null!) },
        { "points", () => MiniBatchKMeans.FitAsync((IAsyncEnumerable<double[]>)null!) },
    };

    [Theory]
    [MemberData(nameof(NullCalls))]
    public void PublicMembers_NullArgument_ThrowArgumentNullExceptionNamingIt(string parameter, Action call) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentNullException>(call).ParamName);

    private static CustomerSummaries<string> Summaries()
    {
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new LocalDate(2024, 3, 1) });
        accumulator.Add("a", new LocalDate(2024, 2, 1), 10m);
        return accumulator.ToSummaries();
    }
}
