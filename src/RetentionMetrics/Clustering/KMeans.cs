namespace RetentionMetrics.Clustering;

/// <summary>Fits k-means clusterings: k-means++ seeding, exact Lloyd iterations (plain or accelerated), restarts.</summary>
/// <remarks>
/// <para><b>Buffers</b>: a fit holds the whole feature matrix (it is given in memory); for streams see
/// <see cref="MiniBatchKMeans"/>.</para>
/// <para>Each restart seeds with greedy k-means++ as scikit-learn does, then runs Lloyd iterations until no point
/// changes cluster, the centroids move less than the tolerance (<see cref="KMeansOptions.Tolerance"/>), or
/// <see cref="KMeansOptions.MaximumIterations"/> is reached; a final assignment puts every point with its nearest
/// centroid. The restart with the lowest inertia is kept (the earliest on ties). A cluster left empty by an
/// iteration gets the point farthest from its own centroid, taken from a cluster with more than one point, as
/// scikit-learn relocates empty clusters.</para>
/// <para>With more points than <see cref="KMeansOptions.RestartSampleSize"/> (32,768 by default), the restarts
/// compete on a seeded uniform sample of that many points and only the winner's centroids are iterated over every
/// point (Bradley and Fayyad 1998; scikit-learn's <c>MiniBatchKMeans</c> screens its initialisations the same way),
/// so the default ten restarts cost about as much as one run over all points.</para>
/// <para>Results depend only on the data, the options and the seed: not on the thread count, the run or the
/// algorithm (<see cref="KMeansAlgorithm.Hamerly"/> and <see cref="KMeansAlgorithm.Lloyd"/> agree exactly).</para>
/// </remarks>
public static class KMeans
{
    /// <summary>Clusters the rows of <paramref name="features"/> into <see cref="KMeansOptions.NumberOfClusters"/> clusters.</summary>
    /// <param name="features">The points, one per row.</param>
    /// <param name="options">The settings; <see cref="KMeansOptions.Default"/> when null.</param>
    /// <param name="progress">Receives a report after every iteration; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The best of the restarts (on a large dataset, the best on the sample, then iterated over every point).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    /// <exception cref="ArgumentException">There are more clusters than points, or an option is invalid.</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    /// <example>
    /// The points 0, 1, 10 and 11 on a line with k = 2 give centroids 0.5 and 10.5 and inertia
    /// 4 × 0.5² = 1.
    /// </example>
    public static KMeansModel Fit(
        FeatureMatrix features, KMeansOptions? options = null, IProgress<KMeansProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= KMeansOptions.Default;
        options.Validate();
        CheckClusters(options.NumberOfClusters, features.Rows, nameof(options));
        var seed = options.Seed ?? Random.Shared.NextInt64();
        var parallel = Parallel(options, cancellationToken);
        var n = features.Rows;
        var d = features.Columns;
        var k = options.NumberOfClusters;
        var tolerance = AbsoluteTolerance(features, options.Tolerance);
        var sample = RestartSample(features, k, options.RestartSampleSize, seed, out var restartRows);
        var restartValues = sample ?? features.Values;
        var engine = new KMeansEngine(restartValues, restartRows, d, k, parallel);
        KMeansRun? best = null;
        var bestRestart = 0;
        for (var restart = 0; restart < options.Restarts; restart++)
        {
            var random = SplitMix64.ForStream(seed, restart);
            var initial = KMeansPlusPlus.Seed(restartValues, restartRows, d, k, ref random, parallel, cancellationToken);
            var current = restart;
            var run = engine.Run(initial, options.Algorithm, options.MaximumIterations, tolerance,
                progress is null ? null : (iteration, inertia) => progress.Report(new KMeansProgress(current, options.Restarts, iteration, inertia)),
                cancellationToken);
            if (best is null || run.Inertia < best.Inertia)
            {
                best = run;
                bestRestart = restart;
            }
        }

        if (sample is not null)
        {
            // The restarts competed on the sample; the winner's centroids start the one run over every point.
            engine = new KMeansEngine(features.Values, n, d, k, parallel);
            best = engine.Run(best!.Centers, options.Algorithm, options.MaximumIterations, tolerance,
                progress is null ? null : (iteration, inertia) => progress.Report(new KMeansProgress(bestRestart, options.Restarts, iteration, inertia)),
                cancellationToken);
        }

        return ToModel(best!, k, d, seed, bestRestart);
    }

    /// <summary>Runs Lloyd iterations from given initial centroids (one run; restarts and seeding are not used).</summary>
    /// <param name="features">The points, one per row.</param>
    /// <param name="initialCentroids">The starting centroids, one per row; their number is k.</param>
    /// <param name="options">Iterations, tolerance, algorithm and threads; <see cref="KMeansOptions.NumberOfClusters"/>, <see cref="KMeansOptions.Restarts"/> and <see cref="KMeansOptions.Seed"/> are ignored.</param>
    /// <param name="progress">Receives a report after every iteration; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The clustering reached from those centroids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or <paramref name="initialCentroids"/> is null.</exception>
    /// <exception cref="ArgumentException">The centroids have a different number of columns, there are more of them than points, or an option is invalid.</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public static KMeansModel Fit(
        FeatureMatrix features, FeatureMatrix initialCentroids, KMeansOptions? options = null,
        IProgress<KMeansProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(initialCentroids);
        options ??= KMeansOptions.Default;
        options = options with { NumberOfClusters = initialCentroids.Rows, Restarts = 1 };
        options.Validate();
        if (initialCentroids.Columns != features.Columns)
        {
            throw new ArgumentException(
                FeatureMatrix.Format(ClusteringErrorMessages.DimensionMismatch, features.Columns, initialCentroids.Columns), nameof(initialCentroids));
        }

        CheckClusters(initialCentroids.Rows, features.Rows, nameof(initialCentroids));
        var parallel = Parallel(options, cancellationToken);
        var engine = new KMeansEngine(features.Values, features.Rows, features.Columns, initialCentroids.Rows, parallel);
        var run = engine.Run(initialCentroids.Values, options.Algorithm, options.MaximumIterations, AbsoluteTolerance(features, options.Tolerance),
            progress is null ? null : (iteration, inertia) => progress.Report(new KMeansProgress(0, 1, iteration, inertia)),
            cancellationToken);
        return ToModel(run, initialCentroids.Rows, features.Columns, options.Seed ?? 0, 0);
    }

    /// <summary>Fits every k from <paramref name="minimum"/> to <paramref name="maximum"/> and reports the k chosen by the elbow and by the silhouette.</summary>
    /// <param name="features">The points, one per row.</param>
    /// <param name="minimum">The smallest k to try (at least 1).</param>
    /// <param name="maximum">The largest k to try (at least <paramref name="minimum"/>, at most the number of points).</param>
    /// <param name="options">The settings of each fit (its <see cref="KMeansOptions.NumberOfClusters"/> is replaced); <see cref="KMeansOptions.Default"/> when null.</param>
    /// <param name="silhouetteSampleSize">Above this many points the silhouette is computed on a sample of this size, drawn from the seed.</param>
    /// <param name="progress">Receives a report after every iteration of every fit; optional.</param>
    /// <param name="cancellationToken">Stops the work between iterations.</param>
    /// <returns>Every fit with its inertia and silhouette, and the two choices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    /// <exception cref="ArgumentException">The range is empty or reaches beyond the number of points, or an option is invalid.</exception>
    /// <exception cref="OperationCanceledException">The work was cancelled.</exception>
    public static KMeansSelection ChooseNumberOfClusters(
        FeatureMatrix features, int minimum, int maximum, KMeansOptions? options = null,
        int silhouetteSampleSize = ClusterQuality.DefaultSilhouetteSampleSize, IProgress<KMeansProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimum);
        ArgumentOutOfRangeException.ThrowIfLessThan(silhouetteSampleSize, 2);
        CheckClusters(maximum, features.Rows, nameof(maximum));
        options ??= KMeansOptions.Default;
        var seed = options.Seed ?? Random.Shared.NextInt64();
        var candidates = new KMeansCandidate[maximum - minimum + 1];
        for (var k = minimum; k <= maximum; k++)
        {
            var model = Fit(features, options with { NumberOfClusters = k, Seed = seed }, progress, cancellationToken);
            var silhouette = ClusterQuality.Silhouette(features, model.Assignments, silhouetteSampleSize, seed);
            candidates[k - minimum] = new KMeansCandidate(k, model.Inertia, silhouette, model);
        }

        var bySilhouette = candidates[0];
        foreach (var candidate in candidates)
        {
            if (candidate.Silhouette > bySilhouette.Silhouette)
            {
                bySilhouette = candidate;
            }
        }

        return new KMeansSelection(candidates, KMeansSelection.Elbow(candidates), bySilhouette.NumberOfClusters);
    }

    /// <summary>
    /// The greedy k-means++ seeds a fit with these options would start restart <paramref name="restart"/> from.
    /// </summary>
    /// <remarks>
    /// With more points than <see cref="KMeansOptions.RestartSampleSize"/>, the restart runs on the fit's sample, so
    /// the seeds are rows of that sample (still rows of <paramref name="features"/>).
    /// </remarks>
    /// <param name="features">The points, one per row.</param>
    /// <param name="options">The settings; the seed must be set.</param>
    /// <param name="restart">The 0-based restart.</param>
    /// <returns>The initial centroids, one per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The seed is not set, there are more clusters than points, or an option is invalid.</exception>
    public static FeatureMatrix Seed(FeatureMatrix features, KMeansOptions options, int restart = 0)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(restart);
        if (options.Seed is not { } seed)
        {
            throw new ArgumentException("The seed must be set to reproduce a restart's seeding.", nameof(options));
        }

        CheckClusters(options.NumberOfClusters, features.Rows, nameof(options));
        var sample = RestartSample(features, options.NumberOfClusters, options.RestartSampleSize, seed, out var rows);
        var random = SplitMix64.ForStream(seed, restart);
        var centers = KMeansPlusPlus.Seed(
            sample ?? features.Values, rows, features.Columns, options.NumberOfClusters, ref random, Parallel(options, default), default);
        return FeatureMatrix.Wrap(options.NumberOfClusters, features.Columns, centers);
    }

    /// <summary>
    /// The tolerance in squared feature units: <paramref name="tolerance"/> × the mean over features of the
    /// population variance, as scikit-learn scales its <c>tol</c>.
    /// </summary>
    internal static double AbsoluteTolerance(FeatureMatrix features, double tolerance)
    {
        if (tolerance == 0 || features.Rows == 0)
        {
            return 0;
        }

        var n = features.Rows;
        var d = features.Columns;
        var values = features.Values;
        var total = 0d;
        for (var j = 0; j < d; j++)
        {
            var mean = 0d;
            for (var i = 0; i < n; i++)
            {
                mean += values[(i * d) + j];
            }

            mean /= n;
            var variance = 0d;
            for (var i = 0; i < n; i++)
            {
                var difference = values[(i * d) + j] - mean;
                variance += difference * difference;
            }

            total += variance / n;
        }

        return tolerance * (total / d);
    }

    /// <summary>
    /// The rows the restarts run on: <see langword="null"/> (every row) unless there are more rows than the sample
    /// size (at least k), else a uniform sample of that many distinct rows without replacement, drawn from the seed's
    /// stream −2 by a partial Fisher–Yates shuffle and kept in the data's row order.
    /// </summary>
    internal static double[]? RestartSample(FeatureMatrix features, int k, int? sampleSize, long seed, out int rows)
    {
        var n = features.Rows;
        rows = n;
        if (sampleSize is not { } size || n <= Math.Max(size, k))
        {
            return null;
        }

        var m = Math.Max(size, k);
        var indices = new int[n];
        for (var i = 0; i < n; i++)
        {
            indices[i] = i;
        }

        var random = SplitMix64.ForStream(seed, -2);
        for (var i = 0; i < m; i++)
        {
            var j = i + random.NextInt(n - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        Array.Sort(indices, 0, m);
        var d = features.Columns;
        var values = features.Values;
        var sample = new double[m * d];
        for (var i = 0; i < m; i++)
        {
            Array.Copy(values, indices[i] * d, sample, i * d, d);
        }

        rows = m;
        return sample;
    }

    internal static ParallelOptions Parallel(KMeansOptions options, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = options.MaximumDegreeOfParallelism ?? -1, CancellationToken = cancellationToken };

    internal static void CheckClusters(int k, int n, string parameter)
    {
        if (k > n)
        {
            throw new ArgumentException(FeatureMatrix.Format(ClusteringErrorMessages.MoreClustersThanPoints, k, n), parameter);
        }
    }

    private static KMeansModel ToModel(KMeansRun run, int k, int d, long seed, int restart) =>
        new(FeatureMatrix.Wrap(k, d, run.Centers), run.Labels, run.Inertia, run.Iterations, run.Converged, run.History, seed, restart);
}
