using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Clustering;

namespace RetentionMetrics.Tests.Clustering;

public class KMeansTests
{
    private static FeatureMatrix Matrix(int columns, params double[] values) => new(values.Length / columns, columns, values);

    [Fact]
    public void Fit_FourPointsOnALine_FindsTheTwoPairs()
    {
        // 0, 1, 10, 11 with k = 2: centroids 0.5 and 10.5, inertia 4 × 0.5² = 1 (by hand).
        var model = KMeans.Fit(Matrix(1, 0, 1, 10, 11), new KMeansOptions { NumberOfClusters = 2, Seed = 7 });

        var centroids = Enumerable.Range(0, 2).Select(c => model.Centroids[c, 0]).Order().ToArray();
        Assert.Equal([0.5, 10.5], centroids);
        Assert.Equal(1.0, model.Inertia, 12);
        Assert.Equal(model.Assignments[0], model.Assignments[1]);
        Assert.Equal(model.Assignments[2], model.Assignments[3]);
        Assert.NotEqual(model.Assignments[0], model.Assignments[2]);
        Assert.True(model.Converged);
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Lloyd)]
    [InlineData(KMeansAlgorithm.Hamerly)]
    public void Fit_FromGivenCentroids_FollowsTheHandComputedIterations(KMeansAlgorithm algorithm)
    {
        // Points (0,0), (0,2), (4,0), (4,2) from centroids (0,0) and (4,0).
        // Iteration 1: labels 0,0,1,1; squared distances 0,4,0,4 → inertia 8; new centroids (0,1), (4,1).
        // Iteration 2: labels unchanged → inertia 1+1+1+1 = 4, strict convergence after 2 iterations.
        var features = Matrix(2, 0, 0, 0, 2, 4, 0, 4, 2);
        var model = KMeans.Fit(features, Matrix(2, 0, 0, 4, 0), new KMeansOptions { Algorithm = algorithm });

        Assert.Equal([0, 0, 1, 1], model.Assignments);
        Assert.Equal(Matrix(2, 0, 1, 4, 1), model.Centroids);
        Assert.Equal([8.0, 4.0], model.InertiaHistory);
        Assert.Equal(4.0, model.Inertia);
        Assert.Equal(2, model.Iterations);
        Assert.True(model.Converged);
        Assert.Equal([2, 2], model.ClusterSizes);
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Lloyd)]
    [InlineData(KMeansAlgorithm.Hamerly)]
    public void Fit_EmptyClusters_GetTheFarthestPoints(KMeansAlgorithm algorithm)
    {
        // Points 0, 1, 2, 10 from centroids 0, 100, 200: every point goes to centroid 0, so clusters 1 and 2 are empty.
        // Squared distances to centroid 0 are 0, 1, 4, 100: cluster 1 takes 10, cluster 2 takes 2 (the next farthest).
        // Means: cluster 0 = 0.5, cluster 1 = 10, cluster 2 = 2. Iteration 2 keeps the labels: inertia 0.25 + 0.25 = 0.5.
        var model = KMeans.Fit(Matrix(1, 0, 1, 2, 10), Matrix(1, 0, 100, 200), new KMeansOptions { Algorithm = algorithm });

        Assert.Equal([0, 0, 2, 1], model.Assignments);
        Assert.Equal(Matrix(1, 0.5, 10, 2), model.Centroids);
        Assert.Equal(0.5, model.Inertia);
        Assert.Equal(2, model.Iterations);
    }

    [Fact]
    public void Fit_MoreClustersThanDistinctPoints_GivesEqualFiniteCentroids()
    {
        // Three copies of (5, 5) and k = 3: every centroid is (5, 5), the lowest-numbered cluster holds the points.
        var model = KMeans.Fit(Matrix(2, 5, 5, 5, 5, 5, 5), new KMeansOptions { NumberOfClusters = 3, Seed = 1 });

        Assert.Equal(Matrix(2, 5, 5, 5, 5, 5, 5), model.Centroids);
        Assert.Equal(0.0, model.Inertia);
        Assert.Equal([3, 0, 0], model.ClusterSizes);
        Assert.True(model.Converged);
    }

    [Fact]
    public void Fit_TwoDistinctPointsAndThreeClusters_IsFiniteAndExact()
    {
        var features = Matrix(1, 1, 1, 1, 9);
        var model = KMeans.Fit(features, new KMeansOptions { NumberOfClusters = 3, Seed = 3 });

        Assert.All(model.Centroids.AsSpan().ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0.0, model.Inertia);
        Assert.True(ClusteringData.EveryPointAtNearestCentroid(features, model));
    }

    [Fact]
    public void Fit_OneCluster_CentroidIsTheMean()
    {
        // Mean of 1, 2, 6 is 3; inertia 4 + 1 + 9 = 14.
        var model = KMeans.Fit(Matrix(1, 1, 2, 6), new KMeansOptions { NumberOfClusters = 1, Seed = 0 });

        Assert.Equal(3.0, model.Centroids[0, 0]);
        Assert.Equal(14.0, model.Inertia);
    }

    [Fact]
    public void Fit_MoreClustersThanPoints_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => KMeans.Fit(Matrix(1, 1, 2), new KMeansOptions { NumberOfClusters = 3 }));
        Assert.Equal("options", error.ParamName);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, ClusteringErrorMessages.MoreClustersThanPoints, 3, 2), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 300, 1e-4, 10, "NumberOfClusters")]
    [InlineData(2, 0, 1e-4, 10, "MaximumIterations")]
    [InlineData(2, 300, -1, 10, "Tolerance")]
    [InlineData(2, 300, double.NaN, 10, "Tolerance")]
    [InlineData(2, 300, 1e-4, 0, "Restarts")]
    public void Fit_InvalidOptions_ThrowNamingTheOption(int k, int iterations, double tolerance, int restarts, string name)
    {
        var options = new KMeansOptions { NumberOfClusters = k, MaximumIterations = iterations, Tolerance = tolerance, Restarts = restarts };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(Matrix(1, 1, 2, 3), options));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Fit_NullFeatures_Throws() =>
        Assert.Equal("features", Assert.Throws<ArgumentNullException>(() => KMeans.Fit(null!)).ParamName);

    [Fact]
    public void Fit_Iris_BestOfTenIsWithinHalfAPercentOfScikitLearn()
    {
        // scikit-learn's KMeans(n_clusters=3, n_init=10) inertia on the same file: see Data/clustering/README.md.
        var model = KMeans.Fit(ClusteringData.Iris(), new KMeansOptions { NumberOfClusters = 3, Restarts = 10, Seed = 2024 });

        Assert.InRange(model.Inertia, ClusteringData.IrisScikitLearnInertia * 0.995, ClusteringData.IrisScikitLearnInertia * 1.005);
    }

    [Fact]
    public void Fit_Iris_FindsScikitLearnsCentroids()
    {
        // scikit-learn's cluster_centers_ for that fit (published to 8 digits); the first is the mean of the 50 setosa rows.
        double[][] expected =
        [
            [5.006, 3.428, 1.462, 0.246],
            [5.9016129, 2.7483871, 4.39354839, 1.43387097],
            [6.85, 3.07368421, 5.74210526, 2.07105263],
        ];
        var model = KMeans.Fit(ClusteringData.Iris(), new KMeansOptions { NumberOfClusters = 3, Seed = 99 });

        var found = model.Centroids.ToRows().OrderBy(r => r[0]).ToArray();
        for (var c = 0; c < 3; c++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(expected[c][j], found[c][j], 7);
            }
        }

        // Cluster sizes of that clustering, ordered as above: the 50 setosa, then 62 and 38.
        var sizes = Enumerable.Range(0, 3).OrderBy(c => model.Centroids[c, 0]).Select(c => model.ClusterSizes[c]).ToArray();
        Assert.Equal([50, 62, 38], sizes);
    }

    [Fact]
    public void Fit_IrisPermuted_ReachesTheSameBestInertia()
    {
        var iris = ClusteringData.Iris();
        var order = Enumerable.Range(0, iris.Rows).Reverse().ToArray();
        var options = new KMeansOptions { NumberOfClusters = 3, Seed = 5 };

        var original = KMeans.Fit(iris, options);
        var permuted = KMeans.Fit(iris.SelectRows(order), options);

        Assert.Equal(original.Inertia, permuted.Inertia, 9);
    }

    [Fact]
    public void Fit_SameSeed_SameResultOnEveryThreadCount()
    {
        // 20,000 points span five blocks, so the parallel paths really split the work.
        var features = ClusteringData.Blobs(20_000, 3, 6, seed: 11, spread: 30);
        var baseOptions = new KMeansOptions { NumberOfClusters = 6, Seed = 123, Restarts = 3 };

        var one = KMeans.Fit(features, baseOptions with { MaximumDegreeOfParallelism = 1 });
        var two = KMeans.Fit(features, baseOptions with { MaximumDegreeOfParallelism = 2 });
        var all = KMeans.Fit(features, baseOptions);
        var again = KMeans.Fit(features, baseOptions);

        foreach (var other in new[] { two, all, again })
        {
            Assert.Equal(one.Centroids, other.Centroids);
            Assert.Equal(one.Assignments, other.Assignments);
            Assert.Equal(one.Inertia, other.Inertia);
            Assert.Equal(one.Iterations, other.Iterations);
            Assert.Equal(one.Restart, other.Restart);
        }
    }

    [Fact]
    public void Fit_LargeData_AcceleratedEqualsPlain()
    {
        var features = ClusteringData.Blobs(30_000, 3, 8, seed: 5, spread: 40);
        var options = new KMeansOptions { NumberOfClusters = 8, Seed = 77, Restarts = 2 };

        var plain = KMeans.Fit(features, options with { Algorithm = KMeansAlgorithm.Lloyd });
        var fast = KMeans.Fit(features, options with { Algorithm = KMeansAlgorithm.Hamerly });

        Assert.Equal(plain.Centroids, fast.Centroids);
        Assert.Equal(plain.Assignments, fast.Assignments);
        Assert.Equal(plain.InertiaHistory, fast.InertiaHistory);
        Assert.Equal(plain.Iterations, fast.Iterations);
    }

    [Fact]
    public void Fit_RestartsKeepTheLowestInertia()
    {
        var features = ClusteringData.Blobs(600, 2, 5, seed: 3, spread: 25);
        var options = new KMeansOptions { NumberOfClusters = 5, Seed = 8, Restarts = 6 };

        var best = KMeans.Fit(features, options);
        var each = Enumerable.Range(0, 6).Select(r => KMeans.Fit(features, KMeans.Seed(features, options, r), options)).ToArray();

        Assert.Equal(each.Min(m => m.Inertia), best.Inertia);
        Assert.Equal(each[best.Restart].Centroids, best.Centroids);
    }

    [Fact]
    public void Fit_Progress_ReportsEveryIteration()
    {
        var reports = new List<KMeansProgress>();
        var model = KMeans.Fit(ClusteringData.Iris(), new KMeansOptions { NumberOfClusters = 3, Seed = 1, Restarts = 2 }, new SynchronousProgress(reports.Add));

        Assert.Equal(2, reports.Select(r => r.Restart).Distinct().Count());
        Assert.All(reports, r => Assert.Equal(2, r.Restarts));
        Assert.Equal(model.Iterations, reports.Where(r => r.Restart == model.Restart).Max(r => r.Iteration));
    }

    [Fact]
    public void Fit_Cancelled_Throws()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => KMeans.Fit(ClusteringData.Iris(), new KMeansOptions { NumberOfClusters = 3 }, cancellationToken: source.Token));
    }

    [Fact]
    public void Fit_NoSeed_ReportsTheSeedItDrew()
    {
        var features = ClusteringData.Iris();
        var first = KMeans.Fit(features, new KMeansOptions { NumberOfClusters = 3, Restarts = 2 });
        var repeated = KMeans.Fit(features, new KMeansOptions { NumberOfClusters = 3, Restarts = 2, Seed = first.Seed });

        Assert.Equal(first.Centroids, repeated.Centroids);
    }

    [Fact]
    public void Seed_WithoutSeed_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => KMeans.Seed(ClusteringData.Iris(), new KMeansOptions { NumberOfClusters = 3 }));

    [Fact]
    public void Seed_PicksDistinctDataPoints()
    {
        var iris = ClusteringData.Iris();
        var seeds = KMeans.Seed(iris, new KMeansOptions { NumberOfClusters = 3, Seed = 4 });
        var rows = iris.ToRows();

        Assert.All(seeds.ToRows(), s => Assert.Contains(rows, r => r.SequenceEqual(s)));
        Assert.Equal(3, seeds.ToRows().Select(r => string.Join(",", r)).Distinct().Count());
    }

    [Property(MaxTest = 150)]
    public Property Fit_AcceleratedAndPlainLloyd_AgreeExactly() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), c =>
        {
            var options = new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed, Restarts = 2 };
            var plain = KMeans.Fit(c.Features, options with { Algorithm = KMeansAlgorithm.Lloyd });
            var fast = KMeans.Fit(c.Features, options with { Algorithm = KMeansAlgorithm.Hamerly });
            return plain.Centroids.Equals(fast.Centroids)
                && plain.Assignments.SequenceEqual(fast.Assignments)
                && plain.Iterations == fast.Iterations
                && plain.Inertia.Equals(fast.Inertia)
                && plain.InertiaHistory.SequenceEqual(fast.InertiaHistory);
        });

    [Property(MaxTest = 150)]
    public Property Fit_InertiaNeverIncreasesAcrossIterations() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), c =>
        {
            var model = KMeans.Fit(c.Features, new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed, Restarts = 1, Tolerance = 0 });
            var history = model.InertiaHistory.Append(model.Inertia).ToArray();
            for (var t = 1; t < history.Length; t++)
            {
                // Exact arithmetic never raises it; allow only rounding (relative 1e-12).
                if (history[t] > (history[t - 1] * (1 + 1e-12)) + 1e-12)
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 150)]
    public Property Fit_EveryPointEndsAtItsNearestCentroid() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), c =>
        {
            var model = KMeans.Fit(c.Features, new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed, Restarts = 2 });
            return ClusteringData.EveryPointAtNearestCentroid(c.Features, model)
                && model.Centroids.AsSpan().ToArray().All(double.IsFinite)
                && model.ClusterSizes.Sum() == c.Features.Rows;
        });

    [Property(MaxTest = 150)]
    public Property Fit_PermutedPointsFromTheSameCentroids_SameClustering() =>
        // With whole-number coordinates every sum is exact, so the means do not depend on the order of the points:
        // from the same initial centroids a permutation of the points gives the same centroids bitwise, the same
        // iterations, the permuted assignments, and the same inertia up to the rounding of its final sum.
        Prop.ForAll(ClusteringData.Arbitrary(integers: true), Arb.From(Gen.Choose(0, int.MaxValue)), (c, shuffleSeed) =>
        {
            var n = c.Features.Rows;
            var order = Enumerable.Range(0, n).OrderBy(i => (i * 7919L + shuffleSeed) % 1_000_003).ToArray();
            var initial = KMeans.Seed(c.Features, new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed });
            var options = new KMeansOptions { Tolerance = 0 };
            var original = KMeans.Fit(c.Features, initial, options);
            var permuted = KMeans.Fit(c.Features.SelectRows(order), initial, options);
            return original.Centroids.Equals(permuted.Centroids)
                && original.Iterations == permuted.Iterations
                && Enumerable.Range(0, n).All(i => permuted.Assignments[i] == original.Assignments[order[i]])
                && Math.Abs(original.Inertia - permuted.Inertia) <= 1e-12 * Math.Max(1, original.Inertia);
        });

    [Property(MaxTest = 150)]
    public Property Fit_Defaults_NeverEndAboveLloydStoppedAtTheScikitLearnTolerance() =>
        // The default runs until no point changes cluster; a Lloyd iteration never raises the inertia, so from the same
        // seeds it ends at or below the plain Lloyd stopped by scikit-learn's tolerance (up to rounding, relative 1e-12).
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), c =>
        {
            var defaults = new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed, Restarts = 1 };
            var model = KMeans.Fit(c.Features, defaults);
            var reference = KMeans.Fit(c.Features, defaults with { Algorithm = KMeansAlgorithm.Lloyd, Tolerance = 1e-4 });
            return model.Inertia <= (reference.Inertia * (1 + 1e-12)) + 1e-12;
        });

    [Property(MaxTest = 150)]
    public Property Seed_GreedySeedsAreDataPointsAndLowerThePotential() =>
        // Each seed is a row of the data (on a sampled fit, a row of the sample, so still a row of the data); the
        // potential — the sum over points of the squared distance to the nearest seed — is finite and never rises as
        // seeds are added; and while the data has more distinct points than seeds so far, D² sampling never picks a
        // point already at distance 0, so the seeds are distinct.
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), Arb.From(Gen.Choose(0, 70)), (c, sampleSize) =>
        {
            var options = new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed, RestartSampleSize = sampleSize == 0 ? null : sampleSize };
            var seeds = KMeans.Seed(c.Features, options, restart: 1).ToRows().ToList();
            var rows = c.Features.ToRows();
            var distinctRows = rows.Select(r => string.Join(",", r)).Distinct().Count();
            var everySeedIsARow = seeds.All(s => rows.Any(r => r.SequenceEqual(s)));
            var previous = double.PositiveInfinity;
            for (var j = 1; j <= seeds.Count; j++)
            {
                var potential = rows.Sum(r => seeds.Take(j).Min(s => ClusteringData.SquaredDistance(r, s)));
                if (!double.IsFinite(potential) || potential > previous)
                {
                    return false;
                }

                previous = potential;
            }

            var sampled = sampleSize != 0 && c.Features.Rows > Math.Max(sampleSize, c.K);
            var distinct = seeds.Select(s => string.Join(",", s)).Distinct().Count() == seeds.Count;
            return everySeedIsARow && (sampled || distinctRows < c.K || distinct);
        });

    [Property(MaxTest = 150)]
    public Property Fit_SampledRestarts_AcceleratedAndPlainAgreeAndEveryPointEndsAtItsNearestCentroid() =>
        // A sample smaller than the data makes the restarts compete on it; the final run over every point keeps the
        // guarantees of a fit: exact agreement of the two algorithms, every point with its nearest centroid.
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), Arb.From(Gen.Choose(1, 60)), (c, sampleSize) =>
        {
            var options = new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed, Restarts = 3, RestartSampleSize = sampleSize };
            var plain = KMeans.Fit(c.Features, options with { Algorithm = KMeansAlgorithm.Lloyd });
            var fast = KMeans.Fit(c.Features, options with { Algorithm = KMeansAlgorithm.Hamerly });
            return plain.Centroids.Equals(fast.Centroids)
                && plain.Assignments.SequenceEqual(fast.Assignments)
                && plain.Inertia.Equals(fast.Inertia)
                && plain.Restart == fast.Restart
                && ClusteringData.EveryPointAtNearestCentroid(c.Features, fast)
                && fast.ClusterSizes.Sum() == c.Features.Rows;
        });

    [Fact]
    public void Fit_SampledRestarts_IterateTheSamplesBestRestartOverEveryPoint()
    {
        // 20,000 points, a 2,000-point sample: the fit must equal the restarts run on that sample alone (same seed,
        // same restart streams), followed by one run over every point from the winner's centroids.
        var features = ClusteringData.Blobs(20_000, 3, 6, seed: 17, spread: 60);
        var options = new KMeansOptions { NumberOfClusters = 6, Seed = 99, Restarts = 4, RestartSampleSize = 2_000 };
        var sampleValues = KMeans.RestartSample(features, 6, 2_000, 99, out var sampleRows);
        var sample = new FeatureMatrix(sampleRows, 3, sampleValues!);

        var onSample = KMeans.Fit(sample, options with { RestartSampleSize = null });
        var expected = KMeans.Fit(features, onSample.Centroids, options);
        var model = KMeans.Fit(features, options);

        Assert.Equal(2_000, sampleRows);
        Assert.Equal(onSample.Restart, model.Restart);
        Assert.Equal(expected.Centroids, model.Centroids);
        Assert.Equal(expected.Assignments, model.Assignments);
        Assert.Equal(expected.Inertia, model.Inertia);
        Assert.Equal(expected.InertiaHistory, model.InertiaHistory);
        Assert.Equal(KMeans.Seed(sample, options with { RestartSampleSize = null }, 2), KMeans.Seed(features, options, 2));
    }

    [Fact]
    public void RestartSample_DrawsDistinctRowsInDataOrder_FromTheSeed()
    {
        // Row i holds the value i, so the sample's values name the rows drawn.
        var features = new FeatureMatrix(1_000, 1, Enumerable.Range(0, 1_000).Select(i => (double)i).ToArray());

        var sample = KMeans.RestartSample(features, 3, 100, 7, out var rows)!;
        var again = KMeans.RestartSample(features, 3, 100, 7, out _)!;
        var other = KMeans.RestartSample(features, 3, 100, 8, out _)!;

        Assert.Equal(100, rows);
        Assert.Equal(100, sample.Length);
        Assert.All(sample.Zip(sample.Skip(1)), pair => Assert.True(pair.First < pair.Second));
        Assert.All(sample, v => Assert.InRange(v, 0, 999));
        Assert.Equal(sample, again);
        Assert.NotEqual(sample, other);
        // A sample as large as the data (or no sample size, or fewer rows than k) means every row.
        Assert.Null(KMeans.RestartSample(features, 3, 1_000, 7, out rows));
        Assert.Equal(1_000, rows);
        Assert.Null(KMeans.RestartSample(features, 3, null, 7, out _));
        Assert.Equal(5, KMeans.RestartSample(features, 5, 2, 7, out rows)!.Length);
        Assert.Equal(5, rows);
    }

    [Fact]
    public void Fit_SampledRestarts_SameResultOnEveryThreadCount()
    {
        var features = ClusteringData.Blobs(20_000, 3, 6, seed: 11, spread: 30);
        var baseOptions = new KMeansOptions { NumberOfClusters = 6, Seed = 321, Restarts = 3, RestartSampleSize = 5_000 };

        var one = KMeans.Fit(features, baseOptions with { MaximumDegreeOfParallelism = 1 });
        var two = KMeans.Fit(features, baseOptions with { MaximumDegreeOfParallelism = 2 });
        var all = KMeans.Fit(features, baseOptions);

        foreach (var other in new[] { two, all })
        {
            Assert.Equal(one.Centroids, other.Centroids);
            Assert.Equal(one.Assignments, other.Assignments);
            Assert.Equal(one.Inertia, other.Inertia);
            Assert.Equal(one.Restart, other.Restart);
        }
    }

    [Fact]
    public void Fit_SampledRestarts_ProgressReportsTheFinalRunAsTheWinningRestart()
    {
        var reports = new List<KMeansProgress>();
        var features = ClusteringData.Blobs(3_000, 2, 4, seed: 2, spread: 20);
        var model = KMeans.Fit(features, new KMeansOptions { NumberOfClusters = 4, Seed = 3, Restarts = 2, RestartSampleSize = 500 }, new SynchronousProgress(reports.Add));

        // Each restart reports its iterations on the sample; then the run over every point counts again from 1.
        Assert.Equal(model.InertiaHistory, reports.TakeLast(model.Iterations).Select(r => r.Inertia));
        Assert.All(reports.TakeLast(model.Iterations), r => Assert.Equal(model.Restart, r.Restart));
        Assert.Equal(Enumerable.Range(1, model.Iterations), reports.TakeLast(model.Iterations).Select(r => r.Iteration));
        Assert.Equal([0, 1], reports.SkipLast(model.Iterations).Select(r => r.Restart).Distinct());
    }

    private sealed class SynchronousProgress(Action<KMeansProgress> report) : IProgress<KMeansProgress>
    {
        public void Report(KMeansProgress value) => report(value);
    }
}
