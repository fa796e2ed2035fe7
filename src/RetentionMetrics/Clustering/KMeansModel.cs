namespace RetentionMetrics.Clustering;

/// <summary>A fitted k-means clustering: centroids, the assignment of every point, and how the fit went.</summary>
/// <remarks>
/// <para>An immutable value, independent of the data it was fitted on. At the end of a fit every point is assigned
/// to its nearest centroid (ties go to the lowest-numbered cluster) and <see cref="Inertia"/> is the sum of squared
/// Euclidean distances of the points to their centroids. Centroids are always finite.</para>
/// <para>Reference equality: two fits are compared through their properties.</para>
/// </remarks>
public sealed partial class KMeansModel
{
    private readonly int[] assignments;
    private readonly int[] clusterSizes;
    private readonly double[] inertiaHistory;

    internal KMeansModel(
        FeatureMatrix centroids, int[] assignments, double inertia, int iterations, bool converged,
        double[] inertiaHistory, long seed, int restart, int[]? sizes = null)
    {
        Centroids = centroids;
        this.assignments = assignments;
        Inertia = inertia;
        Iterations = iterations;
        Converged = converged;
        this.inertiaHistory = inertiaHistory;
        Seed = seed;
        Restart = restart;
        if (sizes is not null)
        {
            clusterSizes = sizes;
            return;
        }

        clusterSizes = new int[centroids.Rows];
        foreach (var cluster in assignments)
        {
            clusterSizes[cluster]++;
        }
    }

    /// <summary>The centroids, one row per cluster, in the features' units.</summary>
    public FeatureMatrix Centroids { get; }

    /// <summary>The number of clusters k.</summary>
    public int NumberOfClusters => Centroids.Rows;

    /// <summary>The number of features of each point.</summary>
    public int Dimensions => Centroids.Columns;

    /// <summary>The cluster (0 to k − 1) of each point of the fitted data, in the data's row order.</summary>
    /// <remarks>Empty for a model fitted on a stream (<see cref="MiniBatchKMeans"/>).</remarks>
    public IReadOnlyList<int> Assignments => assignments;

    /// <summary>The number of points in each cluster (for a stream fit, the points each centroid absorbed). A cluster may be empty only when the data has fewer distinct points than k.</summary>
    public IReadOnlyList<int> ClusterSizes => clusterSizes;

    /// <summary>The sum of squared Euclidean distances of the points to their assigned centroids.</summary>
    /// <remarks>For a stream fit, the sum over the stream of each point's squared distance to the nearest centroid when it arrived.</remarks>
    public double Inertia { get; }

    /// <summary>The Lloyd iterations run by the kept restart (on a sampled fit, the iterations over every point that followed it).</summary>
    public int Iterations { get; }

    /// <summary>Whether the kept restart met the tolerance before <see cref="KMeansOptions.MaximumIterations"/>.</summary>
    public bool Converged { get; }

    /// <summary>
    /// The inertia of each iteration of the kept restart: entry <c>t</c> is the sum of squared distances of the points
    /// to the centroids of iteration <c>t − 1</c> after the points were reassigned to them. Lloyd's algorithm never
    /// raises it. On a fit whose restarts ran on a sample (<see cref="KMeansOptions.RestartSampleSize"/>), the
    /// iterations of the final run over every point.
    /// </summary>
    public IReadOnlyList<double> InertiaHistory => inertiaHistory;

    /// <summary>The seed the fit used (the one given, or the one drawn when none was).</summary>
    public long Seed { get; }

    /// <summary>The 0-based restart whose result was kept (on a sampled fit, the restart that won on the sample).</summary>
    public int Restart { get; }

    /// <summary>The nearest centroid of one point (ties go to the lowest-numbered cluster).</summary>
    /// <param name="point">The point's features, as many as <see cref="Dimensions"/>.</param>
    /// <returns>The cluster, 0 to k − 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="point"/> has the wrong number of features.</exception>
    /// <exception cref="RetentionDataException">A feature is NaN or infinite.</exception>
    public int Predict(ReadOnlySpan<double> point)
    {
        if (point.Length != Dimensions)
        {
            throw new ArgumentException(FeatureMatrix.Format(ClusteringErrorMessages.DimensionMismatch, point.Length, Dimensions), nameof(point));
        }

        for (var j = 0; j < point.Length; j++)
        {
            if (!double.IsFinite(point[j]))
            {
                throw new RetentionDataException(FeatureMatrix.Format(ClusteringErrorMessages.NonFiniteFeature, j, point[j]), null, 0);
            }
        }

        return KMeansKernels.Nearest(point, Centroids.Values, NumberOfClusters, out _);
    }

    /// <summary>The nearest centroid of each row of <paramref name="points"/>.</summary>
    /// <param name="points">The points, with <see cref="Dimensions"/> columns.</param>
    /// <returns>One cluster per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="points"/> has the wrong number of columns.</exception>
    public int[] Predict(FeatureMatrix points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Columns != Dimensions)
        {
            throw new ArgumentException(FeatureMatrix.Format(ClusteringErrorMessages.DimensionMismatch, points.Columns, Dimensions), nameof(points));
        }

        var result = new int[points.Rows];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = KMeansKernels.Nearest(points.Row(i), Centroids.Values, NumberOfClusters, out _);
        }

        return result;
    }

    internal static KMeansModel ForStream(FeatureMatrix centroids, int[] sizes, double inertia, int batches, long seed) =>
        new(centroids, [], inertia, batches, true, [], seed, 0, sizes);
}
