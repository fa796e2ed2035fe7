namespace RetentionMetrics.Clustering;

/// <summary>Measures of how good a clustering is: inertia, the silhouette score and the Davies–Bouldin index.</summary>
/// <remarks>
/// <para>Each measure takes the points and the cluster of each point (0-based; the number of clusters is the largest
/// label plus one, and empty clusters are ignored). Distances are Euclidean. Where a measure is undefined (fewer
/// than two non-empty clusters) it is 0, never NaN. The definitions are scikit-learn's
/// (<c>silhouette_score</c>, <c>davies_bouldin_score</c>); see docs/clustering.md.</para>
/// </remarks>
public static class ClusterQuality
{
    /// <summary>The sample size <see cref="Silhouette(FeatureMatrix, IReadOnlyList{int}, int, long)"/> is usually given: above it the exact score costs too much.</summary>
    public const int DefaultSilhouetteSampleSize = 10_000;

    /// <summary>The sum of squared distances of the points to the centroids they are assigned to.</summary>
    /// <param name="features">The points.</param>
    /// <param name="centroids">The centroids, with the points' columns.</param>
    /// <param name="assignments">The centroid of each point.</param>
    /// <returns>The inertia (0 for no points).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes disagree or an assignment names no centroid.</exception>
    public static double Inertia(FeatureMatrix features, FeatureMatrix centroids, IReadOnlyList<int> assignments)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(centroids);
        ArgumentNullException.ThrowIfNull(assignments);
        if (centroids.Columns != features.Columns)
        {
            throw new ArgumentException(FeatureMatrix.Format(ClusteringErrorMessages.DimensionMismatch, features.Columns, centroids.Columns), nameof(centroids));
        }

        CheckAssignments(features, assignments, centroids.Rows);
        var total = 0d;
        for (var i = 0; i < features.Rows; i++)
        {
            total += KMeansKernels.SquaredDistance(features.Row(i), centroids.Row(assignments[i]));
        }

        return total;
    }

    /// <summary>The mean silhouette coefficient over all points (Rousseeuw 1987), computed exactly in O(n²).</summary>
    /// <param name="features">The points.</param>
    /// <param name="assignments">The cluster of each point.</param>
    /// <returns>A value in [−1, 1]; 0 when fewer than two clusters have points.</returns>
    /// <remarks>
    /// For point i with mean distance a to the other points of its cluster and smallest mean distance b to the points
    /// of another cluster, s = (b − a) / max(a, b); s = 0 for a point alone in its cluster, and for a = b = 0.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The assignments do not match the points.</exception>
    public static double Silhouette(FeatureMatrix features, IReadOnlyList<int> assignments)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(assignments);
        var k = CheckAssignments(features, assignments, Math.Max(1, features.Rows));
        var rows = new int[features.Rows];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        return SilhouetteOf(features, assignments, rows, k);
    }

    /// <summary>The silhouette score of a random sample of points (drawn without replacement from <paramref name="seed"/>), as scikit-learn's <c>sample_size</c> does.</summary>
    /// <param name="features">The points.</param>
    /// <param name="assignments">The cluster of each point.</param>
    /// <param name="sampleSize">How many points to sample (at least 2); all points, exactly, when there are no more than this.</param>
    /// <param name="seed">The seed of the sample.</param>
    /// <returns>The silhouette score of the sampled points among themselves; 0 when fewer than two clusters are in the sample.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The assignments do not match the points, or <paramref name="sampleSize"/> is below 2.</exception>
    public static double Silhouette(FeatureMatrix features, IReadOnlyList<int> assignments, int sampleSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 2);
        var k = CheckAssignments(features, assignments, Math.Max(1, features.Rows));
        var n = features.Rows;
        var all = new int[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }

        if (sampleSize >= n)
        {
            return SilhouetteOf(features, assignments, all, k);
        }

        var random = SplitMix64.ForStream(seed, -1);
        for (var i = 0; i < sampleSize; i++)
        {
            var j = i + random.NextInt(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return SilhouetteOf(features, assignments, all.AsSpan(0, sampleSize).ToArray(), k);
    }

    /// <summary>The Davies–Bouldin index (Davies and Bouldin 1979): lower is better, 0 is the least possible.</summary>
    /// <param name="features">The points.</param>
    /// <param name="assignments">The cluster of each point.</param>
    /// <returns>
    /// The mean over clusters of the largest (s_i + s_j) / d(c_i, c_j), where c are the clusters' means and s the mean
    /// distance of a cluster's points to its mean; a pair whose means coincide counts 0 (scikit-learn's convention);
    /// 0 when fewer than two clusters have points.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The assignments do not match the points.</exception>
    public static double DaviesBouldin(FeatureMatrix features, IReadOnlyList<int> assignments)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(assignments);
        var k = CheckAssignments(features, assignments, Math.Max(1, features.Rows));
        var d = features.Columns;
        var means = new double[k * d];
        var counts = new long[k];
        for (var i = 0; i < features.Rows; i++)
        {
            var c = assignments[i];
            counts[c]++;
            var row = features.Row(i);
            for (var j = 0; j < d; j++)
            {
                means[(c * d) + j] += row[j];
            }
        }

        var present = new List<int>();
        for (var c = 0; c < k; c++)
        {
            if (counts[c] > 0)
            {
                present.Add(c);
                for (var j = 0; j < d; j++)
                {
                    means[(c * d) + j] /= counts[c];
                }
            }
        }

        if (present.Count < 2)
        {
            return 0;
        }

        var spread = new double[k];
        for (var i = 0; i < features.Rows; i++)
        {
            var c = assignments[i];
            spread[c] += Math.Sqrt(KMeansKernels.SquaredDistance(features.Row(i), means.AsSpan(c * d, d)));
        }

        foreach (var c in present)
        {
            spread[c] /= counts[c];
        }

        var total = 0d;
        foreach (var a in present)
        {
            var worst = 0d;
            foreach (var b in present)
            {
                if (a == b)
                {
                    continue;
                }

                var separation = Math.Sqrt(KMeansKernels.SquaredDistance(means.AsSpan(a * d, d), means.AsSpan(b * d, d)));
                if (separation > 0)
                {
                    worst = Math.Max(worst, (spread[a] + spread[b]) / separation);
                }
            }

            total += worst;
        }

        return total / present.Count;
    }

    private static double SilhouetteOf(FeatureMatrix features, IReadOnlyList<int> assignments, int[] rows, int k)
    {
        var m = rows.Length;
        var sizes = new int[k];
        foreach (var r in rows)
        {
            sizes[assignments[r]]++;
        }

        var present = 0;
        foreach (var size in sizes)
        {
            if (size > 0)
            {
                present++;
            }
        }

        if (present < 2)
        {
            return 0;
        }

        var scores = new double[m];
        System.Threading.Tasks.Parallel.For(0, m, () => new double[k], (p, _, sums) =>
        {
            Array.Clear(sums);
            var point = features.Row(rows[p]);
            for (var q = 0; q < m; q++)
            {
                if (q != p)
                {
                    sums[assignments[rows[q]]] += Math.Sqrt(KMeansKernels.SquaredDistance(point, features.Row(rows[q])));
                }
            }

            var own = assignments[rows[p]];
            if (sizes[own] <= 1)
            {
                scores[p] = 0;
                return sums;
            }

            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }

            var largest = Math.Max(a, b);
            scores[p] = largest > 0 ? (b - a) / largest : 0;
            return sums;
        }, _ => { });
        return KMeansEngine.SumInOrder(scores) / m;
    }

    /// <summary>Checks the assignments against the points; returns the number of clusters (largest label + 1).</summary>
    private static int CheckAssignments(FeatureMatrix features, IReadOnlyList<int> assignments, int clusters)
    {
        if (assignments.Count != features.Rows)
        {
            throw new ArgumentException(FeatureMatrix.Format(ClusteringErrorMessages.AssignmentCountMismatch, assignments.Count, features.Rows), nameof(assignments));
        }

        var largest = -1;
        for (var i = 0; i < assignments.Count; i++)
        {
            var c = assignments[i];
            if (c < 0 || c >= clusters)
            {
                throw new ArgumentException(FeatureMatrix.Format(ClusteringErrorMessages.AssignmentOutOfRange, i, c), nameof(assignments));
            }

            largest = Math.Max(largest, c);
        }

        return largest + 1;
    }
}
