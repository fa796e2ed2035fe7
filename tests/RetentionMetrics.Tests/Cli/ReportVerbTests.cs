using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DuckDB.NET.Data;
using RetentionMetrics.Cli;
using RetentionMetrics.Cli.Verbs;
using RetentionMetrics.Tests.Interactive;

namespace RetentionMetrics.Tests.Cli;

public sealed partial class ReportVerbTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("retention-report-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    internal static string BundledOrders => Path.Combine(NotebookTests.RepositoryRoot(), "src", "RetentionMetrics.Cli", "Data", "cdnow-sample-orders.csv");

    [Fact]
    public async Task Report_BundledData_PrintsKpisThatDuckDbAgreesWith()
    {
        var page = Path.Combine(directory, "report.html");

        var (exit, output, error) = await Run("report", "--out", page, "--format", "json");

        Assert.Equal((0, string.Empty), (exit, error));
        var kpis = Kpis(output);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // Repeat customers bought on more than one day (frequency above 0, as the CLV models count it).
        command.CommandText = $$"""
            WITH orders AS (SELECT * FROM read_csv('{{BundledOrders}}', header = true, columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DECIMAL(18,2)', 'quantity': 'INTEGER'})),
                 days AS (SELECT customer_id, count(DISTINCT date) AS days FROM orders GROUP BY customer_id)
            SELECT (SELECT count(*) FROM days), (SELECT count(*) FROM orders), (SELECT sum(amount) FROM orders),
                   (SELECT count(*) FROM days WHERE days > 1)
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var customers = reader.GetInt64(0);
        var orders = reader.GetInt64(1);
        var revenue = reader.GetDecimal(2);
        var repeat = reader.GetInt64(3);
        // The published CDNOW sample: 2,357 customers and 6,919 orders (Fader, Hardie and Lee 2005).
        Assert.Equal((2357L, 6919L), (customers, orders));
        Assert.Equal(customers.ToString("N0", CultureInfo.InvariantCulture), kpis["Customers"]);
        Assert.Equal(orders.ToString("N0", CultureInfo.InvariantCulture), kpis["Orders"]);
        Assert.Equal(revenue.ToString("N2", CultureInfo.InvariantCulture), kpis["Revenue"]);
        Assert.Equal(decimal.Round(revenue / orders, 2).ToString("N2", CultureInfo.InvariantCulture), kpis["Average order value"]);
        Assert.StartsWith(repeat.ToString("N0", CultureInfo.InvariantCulture) + " (", kpis["Repeat customers"], StringComparison.Ordinal);
        Assert.Equal("1998-07-01", kpis["As of"]);
        Assert.True(File.Exists(page));
    }

    [Fact]
    public async Task Report_BundledData_PageHoldsEveryViewWithTheLibrarysCounts()
    {
        var page = Path.Combine(directory, "report.html");

        var (exit, _, _) = await Run("report", "--out", page, "--top", "7", "--clusters", "3");

        Assert.Equal(0, exit);
        var html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var root = XElement.Parse(html["<!DOCTYPE html>".Length..]);
        var expected = ReportCounts.FromLibrary(BundledOrders, clusters: 3, top: 7);
        Assert.Equal(expected, ReportCounts.FromMarkup(html));
        Assert.Equal(
            ["monthly-acquisition-cohorts", "rfm-segments", "customer-clusters-k-means-of-the-rfm-features", "survival-of-customer-lifetimes", "customer-lifetime-value-over-12-months"],
            root.Descendants().Where(e => e.Attribute("class")?.Value == "rm-section").Select(e => e.Attribute("data-section")!.Value));
        // Self-contained: nothing is loaded from elsewhere, and the only script is the load marker.
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Single(root.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains(ReportVerbPage.LoadMarkerScript, html, StringComparison.Ordinal);
        var settings = root.Descendants().Single(e => e.Attribute("data-table")?.Value == "settings");
        Assert.Contains("cdnow-sample-orders.csv", settings.Value, StringComparison.Ordinal);
        Assert.Contains("3 clusters", settings.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SmallFile_KpisMatchTheHandCount()
    {
        // a: 10 + 30 on two days; b: 5, 5, 20 on three days; c: 40 once. 6 orders, 110 in all, 18.33 per order;
        // a and b bought again: 2 of 3 customers.
        var orders = Write("orders.csv", """
            customer_id,date,amount
            a,2024-01-05,10
            b,2024-01-10,5
            c,2024-02-01,40
            a,2024-03-01,30
            b,2024-03-15,5
            b,2024-05-20,20
            """);
        var page = Path.Combine(directory, "small.html");

        var (exit, output, error) = await Run("report", "--input", orders, "--out", page, "--as-of", "2024-06-30", "--format", "json");

        Assert.Equal((0, string.Empty), (exit, error));
        var kpis = Kpis(output);
        Assert.Equal("3", kpis["Customers"]);
        Assert.Equal("6", kpis["Orders"]);
        Assert.Equal("110.00", kpis["Revenue"]);
        Assert.Equal("18.33", kpis["Average order value"]);
        Assert.Equal("2 (66.7%)", kpis["Repeat customers"]);
        Assert.Equal("2024-06-30", kpis["As of"]);
        Assert.True(File.Exists(page));
    }

    [Fact]
    public async Task Report_NoRepeatBuyers_WritesThePageWithoutLifetimeValue()
    {
        var orders = Write("orders.csv", "customer_id,date,amount\na,2024-01-05,10\nb,2024-01-07,5\nc,2024-02-01,7\n");
        var page = Path.Combine(directory, "once.html");

        var (exit, output, error) = await Run("report", "--input", orders, "--out", page, "--format", "json");

        Assert.Equal((0, string.Empty), (exit, error));
        var kpis = Kpis(output);
        Assert.Equal(("3", "0 (0.0%)", "-"), (kpis["Customers"], kpis["Repeat customers"], kpis["Expected 12-month CLV per customer"]));
        var html = File.ReadAllText(page);
        Assert.Contains("Lifetime value was not computed: " + RetentionMetrics.Lifetime.LifetimeErrorMessages.NoRepeatBuyers, html, StringComparison.Ordinal);
        Assert.Equal(0, ReportCounts.FromMarkup(html).HistogramBars);
    }

    [Fact]
    public async Task Report_AsOf_LeavesLaterOrdersOut()
    {
        var orders = Write("orders.csv", "customer_id,date,amount\na,2024-01-05,10\nb,2024-01-06,20\na,2024-02-01,10\nb,2024-02-02,5\nc,2024-09-01,99\n");

        var (exit, output, _) = await Run("report", "--input", orders, "--out", Path.Combine(directory, "r.html"), "--as-of", "2024-03-01", "--format", "json");

        Assert.Equal(0, exit);
        var kpis = Kpis(output);
        Assert.Equal(("2", "4", "45.00"), (kpis["Customers"], kpis["Orders"], kpis["Revenue"]));
    }

    [Fact]
    public async Task Report_TableFormat_PrintsKpisAndWherePageWent()
    {
        var page = Path.Combine(directory, "report.html");

        var (exit, output, _) = await Run("report", "--out", page);

        Assert.Equal(0, exit);
        Assert.Contains("Customers", output, StringComparison.Ordinal);
        Assert.Contains("2,357", output, StringComparison.Ordinal);
        Assert.EndsWith($"Report written to {page}.", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_BadAmount_FailsWithOnePositionedLineAndWritesNoFile()
    {
        var orders = Write("orders.csv", "customer_id,date,amount\na,2024-01-05,10\nb,2024-01-06,ten\n");
        var page = Path.Combine(directory, "bad.html");

        var (exit, output, error) = await Run("report", "--input", orders, "--out", page);

        Assert.Equal((CliContext.DataError, string.Empty), (exit, output));
        Assert.Equal($"retention: error: {orders}, line 3, column 'amount': 'ten' is not a number.", error.TrimEnd());
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(page));
    }

    [Fact]
    public async Task Report_MissingColumn_FailsAndWritesNoFile()
    {
        var orders = Write("orders.csv", "customer,date,amount\na,2024-01-05,10\n");
        var page = Path.Combine(directory, "bad.html");

        var (exit, output, error) = await Run("report", "--input", orders, "--out", page);

        Assert.Equal((CliContext.DataError, string.Empty), (exit, output));
        Assert.Contains("customer_id", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(page));
    }

    [Fact]
    public async Task Report_NoOrdersBeforeAsOf_FailsWithTheMessage()
    {
        var orders = Write("orders.csv", "customer_id,date,amount\na,2024-05-05,10\n");
        var page = Path.Combine(directory, "empty.html");

        var (exit, output, error) = await Run("report", "--input", orders, "--out", page, "--as-of", "2024-01-01");

        Assert.Equal((CliContext.DataError, string.Empty), (exit, output));
        Assert.Equal($"retention: error: {ReportVerb.NoCustomers}", error.TrimEnd());
        Assert.False(File.Exists(page));
    }

    [Fact]
    public async Task Report_OutInMissingFolder_FailsWithCannotWrite()
    {
        var page = Path.Combine(directory, "no-such-folder", "report.html");

        var (exit, output, error) = await Run("report", "--out", page);

        Assert.Equal((CliContext.DataError, string.Empty), (exit, output));
        var prefix = string.Format(CultureInfo.InvariantCulture, ReportVerb.CannotWrite, page, string.Empty);
        Assert.StartsWith($"retention: error: {prefix}", error, StringComparison.Ordinal);
        Assert.False(File.Exists(page));
    }

    [Fact]
    public async Task Report_WithoutOut_IsAUsageError()
    {
        var (exit, output, error) = await Run("report");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("Report written", output, StringComparison.Ordinal);
        Assert.Contains("--out", error, StringComparison.Ordinal);
    }

    internal static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await RetentionApp.RunAsync(args, output, error, false, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static Dictionary<string, string> Kpis(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("kpi").GetString()!, e => e.GetProperty("value").GetString()!);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + (text.EndsWith('\n') ? string.Empty : "\n"));
        return path;
    }
}
