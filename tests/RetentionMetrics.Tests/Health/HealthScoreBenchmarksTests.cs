using RetentionMetrics.Benchmarks.Health;

namespace RetentionMetrics.Tests.Health;

public class HealthScoreBenchmarksTests
{
    [Fact]
    public void EveryBenchmark_OnSmallData_AgreesWithTheHandWrittenBaseline()
    {
        var benchmarks = new HealthScoreBenchmarks { Customers = 5_000 };
        benchmarks.Setup();

        var baseline = (double[])benchmarks.HandWritten_FitAndScore().Clone();
        var batch = (double[])benchmarks.Model_FitAndScoreBatch().Clone();
        var explained = (double[])benchmarks.Model_FitAndScoreWithExplanations().Clone();

        Assert.All(baseline, s => Assert.InRange(s, 0d, 100d));
        Assert.Equal(baseline, batch, new Tolerance(1e-9));
        Assert.Equal(batch, explained);
        Assert.True(baseline.Distinct().Count() > 1_000, "the synthetic scores should vary");
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
