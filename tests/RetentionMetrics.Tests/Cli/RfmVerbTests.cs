using System.Globalization;
using System.Text.Json;
using RetentionMetrics.Cli;
using RetentionMetrics.Cli.Verbs;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Cli;

public sealed class RfmVerbTests : IDisposable
{
    // Three customers as of 2024-01-31 (the day after the last order):
    // a: 2 orders (10 on 1 Jan, 30 on 20 Jan) → recency 11, frequency 2, spend 40;
    // b: 1 order of 5 on 5 Jan → 26, 1, 5;  c: 1 order of 100 on 30 Jan → 1, 1, 100.
    // n = 5, N = 3: a's below = (1, 2, 1) → 1 + ⌊5·below/3⌋ = (2, 4, 2) → "242"; b (0, 0, 0) → "111"; c (2, 0, 2) → "414".
    // Segments: 242 → Loyal Customers (R 2–4, F 2–4, M 2–4); 111 → Lost; 414 → Promising (R 3–4, F 1–3, M 3–5).
    private const string Orders = """
        customer_id,date,amount
        a,2024-01-01,10
        a,2024-01-20,30
        b,2024-01-05,5
        c,2024-01-30,100
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("rfm-verb-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Rfm_Csv_PrintsScoresAndSegments()
    {
        var (code, output, error) = await RunAsync("rfm", "--input", Write(Orders), "--format", "csv");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal(
            [
                "customerId,recency,frequency,monetary,r,f,m,score,segment",
                "a,11,2,40,2,4,2,242,Loyal Customers",
                "b,26,1,5,1,1,1,111,Lost",
                "c,1,1,100,4,1,4,414,Promising",
            ],
            Lines(output));
    }

    [Fact]
    public async Task Rfm_Json_HasTheNamedFields()
    {
        var (code, output, _) = await RunAsync("rfm", "--input", Write(Orders), "--format", "json", "--as-of", "2024-02-10");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var first = document.RootElement[0];
        Assert.Equal("a", first.GetProperty("customerId").GetString());
        Assert.Equal(21, first.GetProperty("recency").GetInt32());
        Assert.Equal("242", first.GetProperty("score").GetString());
    }

    [Fact]
    public async Task Rfm_Summary_PrintsTheGrid()
    {
        var (code, output, _) = await RunAsync("rfm", "--input", Write(Orders), "--format", "csv", "--summary");

        Assert.Equal(0, code);
        Assert.Equal(
            [
                "segment,customers,revenue,averageRecency,averageFrequency,averageMonetary,customerShare,revenueShare",
                "Loyal Customers,1,40,11,2,40,0.3333,0.2759",
                "Promising,1,100,1,1,100,0.3333,0.6897",
                "Lost,1,5,26,1,5,0.3333,0.0345",
            ],
            Lines(output));
    }

    [Fact]
    public async Task Rfm_Breakpoints_ScoreByTheGivenEdges()
    {
        // Recency edges 10, 20 → a (11) 2, b (26) 1, c (1) 3; frequency edges 2, 3 → a 2, b 1, c 1; spend 10, 50 → a 2, b 1, c 3.
        var (code, output, _) = await RunAsync("rfm", "--input", Write(Orders), "--format", "csv",
            "--recency-breakpoints", "10,20", "--frequency-breakpoints", "2,3", "--monetary-breakpoints", "10,50");

        Assert.Equal(0, code);
        Assert.Equal(["222", "111", "313"], Lines(output).Skip(1).Select(l => l.Split(',')[7]));
    }

    [Fact]
    public async Task Rfm_Table_EndsWithTheFooter()
    {
        var (code, output, _) = await RunAsync("rfm", "--input", Write(Orders));

        Assert.Equal(0, code);
        Assert.Contains("3 customers as of 2024-01-31; scores 1..5 (count-below).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfm_NoInput_RunsOnTheBundledSample()
    {
        var (code, output, _) = await RunAsync("rfm", "--summary", "--format", "csv");

        Assert.Equal(0, code);
        Assert.StartsWith("segment,customers,revenue", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfm_BadAmount_FailsWithOnePositionedLine()
    {
        var path = Write(Orders + "\nd,2024-01-03,lots");

        var (code, output, error) = await RunAsync("rfm", "--input", path);

        Assert.Equal(CliContext.DataError, code);
        Assert.Empty(output);
        var line = Assert.Single(Lines(error));
        Assert.Contains(Path.GetFileName(path), line, StringComparison.Ordinal);
        Assert.Contains("line 6", line, StringComparison.Ordinal);
        Assert.Contains("amount", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfm_OneBin_FailsWithTheMessage()
    {
        var (code, output, error) = await RunAsync("rfm", "--input", Write(Orders), "--bins", "1");

        Assert.Equal(CliContext.DataError, code);
        Assert.Empty(output);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.TooFewBins, 1), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfm_PartialBreakpoints_FailsWithTheMessage()
    {
        var (code, output, error) = await RunAsync("rfm", "--input", Write(Orders), "--recency-breakpoints", "10,20");

        Assert.Equal(CliContext.DataError, code);
        Assert.Empty(output);
        Assert.Contains(RfmVerbMessages.BreakpointsMissing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfm_BreakpointNotANumber_FailsWithTheMessage()
    {
        var (code, _, error) = await RunAsync("rfm", "--input", Write(Orders),
            "--recency-breakpoints", "10,x", "--frequency-breakpoints", "2,3", "--monetary-breakpoints", "10,50");

        Assert.Equal(CliContext.DataError, code);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, RfmVerbMessages.BadBreakpoint, "--recency-breakpoints", "x"), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfm_UnknownScoring_IsAUsageError()
    {
        var (code, _, error) = await RunAsync("rfm", "--input", Write(Orders), "--scoring", "magic");

        Assert.NotEqual(0, code);
        Assert.Contains("count-below, equal-count, sketch or breakpoints", error, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string Write(string content)
    {
        var path = Path.Combine(directory, "orders.csv");
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await RetentionApp.RunAsync(args, output, error, false, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
