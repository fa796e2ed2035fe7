using DuckDB.NET.Data;
using NodaTime;
using RetentionMetrics.Benchmarks.Churn;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Tests.Churn;

public class ChurnBenchmarksTests
{
    [Fact]
    public void Benchmarks_OnSmallData_LibraryAndDuckDbAgree()
    {
        using var benchmarks = new ChurnBenchmarks { Orders = 30_000, Subscriptions = 2_000 };
        benchmarks.Setup();

        var library = benchmarks.CustomerChurn_TenMillionOrders();
        var sql = benchmarks.CustomerChurn_TenMillionOrders_DuckDbSql();

        Assert.True(library.Length >= 5 * 30);
        Assert.Equal(sql, library);
    }

    [Fact]
    public void MrrBenchmark_OnSmallData_EndsAtEachCustomersLatestMrr()
    {
        using var benchmarks = new ChurnBenchmarks { Orders = 10, Subscriptions = 2_000 };
        benchmarks.Setup();

        var ends = benchmarks.MrrMovements_OneMillionSubscriptions();
        // Independent of the engine: each customer's latest change by date (no customer has two changes on one day).
        var expected = benchmarks.Changes().GroupBy(c => c.Customer).Sum(g => g.MaxBy(c => c.Date).Mrr);

        Assert.Equal(36, ends.Length);
        Assert.Equal(expected, ends[^1]);
    }

    [Fact]
    public void MonthlyChurn_SeededLogWithReturns_MatchesDuckDbSql()
    {
        // A seeded log where customers skip months and return, so reactivations and gaps occur.
        var random = new Random(2024);
        var log = Enumerable.Range(0, 4_000)
            .Select(_ => new Activity($"c{random.Next(300)}", ChurnBenchmarks.Origin.PlusDays(random.Next(700))))
            .ToArray();
        var table = CustomerChurnAccumulatorTests.Accumulate(log, CustomerChurnOptions.Default).ToTable();

        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using (var create = duck.CreateCommand())
        {
            create.CommandText = "CREATE TABLE orders (customer INTEGER, day INTEGER)";
            create.ExecuteNonQuery();
        }

        using (var appender = duck.CreateAppender("orders"))
        {
            foreach (var activity in log)
            {
                appender.CreateRow()
                    .AppendValue(int.Parse(activity.Customer[1..], System.Globalization.CultureInfo.InvariantCulture))
                    .AppendValue(Period.Between(ChurnBenchmarks.Origin, activity.Date, PeriodUnits.Days).Days)
                    .EndRow();
            }
        }

        using var command = duck.CreateCommand();
        command.CommandText = ChurnBenchmarks.MonthlyChurnSql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, long, long, long, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5)));
        }

        Assert.Equal(24, rows.Count); // 700 days from 1 Jan 2022 reach December 2023.
        Assert.Equal(rows, table.Rows.Select(r => (r.Label, (long)r.StartCustomers, (long)r.NewCustomers, (long)r.ChurnedCustomers, (long)r.ReactivatedCustomers, (long)r.EndCustomers)));
        Assert.Contains(table.Rows, r => r.ReactivatedCustomers > 0);
    }

    private static long Long(System.Data.Common.DbDataReader reader, int column) =>
        Convert.ToInt64(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);
}
