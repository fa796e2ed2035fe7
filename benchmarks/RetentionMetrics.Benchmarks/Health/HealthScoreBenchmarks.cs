using BenchmarkDotNet.Attributes;
using RetentionMetrics.Health;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Benchmarks.Health;

/// <summary>
/// Health scores for a population of customers with six components, one of them a percentile rank: fit the population
/// normalisers, then score every customer. The baseline is the same arithmetic written by hand for these six components.
/// </summary>
[MemoryDiagnoser]
public class HealthScoreBenchmarks
{
    public const int ComponentCount = 6;

    private double[] rows = [];
    private double[] scores = [];
    private HealthScoreModel model = null!;

    [Params(1_000_000)]
    public int Customers { get; set; } = 1_000_000;

    /// <summary>logins (percentile), adoption (fitted min–max), nps (thresholds, missing is worst), tickets (fitted z-score,
    /// lower is better), failed payment (boolean, lower is better), days since login (min–max 0..90, lower is better, missing is 90).</summary>
    public static HealthScoreModel CreateModel() =>
        HealthScoreModel.CreateBuilder()
            .Add("logins", HealthNormaliser.Percentile(), weight: 3)
            .Add("adoption", HealthNormaliser.MinMax(), weight: 2)
            .Add("nps", HealthNormaliser.Thresholds(new(0, 0), new(6, 0.2), new(8, 0.7), new(10, 1)), weight: 2, missing: MissingValuePolicy.Worst)
            .Add("tickets", HealthNormaliser.ZScore(), weight: 1, HealthDirection.LowerIsBetter)
            .Add("failedPayment", HealthNormaliser.Boolean(), weight: 1, HealthDirection.LowerIsBetter)
            .Add("daysSinceLogin", HealthNormaliser.MinMax(0, 90), weight: 1, HealthDirection.LowerIsBetter, MissingValuePolicy.UseValue(90))
            .Build();

    /// <summary>Seeded synthetic metrics, row-major, NaN for missing: 5% of logins, 30% of NPS answers and 10% of last logins missing.</summary>
    public static double[] CreateRows(int customers, int seed)
    {
        var random = new Random(seed);
        var rows = new double[customers * ComponentCount];
        for (var i = 0; i < customers; i++)
        {
            var row = rows.AsSpan(i * ComponentCount, ComponentCount);
            row[0] = random.NextDouble() < 0.05 ? double.NaN : Math.Floor(-Math.Log(1 - random.NextDouble()) * 20);
            row[1] = Math.Round(random.NextDouble(), 3);
            row[2] = random.NextDouble() < 0.3 ? double.NaN : random.Next(0, 11);
            row[3] = random.Next(0, 12);
            row[4] = random.NextDouble() < 0.04 ? 1 : 0;
            row[5] = random.NextDouble() < 0.1 ? double.NaN : random.Next(0, 120);
        }

        return rows;
    }

    [GlobalSetup]
    public void Setup()
    {
        rows = CreateRows(Customers, seed: 42);
        scores = new double[Customers];
        model = CreateModel();
    }

    [Benchmark(Baseline = true)]
    public double[] HandWritten_FitAndScore() => HandWritten(rows, scores);

    [Benchmark]
    public double[] Model_FitAndScoreBatch()
    {
        var fitted = model.Fit(rows);
        fitted.ScoreBatch(rows, scores);
        return scores;
    }

    [Benchmark]
    public double[] Model_FitAndScoreWithExplanations()
    {
        var fitted = model.Fit(rows);
        for (var i = 0; i < scores.Length; i++)
        {
            var score = fitted.Score(rows.AsSpan(i * ComponentCount, ComponentCount));
            _ = score.PulledDownMost(1); // the explanation a customer-success view shows first
            scores[i] = score.Score;
        }

        return scores;
    }

    /// <summary>The six components' arithmetic by hand: plain loops and arrays, no model object.</summary>
    public static double[] HandWritten(double[] rows, double[] scores)
    {
        var n = scores.Length;
        var logins = new double[n];
        var present = 0;
        double minimum = double.MaxValue, maximum = double.MinValue, mean = 0, squares = 0;
        for (var i = 0; i < n; i++)
        {
            var row = i * ComponentCount;
            if (!double.IsNaN(rows[row]))
            {
                logins[present++] = rows[row];
            }

            minimum = Math.Min(minimum, rows[row + 1]);
            maximum = Math.Max(maximum, rows[row + 1]);
            var delta = rows[row + 3] - mean;
            mean += delta / (i + 1);
            squares += delta * (rows[row + 3] - mean);
        }

        Array.Sort(logins, 0, present);
        var deviation = Math.Sqrt(squares / n);
        for (var i = 0; i < n; i++)
        {
            var row = i * ComponentCount;
            double points = 0, total = 0;
            var x = rows[row];
            if (!double.IsNaN(x))
            {
                var below = Bound(logins, present, x, false);
                var upTo = Bound(logins, present, x, true);
                points += 3 * ((below + (0.5 * (upTo - below))) / present);
                total += 3;
            }

            points += 2 * Math.Clamp((rows[row + 1] - minimum) / (maximum - minimum), 0, 1);
            var nps = rows[row + 2];
            points += double.IsNaN(nps) ? 0 : 2 * Nps(nps);
            points += 1 - SpecialFunctions.NormalCdf((rows[row + 3] - mean) / deviation);
            points += rows[row + 4] != 0 ? 0 : 1;
            var days = double.IsNaN(rows[row + 5]) ? 90 : rows[row + 5];
            points += 1 - Math.Clamp(days / 90, 0, 1);
            total += 7;
            scores[i] = 100 * points / total;
        }

        return scores;
    }

    private static double Nps(double x) =>
        x <= 6 ? Math.Max(0, x) / 6 * 0.2
        : x <= 8 ? 0.2 + ((x - 6) / 2 * 0.5)
        : 0.7 + ((Math.Min(x, 10) - 8) / 2 * 0.3);

    private static int Bound(double[] sorted, int count, double value, bool inclusive)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value || (inclusive && sorted[middle] == value))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
