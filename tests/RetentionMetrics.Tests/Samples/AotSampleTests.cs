using System.Globalization;
using DuckDB.NET.Data;
using RetentionMetrics.AotSample;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;
using RetentionMetrics.Streaming;
using RetentionMetrics.Tests.Customers;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Samples;

/// <summary>
/// The Native AOT sample's calculation, run here under the JIT. CI publishes the sample with Native AOT, runs the
/// binary and compares its output with the same expected-output.txt file (.ci/check-aot-sample.sh), so the native
/// binary and the JIT agree; the figures in that file are checked here against published CDNOW values, DuckDB SQL
/// over the same CSV file, and the library run on the original CDNOW text file through another parser.
/// </summary>
public class AotSampleTests
{
    private static readonly string BundledCsv = RepositoryFiles.PathOf("src", "RetentionMetrics.Cli", "Data", "cdnow-sample-orders.csv");

    private static readonly Lazy<string[]> Report = new(() =>
    {
        using var input = OrdersCsv.OpenBundledSample();
        using var output = new StringWriter();
        SampleReport.Write(OrdersCsv.Read(input, OrdersCsv.BundledSampleName), OrdersCsv.BundledSampleName, output);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    });

    [Fact]
    public void Write_BundledSample_PrintsTheExpectedOutputFileTheNativeBinaryIsComparedWith()
    {
        var expected = File.ReadAllText(RepositoryFiles.PathOf("samples", "RetentionMetrics.AotSample", "expected-output.txt"))
            .ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(expected, Report.Value);
    }

    [Fact]
    public void Write_BundledSample_FirstLinesMatchThePublishedCalibrationSummaryAndDuckDb()
    {
        // Fader, Hardie & Lee (2005) calibration summary, as published in the lifetimes data file: one row per
        // customer, x = repeat purchases; the orders after the calibration end and the spend come from DuckDB.
        var published = TestData.ReadCsv("cdnow", "cdnow_customers_summary_with_transactions.csv");
        var repeatPurchases = published.Sum(row => int.Parse(row[1], CultureInfo.InvariantCulture));
        var (orders, customers, first, last) = Query(
            "SELECT count(*), count(DISTINCT customer_id), min(date)::VARCHAR, max(date)::VARCHAR FROM orders",
            r => (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2), r.GetString(3)))[0];
        var (after, spend) = Query(
            "SELECT count(*) FILTER (WHERE date > DATE '1997-09-30'), sum(amount) FILTER (WHERE date <= DATE '1997-09-30') FROM orders",
            r => (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToDecimal(r.GetValue(1), CultureInfo.InvariantCulture)))[0];

        Assert.Equal($"input: bundled CDNOW sample, {orders} orders, {customers} customers, {first} to {last}", Report.Value[0]);
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"summaries as of 1997-09-30: {published.Count} customers, {repeatPurchases} repeat purchases, {after} orders after the as-of date, total spend {spend:0.00}"),
            Report.Value[1]);
    }

    [Fact]
    public void Write_BundledSample_RfmLinesMatchTheLibraryOnTheOriginalCdnowFile()
    {
        var table = CdnowSummaryTests.ReadSample()
            .ToCustomerSummaries(r => r.Customer, r => r.Date, r => r.Amount, new CustomerSummaryOptions { AsOf = SampleReport.AsOf })
            .ToRfmTable();
        var expected = table.Segments.Select(s => string.Create(CultureInfo.InvariantCulture, $"  {s.Segment}: {s.Customers} customers, revenue {s.Revenue:0.00}"));

        Assert.Equal("rfm segments as of 1998-07-01:", Report.Value[2]);
        Assert.Equal(expected, Report.Value.Skip(3).Take(table.Segments.Count));
        Assert.Equal(2357, table.Segments.Sum(s => s.Customers));
    }

    [Fact]
    public void Write_BundledSample_CohortRowMatchesDuckDb()
    {
        // Customers whose first order fell in January 1997, and how many of them ordered k months later.
        var active = Query(
            """
            WITH firsts AS (SELECT customer_id, min(date) AS first FROM orders GROUP BY customer_id),
                 cohort AS (SELECT customer_id FROM firsts WHERE date_trunc('month', first) = DATE '1997-01-01')
            SELECT datediff('month', DATE '1997-01-01', date_trunc('month', o.date)) AS k, count(DISTINCT o.customer_id)
            FROM orders o JOIN cohort USING (customer_id) GROUP BY k HAVING k < 7 ORDER BY k
            """,
            r => Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture));
        var size = active[0];
        var row = string.Join(" ", active.Select(a => ((double)a / size).ToString("0.0%", CultureInfo.InvariantCulture)));

        Assert.Equal(SampleReport.CohortColumns, active.Count);
        Assert.Equal($"cohort 1997-01 ({size} customers) monthly retention: {row}", Report.Value[^4]);
    }

    [Fact]
    public void Write_BundledSample_SegmentSizeMatchesDuckDb()
    {
        // count(order) >= 2 and last(order) within last 180 days of 1998-07-01 00:00 UTC: the last order on or after 1998-01-02.
        var size = Query(
            "SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) >= 2 AND max(date) >= DATE '1998-07-01' - INTERVAL 180 DAY)",
            r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture))[0];

        Assert.Equal($"segment repeat_recent (count(order) >= 2 and last(order) within last 180 days): {size} customers", Report.Value[^3]);
    }

    [Fact]
    public void Write_BundledSample_CohortStatesThroughJsonMergeToTheSinglePass() =>
        Assert.Equal("cohort states of 2 partitions through JSON, merged: equal to the single pass", Report.Value[^2]);

    [Fact]
    public void Write_BundledSample_SegmentStatesThroughJsonMergeToTheDuckDbAudience()
    {
        // The same audience as the single pass (checked above), here from two partitions' states restored from JSON.
        var size = Query(
            "SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) >= 2 AND max(date) >= DATE '1998-07-01' - INTERVAL 180 DAY)",
            r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture))[0];

        Assert.Equal($"segment states of 2 partitions through JSON, merged: {size} customers, equal to the single pass", Report.Value[^1]);
    }

    [Theory]
    [InlineData("customer_id,date,amount\n1,1997-13-01,10.00\n", "orders.csv:2:2: '1997-13-01' is not a date (expected yyyy-MM-dd).")]
    [InlineData("customer_id,date,amount\n1,1997-01-01,ten\n", "orders.csv:2:3: 'ten' is not an amount.")]
    [InlineData("customer_id,day,amount\n", "orders.csv:1: the header has no column 'date'.")]
    [InlineData("customer_id,date,amount\n1,1997-01-01\n", "orders.csv:2: expected 3 fields, found 2.")]
    [InlineData("", "orders.csv: the file is empty; expected a header line.")]
    public void Read_BadInput_ThrowsFormatExceptionNamingLineAndColumn(string text, string message)
    {
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        var error = Assert.Throws<FormatException>(() => OrdersCsv.Read(input, "orders.csv"));

        Assert.Equal(message, error.Message);
    }

    private static List<T> Query<T>(string sql, Func<DuckDBDataReader, T> read)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE orders AS SELECT * FROM read_csv('{BundledCsv.Replace("'", "''", StringComparison.Ordinal)}', header = true, columns = {{'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DECIMAL(18, 2)', 'quantity': 'INTEGER'}})";
            create.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
