using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Clustering;

namespace RetentionMetrics.Tests.Clustering;

public class ClusterQualityTests
{
    // 1-D points 0, 1 in cluster 0 and 4, 6 in cluster 1.
    private static readonly FeatureMatrix Line = new(4, 1, [0, 1, 4, 6]);
    private static readonly int[] LineClusters = [0, 0, 1, 1];

    [Fact]
    public void Silhouette_WorkedExample_MatchesHandCalculation()
    {
        // s(0) = (5 − 1)/5, s(1) = (4 − 1)/4, s(4) = (3.5 − 2)/3.5, s(6) = (5.5 − 2)/5.5; mean = (0.8 + 0.75 + 3/7 + 7/11) / 4.
        var expected = (0.8 + 0.75 + (3.0 / 7) + (7.0 / 11)) / 4;

        Assert.Equal(expected, ClusterQuality.Silhouette(Line, LineClusters), 12);
    }

    [Fact]
    public void Silhouette_Iris_MatchesScikitLearn()
    {
        // scikit-learn's silhouette_score for its best k = 3 clustering of Iris (Data/clustering/README.md).
        var iris = ClusteringData.Iris();
        var model = KMeans.Fit(iris, new KMeansOptions { NumberOfClusters = 3, Seed = 1 });

        Assert.Equal(ClusteringData.IrisScikitLearnSilhouette, ClusterQuality.Silhouette(iris, model.Assignments), 10);
    }

    [Fact]
    public void Silhouette_OneCluster_IsZero() =>
        Assert.Equal(0.0, ClusterQuality.Silhouette(Line, [0, 0, 0, 0]));

    [Fact]
    public void Silhouette_AllPointsEqual_IsZeroNotNaN() =>
        Assert.Equal(0.0, ClusterQuality.Silhouette(new FeatureMatrix(4, 1, [2, 2, 2, 2]), [0, 0, 1, 1]));

    [Fact]
    public void Silhouette_SampleAtLeastTheData_IsExact() =>
        Assert.Equal(ClusterQuality.Silhouette(Line, LineClusters), ClusterQuality.Silhouette(Line, LineClusters, 10, seed: 3));

    [Fact]
    public void Silhouette_Sampled_IsReproducibleAndClose()
    {
        var iris = ClusteringData.Iris();
        var model = KMeans.Fit(iris, new KMeansOptions { NumberOfClusters = 3, Seed = 1 });

        var first = ClusterQuality.Silhouette(iris, model.Assignments, 100, seed: 9);
        var second = ClusterQuality.Silhouette(iris, model.Assignments, 100, seed: 9);

        Assert.Equal(first, second);
        Assert.InRange(first, ClusteringData.IrisScikitLearnSilhouette - 0.1, ClusteringData.IrisScikitLearnSilhouette + 0.1);
    }

    [Fact]
    public void Silhouette_WrongNumberOfAssignments_Throws() =>
        Assert.Equal("assignments", Assert.Throws<ArgumentException>(() => ClusterQuality.Silhouette(Line, [0, 1])).ParamName);

    [Fact]
    public void Silhouette_NegativeCluster_Throws() =>
        Assert.Throws<ArgumentException>(() => ClusterQuality.Silhouette(Line, [0, -1, 0, 1]));

    [Fact]
    public void DaviesBouldin_WorkedExample_MatchesHandCalculation()
    {
        // Means 0.5 and 5; spreads 0.5 and 1; separation 4.5; both ratios (0.5 + 1) / 4.5 = 1/3, so the index is 1/3.
        Assert.Equal(1.0 / 3, ClusterQuality.DaviesBouldin(Line, LineClusters), 12);
    }

    [Fact]
    public void DaviesBouldin_OneCluster_IsZero() => Assert.Equal(0.0, ClusterQuality.DaviesBouldin(Line, [0, 0, 0, 0]));

    [Fact]
    public void Inertia_WorkedExample_MatchesHandCalculation()
    {
        // Centroids 0.5 and 5: 0.25 + 0.25 + 1 + 1 = 2.5.
        Assert.Equal(2.5, ClusterQuality.Inertia(Line, new FeatureMatrix(2, 1, [0.5, 5]), LineClusters));
    }

    [Fact]
    public void Inertia_AssignmentBeyondTheCentroids_Throws() =>
        Assert.Throws<ArgumentException>(() => ClusterQuality.Inertia(Line, new FeatureMatrix(1, 1, [0]), LineClusters));

    [Property(MaxTest = 100)]
    public Property Silhouette_IsWithinMinusOneAndOne_AndDaviesBouldinIsNonNegative() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false, maximumPoints: 40), Arb.From(Gen.Choose(0, 1000)), (c, salt) =>
        {
            var assignments = Enumerable.Range(0, c.Features.Rows).Select(i => ((i * 31) + salt) % c.K).ToArray();
            var silhouette = ClusterQuality.Silhouette(c.Features, assignments);
            var index = ClusterQuality.DaviesBouldin(c.Features, assignments);
            return silhouette is >= -1 and <= 1 && double.IsFinite(index) && index >= 0;
        });

    [Property(MaxTest = 100)]
    public Property Silhouette_RelabellingClusters_ChangesNothing() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false, maximumPoints: 40), c =>
        {
            var model = KMeans.Fit(c.Features, new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed, Restarts = 1 });
            var relabelled = model.Assignments.Select(a => c.K - 1 - a).ToArray();
            return Math.Abs(ClusterQuality.Silhouette(c.Features, model.Assignments) - ClusterQuality.Silhouette(c.Features, relabelled)) < 1e-12
                && Math.Abs(ClusterQuality.DaviesBouldin(c.Features, model.Assignments) - ClusterQuality.DaviesBouldin(c.Features, relabelled)) < 1e-12;
        });
}
