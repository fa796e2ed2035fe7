using System.Text.Json;
using RetentionMetrics.Cli;

namespace RetentionMetrics.Tests.Cli;

public sealed class SummaryVerbTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("retention-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Summary_BundledData_PrintsThePublishedCalibrationSummary()
    {
        var (exit, output, error) = await Run("summary", "--calibration-end", "1997-09-30", "--format", "json");

        Assert.Equal((0, string.Empty), (exit, error));
        using var json = JsonDocument.Parse(output);
        var customers = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2357, customers.Count);
        // Customer 1 of the published CDNOW summary: x = 2, t_x = 30.43 weeks (213 days), T = 38.86 weeks (272 days), zbar = 22.35.
        var first = customers[0];
        Assert.Equal("1", first.GetProperty("customerId").GetString());
        Assert.Equal(2, first.GetProperty("frequency").GetInt32());
        Assert.Equal(213, first.GetProperty("recency").GetInt32());
        Assert.Equal(272, first.GetProperty("T").GetInt32());
        Assert.Equal(22.345m, first.GetProperty("monetaryValue").GetDecimal());
        Assert.Equal("1997-01-01", first.GetProperty("firstPurchase").GetString());
        Assert.Equal(3, first.GetProperty("transactions").GetInt32());
        Assert.Equal(74.02m, first.GetProperty("totalSpend").GetDecimal());
    }

    [Fact]
    public async Task Summary_FileWithOtherColumnsAndCompactDates_UsesTheMapping()
    {
        var file = Write("orders.csv", "who;x,when,value\nA,20240101,10\nA,20240103,5.5\nB,20240102,1\n".Replace("who;x", "who", StringComparison.Ordinal));

        var (exit, output, _) = await Run("summary", "--input", file, "--customer-column", "who", "--time-column", "when",
            "--amount-column", "value", "--date-format", "yyyyMMdd", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            customerId,transactions,totalSpend,firstPurchase,lastPurchase,frequency,recency,T,monetaryValue
            A,2,15.5,2024-01-01,2024-01-03,1,2,3,5.5
            B,1,1,2024-01-02,2024-01-02,0,0,2,0

            """.ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Summary_InstantsInAZone_GroupByLocalDay()
    {
        // 23:30Z on 1 March is 2 March in Paris: two purchase days there, one in UTC.
        var file = Write("orders.csv", "customer_id,date,amount\na,2024-03-01T10:00:00Z,1\na,2024-03-01T23:30:00Z,1\n");

        var (_, paris, _) = await Run("summary", "--input", file, "--zone", "Europe/Paris", "--format", "csv");
        var (_, utc, _) = await Run("summary", "--input", file, "--format", "csv");

        Assert.Contains("a,2,2,2024-03-01T11:00:00,2024-03-02T00:30:00,1,1,", paris, StringComparison.Ordinal);
        Assert.Contains("a,2,2,2024-03-01T10:00:00,2024-03-01T23:30:00,0,0,", utc, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer_id,date,amount\na,2024-01-01,1\nb,2024-02-30,1\n", "orders.csv, line 3, column 'date': '2024-02-30' is not a date (expected yyyy-MM-dd or an ISO instant).")]
    [InlineData("customer_id,date,amount\na,2024-01-01,1\n\nb,2024-01-02,NaN\n", "orders.csv, line 4, column 'amount': 'NaN' is not a number.")]
    [InlineData("customer_id,date,amount\na,2024-01-01,abc\n", "orders.csv, line 2, column 'amount': 'abc' is not a number.")]
    [InlineData("customer_id,date,amount\n,2024-01-01,1\n", "orders.csv, line 2, column 'customer_id': The customer id is empty.")]
    [InlineData("customer_id,date\na,2024-01-01\n", "orders.csv, line 1: There is no column 'amount' (set it with --amount-column); the columns are 'customer_id', 'date'.")]
    [InlineData("customer_id,date,amount\na,2024-01-01\n", "orders.csv, line 2, column 'amount': The row has 2 field(s); this column is field 3.")]
    public async Task Summary_BadInput_ExitsWithOnePositionedLineAndNoOutput(string content, string message)
    {
        var file = Write("orders.csv", content);

        var (exit, output, error) = await Run("summary", "--input", file);

        Assert.Equal(CliContext.DataError, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"retention: error: {Path.Combine(directory, message)}", error.TrimEnd());
    }

    [Fact]
    public async Task Summary_MissingFile_ExitsNamingTheFile()
    {
        var (exit, output, error) = await Run("summary", "--input", Path.Combine(directory, "absent.csv"));

        Assert.Equal((CliContext.DataError, string.Empty), (exit, output));
        Assert.Equal($"retention: error: {Path.Combine(directory, "absent.csv")}: The file does not exist.", error.TrimEnd());
    }

    [Fact]
    public async Task Summary_UnknownZone_FailsToParse()
    {
        var (exit, output, error) = await Run("summary", "--zone", "Mars/Base");

        Assert.Equal(1, exit);
        Assert.Contains("Unknown time zone 'Mars/Base'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("customerId", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_AsOfAndCalibrationEndDisagree_IsAUsageError()
    {
        var (exit, _, error) = await Run("summary", "--as-of", "1997-09-30", "--calibration-end", "1997-10-31");

        Assert.Equal(CliContext.DataError, exit);
        Assert.Contains("--as-of and --calibration-end disagree", error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    internal static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RetentionApp.RunAsync(args, output, error, errorIsTerminal: false, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
