using System.Globalization;
using System.Text.Json;
using RetentionMetrics.Churn;
using RetentionMetrics.Cli;
using RetentionMetrics.Cli.Verbs;

namespace RetentionMetrics.Tests.Cli;

public sealed class ChurnVerbTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("churn-verb-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Churn_Orders_WritesMonthlyCustomerRows()
    {
        // The worked example of docs/churn.md: active Jan {a, b, d}, Feb {a, c}, Mar {a, b}.
        var path = Write("orders.csv", """
            customer_id,date,amount
            a,2024-01-05,10
            a,2024-02-10,10
            a,2024-03-03,10
            b,2024-01-20,5
            b,2024-03-15,5
            c,2024-02-01,7
            d,2024-01-31,3
            """);

        var (code, output, error) = await RunAsync("churn", "--input", path, "--period", "month", "--format", "json");

        Assert.Equal((0, string.Empty), (code, error));
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["2024-01", "2024-02", "2024-03"], rows.Select(r => r.GetProperty("period").GetString()));
        Assert.Equal([0, 3, 2], rows.Select(r => r.GetProperty("startCustomers").GetInt32()));
        Assert.Equal([3, 1, 0], rows.Select(r => r.GetProperty("newCustomers").GetInt32()));
        Assert.Equal([0, 2, 1], rows.Select(r => r.GetProperty("churnedCustomers").GetInt32()));
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("churnRate").ValueKind);
        Assert.Equal(0.5, rows[2].GetProperty("churnRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("startMrr").ValueKind);
        Assert.Equal(ChurnVerb.Columns, rows[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Churn_OrdersWithInactivityWindow_KeepsRecentBuyersActive()
    {
        // With 30 days, d (31 Jan) is still active at the end of February: Feb churns only b of {a, b, d}.
        var path = Write("orders.csv", """
            customer_id,date,amount
            a,2024-01-05,10
            a,2024-02-10,10
            b,2024-01-20,5
            c,2024-02-01,7
            d,2024-01-31,3
            """);

        var (code, output, _) = await RunAsync("churn", "--input", path, "--inactivity", "30d", "--format", "csv");

        Assert.Equal(0, code);
        var february = output.Split('\n')[2].Split(',');
        Assert.Equal(["2024-02", "3", "1", "1"], february[..4]);
    }

    [Fact]
    public async Task Churn_Subscriptions_WritesMrrMovements()
    {
        // Jan: a 100 and b 50 new. Feb: a +50, b churns 50, c new 80 → 230. Mar: b returns at 60, c −40 → 250.
        var path = Write("mrr.csv", """
            customer_id,date,mrr
            a,2024-01-05,100
            b,2024-01-20,50
            a,2024-02-10,150
            b,2024-02-15,0
            c,2024-02-01,80
            b,2024-03-03,60
            c,2024-03-31,40
            """);

        var (code, output, error) = await RunAsync("churn", "--subscriptions", path, "--period", "month", "--format", "json");

        Assert.Equal((0, string.Empty), (code, error));
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal([150m, 230m, 250m], rows.Select(r => r.GetProperty("endMrr").GetDecimal()));
        Assert.Equal([0m, 50m, 0m], rows.Select(r => r.GetProperty("expansionMrr").GetDecimal()));
        Assert.Equal([0m, 0m, 60m], rows.Select(r => r.GetProperty("reactivationMrr").GetDecimal()));
        Assert.Equal(2d / 3, rows[1].GetProperty("grossRevenueRetention").GetDouble(), 12);
        Assert.Equal(250d / 230, rows[2].GetProperty("netRevenueRetention").GetDouble(), 12);
        Assert.Equal([0, 2, 2], rows.Select(r => r.GetProperty("startCustomers").GetInt32()));
    }

    [Fact]
    public async Task Churn_NegativeMrr_FailsWithOnePositionedLine()
    {
        var path = Write("mrr.csv", """
            customer_id,date,mrr
            a,2024-01-05,100
            a,2024-02-05,-3
            """);

        var (code, output, error) = await RunAsync("churn", "--subscriptions", path);

        Assert.Equal((2, string.Empty), (code, output));
        var expected = $"retention: error: {path}, line 3, column 'mrr': {string.Format(CultureInfo.InvariantCulture, ChurnErrorMessages.NegativeMrr, -3m)}";
        Assert.Equal(expected, error.TrimEnd());
    }

    [Fact]
    public async Task Churn_BadDate_FailsWithOnePositionedLine()
    {
        var path = Write("orders.csv", """
            customer_id,date,amount
            a,2024-01-05,10
            b,yesterday,5
            """);

        var (code, output, error) = await RunAsync("churn", "--input", path);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.StartsWith($"retention: error: {path}, line 3, column 'date'", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Churn_InactivityWithSubscriptions_IsRejected()
    {
        var path = Write("mrr.csv", "customer_id,date,mrr\na,2024-01-05,100\n");

        var (code, output, error) = await RunAsync("churn", "--subscriptions", path, "--inactivity", "90d");

        Assert.Equal((2, string.Empty, $"retention: error: {ChurnVerbMessages.InactivityWithSubscriptions}"), (code, output, error.TrimEnd()));
    }

    [Theory]
    [InlineData("90d", 90)]
    [InlineData("12w", 84)]
    [InlineData("30", 30)]
    public void ParseWindow_DaysAndWeeks_AreDays(string text, int days) =>
        Assert.Equal(days, ChurnVerb.ParseWindow(text)!.ToDuration().Days);

    [Theory]
    [InlineData("3m")]
    [InlineData("0d")]
    [InlineData("-5d")]
    [InlineData("")]
    public void ParseWindow_Invalid_IsNull(string text) => Assert.Null(ChurnVerb.ParseWindow(text));

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        return path;
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await RetentionApp.RunAsync(args, output, error, false, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
