using RetentionMetrics.Samples;

namespace RetentionMetrics.Tests.Samples;

/// <summary>The samples the docs quote run and print the hand-worked numbers of docs/summaries.md.</summary>
public class SamplesTests
{
    [Fact]
    public async Task SummariesSample_PrintsTheWorkedExample()
    {
        using var output = new StringWriter();

        await SummariesSample.RunAsync(output);

        Assert.Equal(
            """
            a: frequency 2, recency 30, T 40, monetary 30.00, spend 75.00
            b: frequency 0, recency 0, T 9, monetary 0.00, spend 7.00
            merged partitions equal the single pass: True

            """.ReplaceLineEndings(), output.ToString());
    }
}
