using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Benchmarks.Rfm;

/// <summary>
/// RFM scoring of a million customers from their summaries: the exact count-below rule, equal-count bins and the
/// sketch path, beside DuckDB computing the same count-below scores (RANK() window) and NTILE bins in SQL.
/// </summary>
[MemoryDiagnoser]
public class RfmBenchmarks : IDisposable
{
    private const string CountBelowSql = """
        CREATE OR REPLACE TABLE scores AS
        SELECT id,
          1 + ((rank() OVER (ORDER BY days DESC) - 1) * 5) // count(*) OVER () AS r,
          1 + ((rank() OVER (ORDER BY transactions ASC) - 1) * 5) // count(*) OVER () AS f,
          1 + ((rank() OVER (ORDER BY total ASC) - 1) * 5) // count(*) OVER () AS m
        FROM customers
        """;

    private const string NtileSql = """
        CREATE OR REPLACE TABLE scores AS
        SELECT id,
          ntile(5) OVER (ORDER BY days DESC, id ASC) AS r,
          ntile(5) OVER (ORDER BY transactions ASC, id ASC) AS f,
          ntile(5) OVER (ORDER BY total ASC, id ASC) AS m
        FROM customers
        """;

    private static readonly LocalDate AsOf = new(2025, 1, 1);
    private static readonly RfmOptions EqualCount = new() { Scoring = RfmScoring.EqualCount };
    private static readonly RfmOptions Sketch = new() { Scoring = RfmScoring.Sketch };
    private CustomerSummaries<long> summaries = null!;
    private DuckDBConnection connection = null!;

    /// <summary>The number of customers.</summary>
    [Params(1_000_000)]
    public int Customers { get; set; } = 1_000_000;

    [GlobalSetup]
    public void Setup()
    {
        // Seeded synthetic customers: last purchase 0–729 days before the as-of date, 1 + a geometric number of
        // further orders up to a year earlier, amounts 1.00–300.00.
        var random = new Random(42);
        var accumulator = new CustomerSummaryAccumulator<long>(new CustomerSummaryOptions { AsOf = AsOf }, Customers);
        for (long id = 0; id < Customers; id++)
        {
            var last = AsOf.PlusDays(-random.Next(0, 730));
            accumulator.Add(id, last, random.Next(100, 30_001) / 100m);
            while (random.NextDouble() < 0.6)
            {
                accumulator.Add(id, last.PlusDays(-random.Next(0, 366)), random.Next(100, 30_001) / 100m);
            }
        }

        summaries = accumulator.ToSummaries();
        connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute("CREATE TABLE customers (id BIGINT, days INTEGER, transactions INTEGER, total DECIMAL(18, 2))");
        using var appender = connection.CreateAppender("customers");
        var asOfDay = AsOf.ToDateOnly().DayNumber;
        foreach (var s in summaries)
        {
            appender.CreateRow()
                .AppendValue(s.CustomerId)
                .AppendValue(asOfDay - s.LastPurchase.Date.ToDateOnly().DayNumber)
                .AppendValue(s.Transactions)
                .AppendValue(s.TotalSpend)
                .EndRow();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        connection?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public RfmTable<long> Score_CountBelow() => RfmModel.Score(summaries);

    [Benchmark]
    public RfmTable<long> Score_EqualCount() => RfmModel.Score(summaries, EqualCount);

    [Benchmark]
    public RfmTable<long> Score_Sketch() => RfmModel.Score(summaries, Sketch);

    [Benchmark]
    public int DuckDb_CountBelow() => Execute(CountBelowSql);

    [Benchmark]
    public int DuckDb_Ntile() => Execute(NtileSql);

    /// <summary>Σ (100 r + 10 f + m) over the scores the last DuckDB statement stored.</summary>
    public long DuckDbChecksum()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(sum(100 * r + 10 * f + m) AS BIGINT) FROM scores";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Σ (100 r + 10 f + m) over a table.</summary>
    public static long Checksum(RfmTable<long> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sum = 0L;
        foreach (var row in table)
        {
            sum += 100 * row.Score.Recency + 10 * row.Score.Frequency + row.Score.Monetary;
        }

        return sum;
    }

    private int Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
