using RetentionMetrics.Clustering;

namespace RetentionMetrics.Tests.Clustering;

public class KMeansModelTests
{
    private static readonly KMeansModel Model =
        KMeans.Fit(new FeatureMatrix(4, 1, [0, 1, 10, 11]), new FeatureMatrix(2, 1, [0, 10]));

    [Fact]
    public void Predict_NewPoints_GoToTheNearestCentroid()
    {
        // Centroids 0.5 and 10.5: 5.4 is nearer 0.5 (4.9 against 5.1), 5.6 nearer 10.5.
        Assert.Equal(0, Model.Predict([5.4]));
        Assert.Equal(1, Model.Predict([5.6]));
        Assert.Equal([0, 1, 1], Model.Predict(new FeatureMatrix(3, 1, [-3, 20, 6])));
    }

    [Fact]
    public void Predict_Tie_GoesToTheLowestCluster() => Assert.Equal(0, Model.Predict([5.5]));

    [Fact]
    public void Predict_WrongDimension_ThrowsArgumentException() =>
        Assert.Equal("point", Assert.Throws<ArgumentException>(() => Model.Predict([1.0, 2.0])).ParamName);

    [Fact]
    public void Predict_NaN_ThrowsRetentionDataException() =>
        Assert.Throws<RetentionDataException>(() => Model.Predict([double.NaN]));

    [Fact]
    public void Properties_DescribeTheFit()
    {
        Assert.Equal(2, Model.NumberOfClusters);
        Assert.Equal(1, Model.Dimensions);
        Assert.Equal([2, 2], Model.ClusterSizes);
        Assert.Equal([0, 0, 1, 1], Model.Assignments);
        Assert.Equal(1.0, Model.Inertia);
    }
}
