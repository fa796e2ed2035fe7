using RetentionMetrics.Clustering;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Clustering;

public class MiniBatchKMeansTests
{
    [Fact]
    public async Task FitAsync_WorkedExample_MovesCentroidsByRunningMeans()
    {
        // Batch 1 = {0, 10} with k = 2: the seeds are 0 and 10, each absorbs its own point (inertia 0).
        // Batch 2 = {2}: nearest 0 at squared distance 4; that centroid has absorbed 2 points, so it moves to 0 + (2 − 0)/2 = 1.
        IAsyncEnumerable<FeatureMatrix> batches = new[] { new FeatureMatrix(2, 1, [0, 10]), new FeatureMatrix(1, 1, [2]) }.ToAsyncSequence();

        var model = await MiniBatchKMeans.FitAsync(batches, new KMeansOptions { NumberOfClusters = 2, Seed = 1 });

        var centroids = model.Centroids.ToRows().Select(r => r[0]).Order().ToArray();
        Assert.Equal([1.0, 10.0], centroids);
        Assert.Equal(4.0, model.Inertia);
        Assert.Equal(2, model.Iterations);
        Assert.Equal([1, 2], model.ClusterSizes.Order());
        Assert.Empty(model.Assignments);
    }

    [Fact]
    public async Task FitAsync_SeparatedBlobs_FindsTheCentresOfTheFullFit()
    {
        var features = ClusteringData.Blobs(6_000, 2, 4, seed: 21, spread: 2);
        var full = KMeans.Fit(features, new KMeansOptions { NumberOfClusters = 4, Seed = 2 });
        var points = features.ToRows().ToAsyncSequence();

        var stream = await MiniBatchKMeans.FitAsync(points, new KMeansOptions { NumberOfClusters = 4, Seed = 2 }, batchSize: 500);

        foreach (var centre in full.Centroids.ToRows())
        {
            var nearest = stream.Centroids.ToRows().Min(c => ClusteringData.SquaredDistance(c, centre));
            Assert.True(nearest < 0.25, $"A full-fit centroid is {Math.Sqrt(nearest)} from the nearest stream centroid.");
        }

        Assert.Equal(12, stream.Iterations);
        Assert.Equal(6_000, stream.ClusterSizes.Sum());
    }

    [Fact]
    public async Task FitAsync_ReadsTheStreamOnceAndDisposesIt()
    {
        var source = new CountingAsyncEnumerable<double[]>([[0.0], [1.0], [5.0], [6.0]]);

        await MiniBatchKMeans.FitAsync(source, new KMeansOptions { NumberOfClusters = 2, Seed = 0 }, batchSize: 3);

        Assert.Equal(1, source.Enumerations);
        Assert.Equal(1, source.Disposals);
    }

    [Fact]
    public void FitAsync_InvalidArguments_ThrowBeforeReading()
    {
        Assert.Throws<ArgumentNullException>(() => MiniBatchKMeans.FitAsync((IAsyncEnumerable<FeatureMatrix>)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatchKMeans.FitAsync(new ThrowingAsyncEnumerable<FeatureMatrix>(), new KMeansOptions { NumberOfClusters = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatchKMeans.FitAsync(new ThrowingAsyncEnumerable<double[]>(), batchSize: 0));
    }

    [Fact]
    public async Task FitAsync_Cancelled_Throws()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await MiniBatchKMeans.FitAsync(new double[][] { [1.0], [2.0] }.ToAsyncSequence(), new KMeansOptions { NumberOfClusters = 1 }, cancellationToken: source.Token));
    }

    [Fact]
    public async Task FitAsync_EmptyStream_ThrowsRetentionDataException()
    {
        var error = await Assert.ThrowsAsync<RetentionDataException>(async () =>
            await MiniBatchKMeans.FitAsync(Array.Empty<FeatureMatrix>().ToAsyncSequence(), new KMeansOptions { NumberOfClusters = 1 }));

        Assert.Equal(ClusteringErrorMessages.EmptyStream, error.Reason);
    }

    [Fact]
    public async Task FitAsync_FewerPointsThanClusters_ThrowsArgumentException() =>
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await MiniBatchKMeans.FitAsync(new double[][] { [1.0] }.ToAsyncSequence(), new KMeansOptions { NumberOfClusters = 2 }));

    [Fact]
    public async Task FitAsync_PointOfAnotherDimension_NamesItsPosition()
    {
        var error = await Assert.ThrowsAsync<RetentionDataException>(async () =>
            await MiniBatchKMeans.FitAsync(new double[][] { [1.0, 2.0], [3.0] }.ToAsyncSequence(), new KMeansOptions { NumberOfClusters = 1 }));

        Assert.Equal(1, error.Position);
    }

    [Fact]
    public async Task FitAsync_NaNPoint_NamesItsPosition()
    {
        var error = await Assert.ThrowsAsync<RetentionDataException>(async () =>
            await MiniBatchKMeans.FitAsync(new double[][] { [1.0], [2.0], [double.NaN] }.ToAsyncSequence(), new KMeansOptions { NumberOfClusters = 1 }));

        Assert.Equal(2, error.Position);
    }
}
