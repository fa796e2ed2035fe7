using System.Runtime.CompilerServices;

namespace RetentionMetrics.Clustering;

/// <summary>k-means over a stream, one mini-batch at a time (Sculley 2010, "Web-scale k-means clustering").</summary>
/// <remarks>
/// <para><b>Streams</b>: memory holds the centroids and one batch, never the stream. The first k points (or more, to
/// the end of the first batch that completes them) are seeded with greedy k-means++ from
/// <see cref="KMeansOptions.Seed"/>; then, for each batch, every point is assigned to its nearest centroid and each
/// centroid moves towards its points with a per-centroid learning rate 1 / (points it has absorbed), so a centroid
/// is always the mean of the points it absorbed, seen through the moving centroids.</para>
/// <para>The result's <see cref="KMeansModel.Iterations"/> is the number of batches, its
/// <see cref="KMeansModel.Inertia"/> the sum of each point's squared distance to its nearest centroid when the
/// point arrived, and it has no <see cref="KMeansModel.Assignments"/> (use <see cref="KMeansModel.Predict(FeatureMatrix)"/>).
/// The result depends on the order of the stream. <see cref="KMeansOptions.Restarts"/>,
/// <see cref="KMeansOptions.RestartSampleSize"/>, <see cref="KMeansOptions.MaximumIterations"/>,
/// <see cref="KMeansOptions.Tolerance"/> and <see cref="KMeansOptions.Algorithm"/> are not used.</para>
/// </remarks>
public static class MiniBatchKMeans
{
    /// <summary>The default number of points per batch when points arrive one by one.</summary>
    public const int DefaultBatchSize = 1024;

    /// <summary>Fits centroids to a stream of batches of points.</summary>
    /// <remarks><b>Streams</b>: holds the centroids and one batch. Arguments are checked at the call; the stream is read once.</remarks>
    /// <param name="batches">The batches, each a matrix with the same number of columns.</param>
    /// <param name="options">The number of clusters and the seed; <see cref="KMeansOptions.Default"/> when null.</param>
    /// <param name="progress">Receives a report after every batch (iteration = batches so far); optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The centroids after the last batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="batches"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid, or the stream ends with fewer points than clusters.</exception>
    /// <exception cref="RetentionDataException">The stream is empty, or a batch has a different number of columns (the position is the batch).</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<KMeansModel> FitAsync(
        IAsyncEnumerable<FeatureMatrix> batches, KMeansOptions? options = null, IProgress<KMeansProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        options ??= KMeansOptions.Default;
        options.Validate();
        return FitCoreAsync(batches, options, progress, cancellationToken);
    }

    /// <summary>Fits centroids to a stream of single points, grouped into batches of <paramref name="batchSize"/>.</summary>
    /// <remarks><b>Streams</b>: holds the centroids and one batch. Arguments are checked at the call; the stream is read once.</remarks>
    /// <param name="points">The points, each with the same number of features.</param>
    /// <param name="options">The number of clusters and the seed; <see cref="KMeansOptions.Default"/> when null.</param>
    /// <param name="batchSize">Points per batch (at least 1).</param>
    /// <param name="progress">Receives a report after every batch; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The centroids after the last batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">An option or <paramref name="batchSize"/> is invalid, or the stream ends with fewer points than clusters.</exception>
    /// <exception cref="RetentionDataException">The stream is empty, a point is null, has a different number of features or a non-finite one.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<KMeansModel> FitAsync(
        IAsyncEnumerable<double[]> points, KMeansOptions? options = null, int batchSize = DefaultBatchSize,
        IProgress<KMeansProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        options ??= KMeansOptions.Default;
        options.Validate();
        return FitCoreAsync(Batch(points, batchSize), options, progress, cancellationToken);
    }

    private static async IAsyncEnumerable<FeatureMatrix> Batch(
        IAsyncEnumerable<double[]> points, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new List<double>();
        var columns = -1;
        var count = 0;
        var position = 0L;
        await foreach (var point in points.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (point is null || point.Length == 0 || (columns >= 0 && point.Length != columns))
            {
                throw new RetentionDataException(
                    FeatureMatrix.Format(ClusteringErrorMessages.DimensionMismatch, point?.Length ?? 0, columns < 0 ? 1 : columns), null, position);
            }

            for (var j = 0; j < point.Length; j++)
            {
                if (!double.IsFinite(point[j]))
                {
                    throw new RetentionDataException(FeatureMatrix.Format(ClusteringErrorMessages.NonFiniteFeature, j, point[j]), null, position);
                }
            }

            columns = point.Length;
            buffer.AddRange(point);
            position++;
            if (++count == batchSize)
            {
                yield return FeatureMatrix.Wrap(count, columns, [.. buffer]);
                buffer.Clear();
                count = 0;
            }
        }

        if (count > 0)
        {
            yield return FeatureMatrix.Wrap(count, columns, [.. buffer]);
        }
    }

    private static async ValueTask<KMeansModel> FitCoreAsync(
        IAsyncEnumerable<FeatureMatrix> batches, KMeansOptions options, IProgress<KMeansProgress>? progress, CancellationToken cancellationToken)
    {
        var k = options.NumberOfClusters;
        var seed = options.Seed ?? Random.Shared.NextInt64();
        var parallel = KMeans.Parallel(options, cancellationToken);
        double[]? centers = null;
        var counts = new long[k];
        var pending = new List<double>();
        var pendingRows = 0;
        var columns = -1;
        var inertia = 0d;
        var batchCount = 0;
        var position = 0L;
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (batch is null || (columns >= 0 && batch.Columns != columns))
            {
                throw new RetentionDataException(
                    FeatureMatrix.Format(ClusteringErrorMessages.DimensionMismatch, batch?.Columns ?? 0, columns), null, position);
            }

            columns = batch.Columns;
            position++;
            var values = batch.Values;
            var rows = batch.Rows;
            if (centers is null)
            {
                pending.AddRange(values);
                pendingRows += rows;
                if (pendingRows < k)
                {
                    continue;
                }

                values = [.. pending];
                rows = pendingRows;
                pending.Clear();
                var random = SplitMix64.ForStream(seed, 0);
                centers = KMeansPlusPlus.Seed(values, rows, columns, k, ref random, parallel, cancellationToken);
            }

            inertia += Update(values, rows, columns, k, centers, counts);
            batchCount++;
            progress?.Report(new KMeansProgress(0, 1, batchCount, inertia));
        }

        if (columns < 0)
        {
            throw new RetentionDataException(ClusteringErrorMessages.EmptyStream);
        }

        if (centers is null)
        {
            throw new ArgumentException(FeatureMatrix.Format(ClusteringErrorMessages.MoreClustersThanPoints, k, pendingRows), nameof(options));
        }

        var sizes = new int[k];
        for (var c = 0; c < k; c++)
        {
            sizes[c] = (int)Math.Min(int.MaxValue, counts[c]);
        }

        return KMeansModel.ForStream(FeatureMatrix.Wrap(k, columns, centers), sizes, inertia, batchCount, seed);
    }

    /// <summary>Assigns the batch to the current centroids, then moves each centroid towards its points; returns the batch's inertia.</summary>
    private static double Update(double[] values, int rows, int d, int k, double[] centers, long[] counts)
    {
        var labels = new int[rows];
        var inertia = 0d;
        for (var i = 0; i < rows; i++)
        {
            labels[i] = KMeansKernels.Nearest(values.AsSpan(i * d, d), centers, k, out var squared);
            inertia += squared;
        }

        for (var i = 0; i < rows; i++)
        {
            var c = labels[i];
            counts[c]++;
            var rate = 1d / counts[c];
            var center = centers.AsSpan(c * d, d);
            var point = values.AsSpan(i * d, d);
            for (var j = 0; j < d; j++)
            {
                center[j] += rate * (point[j] - center[j]);
            }
        }

        return inertia;
    }
}
