using BenchmarkDotNet.Attributes;
using NodaTime;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Rendering;

namespace RetentionMetrics.Benchmarks.Rendering;

/// <summary>
/// Rendering large results: a scatter of a million customers (down-sampled to the point limit), a histogram of a
/// million values, and a heatmap of a year of daily cohorts over a year of daily offsets (66,795 observable cells).
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private FeatureMatrix features = null!;
    private int[] assignments = [];
    private FeatureMatrix centroids = null!;
    private double[] values = [];
    private CohortTable cohorts = null!;

    /// <summary>The number of customers in the scatter and the histogram.</summary>
    [Params(1_000_000)]
    public int Customers { get; set; } = 1_000_000;

    /// <summary>The number of daily cohorts, and of daily offsets, in the heatmap.</summary>
    public int Days { get; set; } = 365;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        const int clusters = 5;
        var data = new double[Customers * 2];
        assignments = new int[Customers];
        values = new double[Customers];
        for (var i = 0; i < Customers; i++)
        {
            var c = random.Next(clusters);
            assignments[i] = c;
            data[2 * i] = c * 3 + random.NextDouble() * 2;
            data[2 * i + 1] = c * 2 + random.NextDouble() * 3;
            values[i] = Math.Exp(random.NextDouble() * 6);
        }

        features = new FeatureMatrix(Customers, 2, data);
        centroids = new FeatureMatrix(clusters, 2, Enumerable.Range(0, clusters).SelectMany(c => new[] { c * 3 + 1d, c * 2 + 1.5 }).ToArray());

        // Cohort d (0-based) has been observed for Days − d offsets: the usual triangle.
        var cells = new double?[Days, Days];
        for (var d = 0; d < Days; d++)
        {
            for (var o = 0; o < Days - d; o++)
            {
                cells[d, o] = o == 0 ? 1 : 0.6 * Math.Exp(-o / 60d) + random.NextDouble() * 0.05;
            }
        }

        var start = new LocalDate(2024, 1, 1);
        cohorts = new CohortTable(CohortPeriod.Day, CohortMeasure.Retention, start.PlusDays(Days - 1),
            Enumerable.Range(0, Days).Select(d => new Cohort(null, start.PlusDays(d), start.PlusDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), 100)).ToArray(),
            Enumerable.Range(0, Days).Select(OffsetBracket.Single).ToArray(), cells);
    }

    /// <summary>A scatter of every customer down-sampled to the default 2,000 points.</summary>
    [Benchmark]
    public int ClusterScatter_MillionCustomers() =>
        SvgCharts.ClusterScatter(features, assignments, centroids, 0, 1).Markup.Length;

    /// <summary>A histogram of a million long-tailed values (sorted for the 0.99 quantile).</summary>
    [Benchmark]
    public int Histogram_MillionValues() => SvgCharts.Histogram(values, "value").Markup.Length;

    /// <summary>A heatmap of 365 daily cohorts × 365 offsets.</summary>
    [Benchmark]
    public int CohortHeatmap_YearOfDailyCohorts() => SvgCharts.CohortHeatmap(cohorts).Markup.Length;

    /// <summary>The structure counts of the last setup, for the test that runs each benchmark once.</summary>
    public (int Points, int Cells) ExpectedCounts => (Math.Min(Customers, ChartOptions.Default.MaximumPoints), Days * (Days + 1) / 2);

    public (SvgChartsInput Scatter, CohortTable Heatmap, double[] Values) Inputs => (new SvgChartsInput(features, assignments, centroids), cohorts, values);

    public sealed record SvgChartsInput(FeatureMatrix Features, int[] Assignments, FeatureMatrix Centroids);
}
