using RetentionMetrics.Clustering;

namespace RetentionMetrics.Tests.Clustering;

public class KMeansOptionsTests
{
    [Fact]
    public void Default_HasTheDocumentedValues()
    {
        var options = KMeansOptions.Default;

        Assert.Equal(4, options.NumberOfClusters);
        Assert.Equal(300, options.MaximumIterations);
        Assert.Equal(0d, options.Tolerance);
        Assert.Equal(10, options.Restarts);
        Assert.Null(options.Seed);
        Assert.Equal(KMeansAlgorithm.Hamerly, options.Algorithm);
        Assert.Null(options.MaximumDegreeOfParallelism);
        Assert.Equal(32_768, options.RestartSampleSize);
        Assert.Equal(32_768, KMeansOptions.DefaultRestartSampleSize);
    }

    [Fact]
    public void WithMethods_ChangeOneValue()
    {
        var options = KMeansOptions.Default.WithNumberOfClusters(7).WithSeed(5);

        Assert.Equal(KMeansOptions.Default with { NumberOfClusters = 7, Seed = 5 }, options);
    }

    [Fact]
    public void Tolerance_IsRelativeToTheMeanVariance()
    {
        // Columns with population variances 4 and 1: mean 2.5, so 1e-4 becomes 2.5e-4 squared units.
        var features = new FeatureMatrix(4, 2, [0, 0, 0, 2, 4, 0, 4, 2]);

        Assert.Equal(2.5e-4, KMeans.AbsoluteTolerance(features, 1e-4), 15);
    }

    [Fact]
    public void MaximumDegreeOfParallelism_Zero_IsRejected() =>
        Assert.Equal("MaximumDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() =>
            KMeans.Fit(new FeatureMatrix(2, 1, [0, 1]), new KMeansOptions { NumberOfClusters = 1, MaximumDegreeOfParallelism = 0 })).ParamName);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void RestartSampleSize_BelowOne_IsRejected(int sampleSize) =>
        Assert.Equal("RestartSampleSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
            KMeans.Fit(new FeatureMatrix(2, 1, [0, 1]), new KMeansOptions { NumberOfClusters = 1, RestartSampleSize = sampleSize })).ParamName);
}
