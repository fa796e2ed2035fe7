using RetentionMetrics.Benchmarks.Segments;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Tests.Segments;

public class SegmentRuleBenchmarksTests
{
    [Fact]
    public async Task Benchmarks_SmallData_VariantsAgree()
    {
        // 200,000 events: above the 100,000 at which a span takes the partitioned path.
        var benchmarks = new SegmentRuleBenchmarks { Events = 200_000 };
        benchmarks.Setup();

        var compiled = benchmarks.Evaluate_FourRules();
        var handWritten = benchmarks.HandWritten_FourRules();

        Assert.Equal(handWritten, compiled);
        Assert.Equal(handWritten, await benchmarks.EvaluateAsync_FourRulesInBatches());
        Assert.Equal(handWritten, benchmarks.Evaluate_FourRulesInPlace());
        // Four rules: three counters, two last times and one sum = 7 longs, a row of 8 (64 bytes) + key 8 + slots 16,
        // and the 8-byte first-seen key the partitioned path keeps.
        Assert.Equal(96d, benchmarks.StateBytesPerCustomer());
        Assert.All(compiled, size => Assert.InRange(size, 1, 20_000));
        Assert.Equal(SegmentRule.Parse(SegmentRuleBenchmarks.TenClauseRule), benchmarks.Parse_TenClauseRule());
        Assert.True(benchmarks.ParseAndCompile_TenClauseRule() > 0);
    }
}
