using RetentionMetrics.Cli;

namespace RetentionMetrics.Tests.Cli;

public class CohortsVerbTests
{
    // The worked example of docs/cohorts.md (and CohortAccumulatorTests), with an acquisition channel.
    private const string Orders = """
        customer_id,date,amount,channel
        a,2024-01-05,10,ads
        a,2024-01-20,5,email
        a,2024-02-10,20,email
        a,2024-04-01,7,email
        b,2024-01-31,30,email
        c,2024-02-15,12,ads
        c,2024-03-01,8,ads
        d,2024-02-28,4,email
        d,2024-04-30,6,email
        e,2024-03-10,9,ads
        f,2024-05-02,100,ads

        """;

    [Fact]
    public async Task Json_ActiveCustomers_MatchesTheWorkedExample()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, error) = await cli.RunAsync("cohorts", "--as-of", "2024-04-30", "--measure", "customers", "--format", "json");

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Equal(
            """[{"cohort":"2024-01","size":2,"values":[2,1,0,1]},{"cohort":"2024-02","size":2,"values":[2,1,1,null]},{"cohort":"2024-03","size":1,"values":[1,0,null,null]}]""",
            output.Trim());
    }

    [Fact]
    public async Task Json_ByChannel_AddsTheGroup()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, _) = await cli.RunAsync("cohorts", "--as-of", "2024-04-30", "--measure", "revenue", "--by", "channel", "--format", "json");

        // ads: a (January, first order via ads), c and e; email: b (January) and d (February).
        Assert.Equal(0, exit);
        Assert.Equal(
            """[{"group":"ads","cohort":"2024-01","size":1,"values":[15,20,0,7]},{"group":"ads","cohort":"2024-02","size":1,"values":[12,8,0,null]},{"group":"ads","cohort":"2024-03","size":1,"values":[9,0,null,null]},{"group":"email","cohort":"2024-01","size":1,"values":[30,0,0,0]},{"group":"email","cohort":"2024-02","size":1,"values":[4,0,6,null]}]""",
            output.Trim());
    }

    [Fact]
    public async Task Table_Retention_ShowsPercentagesAverageAndSummary()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, _) = await cli.RunAsync("cohorts", "--as-of", "2024-04-30");

        Assert.Equal(0, exit);
        Assert.Contains("2024-02     2  100.0%  50.0%  50.0%", output, StringComparison.Ordinal);
        Assert.Contains("average     5  100.0%  40.0%  25.0%  50.0%", output, StringComparison.Ordinal);
        Assert.Contains("5 customers in 3 cohorts from 11 records, as of 2024-04-30; 1 records after the as-of date left out.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_QuarterWithBrackets_UsesBracketColumns()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, _) = await cli.RunAsync("cohorts", "--as-of", "2024-06-30", "--period", "quarter", "--measure", "customers", "--brackets", "0,1-3", "--format", "csv");

        // Q1 2024: a to e; f starts Q2. The 1-3 bracket reaches Q4 2024 (Q3 2024 for f), after the as-of date: blank.
        Assert.Equal((0, "cohort,size,0,1-3\n2024-Q1,5,5,\n2024-Q2,1,1,\n"), (exit, output));
    }

    [Fact]
    public async Task Markdown_CumulativeRevenue_RendersAPipeTable()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, _) = await cli.RunAsync("cohorts", "--as-of", "2024-04-30", "--measure", "cumulative-revenue", "--format", "md");

        Assert.Equal(0, exit);
        Assert.StartsWith("| cohort | size | 0 | 1 | 2 | 3 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| 2024-01 | 2 | 22.5 | 32.5 | 32.5 | 36 |\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadAmount_ExitsWithOnePositionedLineAndNoOutput()
    {
        using var cli = new CliRunner("customer_id,date,amount\na,2024-01-05,10\nb,2024-01-06,ten\n");

        var (exit, output, error) = await cli.RunAsync("cohorts");

        Assert.Equal(CliContext.DataError, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"retention: error: {cli.Path}, line 3, column 'amount': 'ten' is not a number.", error.Trim());
    }

    [Fact]
    public async Task UnknownByColumn_ExitsNamingTheOption()
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, error) = await cli.RunAsync("cohorts", "--by", "plan");

        Assert.Equal((CliContext.DataError, string.Empty), (exit, output));
        Assert.Contains("There is no column 'plan' (set it with --by)", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--measure", "loyalty")]
    [InlineData("--period", "decade")]
    [InlineData("--brackets", "3,1-2")]
    public async Task BadOption_FailsNamingTheValue(string option, string value)
    {
        using var cli = new CliRunner(Orders);

        var (exit, output, error) = await cli.RunAsync("cohorts", option, value);

        // A command line that does not parse exits with 1 and the parser's help; no table is written.
        Assert.Equal(1, exit);
        Assert.Contains(value, error, StringComparison.Ordinal);
        Assert.DoesNotContain("2024-01", output, StringComparison.Ordinal);
    }
}
