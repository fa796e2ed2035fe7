using RetentionMetrics.Benchmarks.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class RfmBenchmarksTests
{
    [Fact]
    public void Benchmarks_SmallData_VariantsAgree()
    {
        using var benchmarks = new RfmBenchmarks { Customers = 5_000 };
        benchmarks.Setup();

        var exact = benchmarks.Score_CountBelow();
        benchmarks.DuckDb_CountBelow();
        Assert.Equal(benchmarks.DuckDbChecksum(), RfmBenchmarks.Checksum(exact));

        var equalCount = benchmarks.Score_EqualCount();
        benchmarks.DuckDb_Ntile();
        Assert.Equal(benchmarks.DuckDbChecksum(), RfmBenchmarks.Checksum(equalCount));

        // The sketch's scores differ from the exact ones by at most 1 + ⌊5 · bound / N⌋ in each dimension.
        var sketch = benchmarks.Score_Sketch();
        var allowed = 1 + 5 * sketch.RankErrorBound / 5_000;
        for (var i = 0; i < exact.Count; i++)
        {
            Assert.Equal(exact[i].CustomerId, sketch[i].CustomerId);
            Assert.InRange(sketch[i].Score.Monetary - exact[i].Score.Monetary, -allowed, allowed);
            Assert.InRange(sketch[i].Score.Recency - exact[i].Score.Recency, -allowed, allowed);
        }
    }
}
