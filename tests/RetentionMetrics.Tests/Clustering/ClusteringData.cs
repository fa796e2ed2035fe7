using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using RetentionMetrics.Clustering;

namespace RetentionMetrics.Tests.Clustering;

/// <summary>Generators and reference data for the clustering tests.</summary>
public static class ClusteringData
{
    /// <summary>scikit-learn's KMeans(n_clusters=3, n_init=10).inertia_ on its Iris data (see Data/clustering/README.md).</summary>
    public const double IrisScikitLearnInertia = 78.85144142614601;

    /// <summary>scikit-learn's silhouette_score of that clustering (see Data/clustering/README.md).</summary>
    public const double IrisScikitLearnSilhouette = 0.5528190123564095;

    /// <summary>The four measurements of scikit-learn's iris.csv (its first line is a count header, not column names).</summary>
    public static FeatureMatrix Iris()
    {
        var rows = File.ReadLines(Support.TestData.PathOf("clustering", "iris.csv"))
            .Skip(1)
            .Where(line => line.Trim().Length > 0)
            .Select(line => (IReadOnlyList<double>)line.Trim().Split(',').Take(4).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        return FeatureMatrix.FromRows(rows);
    }

    /// <summary>A small dataset with a number of clusters that fits it and a seed.</summary>
    public sealed record Case(FeatureMatrix Features, int K, long Seed)
    {
        public override string ToString() =>
            $"n={Features.Rows} d={Features.Columns} k={K} seed={Seed}: " +
            string.Join(" ", Features.ToRows().Select(r => "(" + string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + ")"));
    }

    /// <summary>
    /// Points around a few random centres; with <paramref name="integers"/> every coordinate is a whole number (so
    /// sums are exact), otherwise sevenths (inexact in binary). Duplicates are common, so empty clusters happen.
    /// </summary>
    public static Gen<Case> Cases(bool integers, int maximumPoints = 60) =>
        from n in Gen.Choose(1, maximumPoints)
        from d in Gen.Choose(1, 3)
        from centres in Gen.Choose(-40, 40).ArrayOf(4 * d)
        from which in Gen.Choose(0, 3).ArrayOf(n)
        from noise in Gen.Choose(-6, 6).ArrayOf(n * d)
        from k in Gen.Choose(1, Math.Min(n, 6))
        from seed in Gen.Choose(0, 1_000_000)
        select new Case(Build(n, d, centres, which, noise, integers), k, seed);

    public static Arbitrary<Case> Arbitrary(bool integers, int maximumPoints = 60) => Arb.From(Cases(integers, maximumPoints));

    /// <summary>Well separated Gaussian-like blobs of many points, from a seed.</summary>
    public static FeatureMatrix Blobs(int n, int d, int centres, long seed, double spread = 1.0)
    {
        var random = new Random((int)seed);
        var centreValues = new double[centres * d];
        for (var i = 0; i < centreValues.Length; i++)
        {
            centreValues[i] = random.NextDouble() * 100;
        }

        var values = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            var c = i % centres;
            for (var j = 0; j < d; j++)
            {
                // A sum of uniforms: a bounded bell shape.
                var noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * spread;
                values[(i * d) + j] = centreValues[(c * d) + j] + noise;
            }
        }

        return new FeatureMatrix(n, d, values);
    }

    /// <summary>Whether every point is with a centroid at least as near as any other (exact check).</summary>
    public static bool EveryPointAtNearestCentroid(FeatureMatrix features, KMeansModel model)
    {
        for (var i = 0; i < features.Rows; i++)
        {
            var own = SquaredDistance(features.Row(i), model.Centroids.Row(model.Assignments[i]));
            for (var c = 0; c < model.NumberOfClusters; c++)
            {
                if (SquaredDistance(features.Row(i), model.Centroids.Row(c)) < own)
                {
                    return false;
                }
            }
        }

        return true;
    }

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0d;
        for (var j = 0; j < a.Length; j++)
        {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }

        return sum;
    }

    private static FeatureMatrix Build(int n, int d, int[] centres, int[] which, int[] noise, bool integers)
    {
        var values = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var value = centres[(which[i] * d) + j] + noise[(i * d) + j];
                values[(i * d) + j] = integers ? value : value / 7.0;
            }
        }

        return new FeatureMatrix(n, d, values);
    }
}
