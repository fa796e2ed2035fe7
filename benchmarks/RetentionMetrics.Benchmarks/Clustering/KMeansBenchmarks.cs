using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using RetentionMetrics.Clustering;

namespace RetentionMetrics.Benchmarks.Clustering;

/// <summary>
/// k-means on 1,000,000 points in 3 dimensions with k = 8: this library against ML.NET's KMeansTrainer on the same
/// data, with a plain hand-written Lloyd as the baseline. Each method returns the inertia it reaches (ML.NET's is
/// computed here from its centroids); the inertias are printed when the run ends.
/// </summary>
[MemoryDiagnoser]
public class KMeansBenchmarks
{
    public const int Clusters = 8;
    public const int Dimensions = 3;

    private static readonly ConcurrentDictionary<string, double> Reached = new();
    private FeatureMatrix features = null!;
    private MLContext ml = null!;
    private IDataView mlData = null!;

    /// <summary>The number of points (1,000,000 in the benchmark; tests use fewer).</summary>
    public int Points { get; set; } = 1_000_000;

    /// <summary>The inertia each method reached in its last run.</summary>
    public static IReadOnlyDictionary<string, double> InertiaReached => Reached;

    [GlobalSetup]
    public void Setup()
    {
        features = SyntheticPoints(Points, seed: 42);
        ml = new MLContext(seed: 1);
        var rows = new Row[Points];
        var values = features.AsSpan();
        for (var i = 0; i < Points; i++)
        {
            rows[i] = new Row { Features = [(float)values[i * 3], (float)values[(i * 3) + 1], (float)values[(i * 3) + 2]] };
        }

        // ML.NET gets its data ready and cached, as ours is a ready matrix: the fit alone is measured.
        mlData = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        using var cursor = mlData.GetRowCursor(mlData.Schema);
        while (cursor.MoveNext())
        {
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (method, inertia) in Reached.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Inertia reached by {method}: {inertia:R}"));
        }
    }

    [Benchmark(Baseline = true)]
    public double PlainLloyd_TwentyIterations()
    {
        var seeds = KMeans.Seed(features, new KMeansOptions { NumberOfClusters = Clusters, Seed = 1 });
        return Record(nameof(PlainLloyd_TwentyIterations), PlainLloyd(features, seeds, 20));
    }

    /// <summary>
    /// The default options with one k-means++ seeding, as ML.NET seeds once: seeded and iterated on the 32,768-point
    /// sample, then iterated over every point until no point changes cluster.
    /// </summary>
    [Benchmark]
    public double Ours_Defaults_OneRestart() =>
        Record(nameof(Ours_Defaults_OneRestart), KMeans.Fit(features, Options(restarts: 1, KMeansAlgorithm.Hamerly)).Inertia);

    /// <summary>scikit-learn's relative tolerance 1e-4 instead of the default strict convergence.</summary>
    [Benchmark]
    public double Ours_ScikitLearnTolerance_OneRestart() =>
        Record(nameof(Ours_ScikitLearnTolerance_OneRestart), KMeans.Fit(features, Options(restarts: 1, KMeansAlgorithm.Hamerly) with { Tolerance = 1e-4 }).Inertia);

    /// <summary>The default options with the plain Lloyd iteration (same result, no bounds).</summary>
    [Benchmark]
    public double Ours_Lloyd_OneRestart() =>
        Record(nameof(Ours_Lloyd_OneRestart), KMeans.Fit(features, Options(restarts: 1, KMeansAlgorithm.Lloyd)).Inertia);

    /// <summary>
    /// The default options, the headline: ten restarts compared on a 32,768-point sample, the winner iterated over
    /// every point until no point changes cluster.
    /// </summary>
    [Benchmark]
    public double Ours_Defaults_TenRestarts() =>
        Record(nameof(Ours_Defaults_TenRestarts), KMeans.Fit(features, Options(restarts: 10, KMeansAlgorithm.Hamerly)).Inertia);

    /// <summary>Ten restarts each seeded and iterated over every point (no sample): about ten single fits.</summary>
    [Benchmark]
    public double Ours_TenRestarts_EveryRestartOnAllPoints() =>
        Record(
            nameof(Ours_TenRestarts_EveryRestartOnAllPoints),
            KMeans.Fit(features, Options(restarts: 10, KMeansAlgorithm.Hamerly) with { RestartSampleSize = null }).Inertia);

    [Benchmark]
    public double MlNet_KMeansTrainer_Default()
    {
        var model = ml.Clustering.Trainers.KMeans(nameof(Row.Features), numberOfClusters: Clusters).Fit(mlData);
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var k);
        var values = new double[k * Dimensions];
        for (var c = 0; c < k; c++)
        {
            var dense = centroids[c].DenseValues().ToArray();
            for (var j = 0; j < Dimensions; j++)
            {
                values[(c * Dimensions) + j] = dense[j];
            }
        }

        var centres = new FeatureMatrix(k, Dimensions, values);
        var assignments = new KMeansModelAssignments(centres).Assign(features);
        return Record(nameof(MlNet_KMeansTrainer_Default), ClusterQuality.Inertia(features, centres, assignments));
    }

    /// <summary>Eight overlapping blobs in a 100-unit cube, from a seed.</summary>
    public static FeatureMatrix SyntheticPoints(int count, int seed)
    {
        var random = new Random(seed);
        var centres = new double[Clusters * Dimensions];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = random.NextDouble() * 100;
        }

        var values = new double[count * Dimensions];
        for (var i = 0; i < count; i++)
        {
            var c = random.Next(Clusters);
            for (var j = 0; j < Dimensions; j++)
            {
                var noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble() - 2) * 12;
                values[(i * Dimensions) + j] = centres[(c * Dimensions) + j] + noise;
            }
        }

        return new FeatureMatrix(count, Dimensions, values);
    }

    /// <summary>Textbook Lloyd: every distance every iteration, one thread, a fixed number of iterations.</summary>
    public static double PlainLloyd(FeatureMatrix points, FeatureMatrix seeds, int iterations)
    {
        var n = points.Rows;
        var d = points.Columns;
        var k = seeds.Rows;
        var x = points.AsSpan();
        var centres = seeds.AsSpan().ToArray();
        var labels = new int[n];
        var sums = new double[k * d];
        var counts = new int[k];
        for (var iteration = 0; iteration <= iterations; iteration++)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var bestDistance = double.MaxValue;
                for (var c = 0; c < k; c++)
                {
                    var distance = 0d;
                    for (var j = 0; j < d; j++)
                    {
                        var difference = x[(i * d) + j] - centres[(c * d) + j];
                        distance += difference * difference;
                    }

                    if (distance < bestDistance)
                    {
                        bestDistance = distance;
                        best = c;
                    }
                }

                labels[i] = best;
                counts[best]++;
                for (var j = 0; j < d; j++)
                {
                    sums[(best * d) + j] += x[(i * d) + j];
                }
            }

            if (iteration == iterations)
            {
                break;
            }

            for (var c = 0; c < k; c++)
            {
                for (var j = 0; j < d && counts[c] > 0; j++)
                {
                    centres[(c * d) + j] = sums[(c * d) + j] / counts[c];
                }
            }
        }

        var inertia = 0d;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var difference = x[(i * d) + j] - centres[(labels[i] * d) + j];
                inertia += difference * difference;
            }
        }

        return inertia;
    }

    private static KMeansOptions Options(int restarts, KMeansAlgorithm algorithm) =>
        new() { NumberOfClusters = Clusters, Restarts = restarts, Seed = 1, Algorithm = algorithm };

    private static double Record(string method, double inertia)
    {
        Reached[method] = inertia;
        return inertia;
    }

    private sealed class Row
    {
        [VectorType(Dimensions)]
        public float[] Features { get; set; } = [];
    }

    /// <summary>Assigns points to the nearest of fixed centroids (for the inertia of ML.NET's centroids).</summary>
    private sealed class KMeansModelAssignments(FeatureMatrix centres)
    {
        public int[] Assign(FeatureMatrix points)
        {
            var labels = new int[points.Rows];
            for (var i = 0; i < labels.Length; i++)
            {
                var best = 0;
                var bestDistance = double.MaxValue;
                for (var c = 0; c < centres.Rows; c++)
                {
                    var distance = 0d;
                    for (var j = 0; j < centres.Columns; j++)
                    {
                        var difference = points[i, j] - centres[c, j];
                        distance += difference * difference;
                    }

                    if (distance < bestDistance)
                    {
                        bestDistance = distance;
                        best = c;
                    }
                }

                labels[i] = best;
            }

            return labels;
        }
    }
}
