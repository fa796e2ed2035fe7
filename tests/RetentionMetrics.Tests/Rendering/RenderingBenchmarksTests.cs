using RetentionMetrics.Benchmarks.Rendering;
using RetentionMetrics.Rendering;

namespace RetentionMetrics.Tests.Rendering;

public class RenderingBenchmarksTests
{
    [Fact]
    public void EveryBenchmark_OnSmallData_DrawsTheDocumentedStructure()
    {
        var benchmarks = new RenderingBenchmarks { Customers = 5_000, Days = 30 };
        benchmarks.Setup();

        Assert.True(benchmarks.ClusterScatter_MillionCustomers() > 0);
        Assert.True(benchmarks.Histogram_MillionValues() > 0);
        Assert.True(benchmarks.CohortHeatmap_YearOfDailyCohorts() > 0);

        var (scatter, heatmap, values) = benchmarks.Inputs;
        var (points, cells) = benchmarks.ExpectedCounts;
        Assert.Equal(points, Markup.Count(Markup.Parse(SvgCharts.ClusterScatter(scatter.Features, scatter.Assignments, scatter.Centroids, 0, 1)), "rm-point"));
        Assert.Equal(cells, Markup.Count(Markup.Parse(SvgCharts.CohortHeatmap(heatmap)), "rm-cell"));
        Assert.Equal(values.Length, Markup.WithClass(Markup.Parse(SvgCharts.Histogram(values, "v")), "rm-bar").Sum(b => (int)Markup.Number(b, "data-count")));
    }
}
