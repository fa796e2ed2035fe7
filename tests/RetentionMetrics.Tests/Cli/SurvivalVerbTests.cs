using System.Text.Json;
using RetentionMetrics.Cli;

namespace RetentionMetrics.Tests.Cli;

public class SurvivalVerbTests
{
    // Lifetimes as of 2024-12-31 with a 90-day gap: a 152 days churned (x), b censored at 60 (y), c 0 churned (x),
    // e censored at 30 (y).
    private const string Orders = """
        customer_id,date,amount,campaign
        a,2024-01-01,10,x
        a,2024-06-01,10,x
        b,2024-11-01,10,y
        c,2024-10-02,10,x
        e,2024-12-01,10,y

        """;

    [Fact]
    public async Task Json_ByCampaign_HasCurvesMediansAndLogRank()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, error) = await cli.RunAsync("survival", "--inactivity", "90d", "--as-of", "2024-12-31", "--by", "campaign", "--format", "json");

        Assert.Equal((0, string.Empty), (exit, error));
        using var json = JsonDocument.Parse(output);
        var curves = json.RootElement.GetProperty("curves");
        Assert.Equal(["x", "y"], curves.EnumerateArray().Select(c => c.GetProperty("group").GetString()));
        // x: events at 0 and 152 → S(0) = 1/2, so the median is 0 days. y: both censored → no median.
        Assert.Equal((2, 2, 0d), (curves[0].GetProperty("customers").GetInt32(), curves[0].GetProperty("churned").GetInt32(), curves[0].GetProperty("median").GetDouble()));
        Assert.Equal(JsonValueKind.Null, curves[1].GetProperty("median").ValueKind);
        Assert.Equal(1, json.RootElement.GetProperty("logRank").GetProperty("degreesOfFreedom").GetInt32());
    }

    [Fact]
    public async Task Table_Ungrouped_PrintsCurveAndMedianWithoutLogRank()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, _) = await cli.RunAsync("survival", "--as-of", "2024-12-31");

        // Times 0 (c churned), 30 (e censored), 60 (b censored), 152 (a churned): S = 3/4 after 0, 0 after 152.
        Assert.Equal(0, exit);
        Assert.Contains("all: 4 customers, 2 churned, median lifetime 152 days.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Log-rank", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInactivity_FailsNamingTheOption()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, error) = await cli.RunAsync("survival", "--inactivity", "ninety");

        // A command line that does not parse exits with 1 and the parser's help; no curve is written.
        Assert.Equal(1, exit);
        Assert.DoesNotContain("median", output, StringComparison.Ordinal);
        Assert.Contains("--inactivity expects", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadDate_ExitsWithOnePositionedLineAndNoOutput()
    {
        using var cli = new CliRunner("customer_id,date,amount\na,2024-13-01,10\n");

        var (exit, output, error) = await cli.RunAsync("survival");

        Assert.Equal((CliContext.DataError, string.Empty), (exit, output));
        Assert.StartsWith($"retention: error: {cli.Path}, line 2, column 'date':", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
