using DuckDB.NET.Data;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Tests.Customers;

/// <summary>The summaries of a generated log checked, customer by customer, against the same definitions in DuckDB SQL.</summary>
public class CustomerSummaryDuckDbTests
{
    private const string SummarySql = """
        WITH days AS (
            SELECT customer, day, SUM(amount) AS spend FROM orders GROUP BY customer, day),
        spans AS (
            SELECT customer, MIN(day) AS first_day, MAX(day) AS last_day, COUNT(*) AS purchase_days FROM days GROUP BY customer)
        SELECT s.customer,
               (SELECT COUNT(*) FROM orders o WHERE o.customer = s.customer) AS transactions,
               (SELECT SUM(amount) FROM orders o WHERE o.customer = s.customer) AS total_spend,
               s.purchase_days - 1 AS frequency,
               date_diff('day', s.first_day, s.last_day) AS recency,
               date_diff('day', s.first_day, DATE '2025-06-30') AS t,
               CASE WHEN s.purchase_days = 1 THEN 0
                    ELSE (SELECT SUM(spend) FROM days d WHERE d.customer = s.customer AND d.day > s.first_day) / (s.purchase_days - 1)
               END AS monetary
        FROM spans s
        """;

    [Fact]
    public void Summaries_OfGeneratedLog_EqualDuckDbSql()
    {
        var random = new Random(20240601);
        var start = new LocalDate(2024, 1, 1);
        var rows = Enumerable.Range(0, 20_000)
            .Select(_ => (Customer: random.Next(1_500), Day: start.PlusDays(random.Next(540)), Amount: random.Next(-500, 30_000) / 100m))
            .ToArray();

        var ours = rows.ToCustomerSummaries(r => r.Customer, r => r.Day, r => r.Amount, new CustomerSummaryOptions { AsOf = new LocalDate(2025, 6, 30) });

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE orders (customer INTEGER, day DATE, amount DECIMAL(18, 2))";
            create.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("orders"))
        {
            foreach (var row in rows)
            {
                appender.CreateRow().AppendValue(row.Customer).AppendValue(row.Day.ToDateOnly()).AppendValue(row.Amount).EndRow();
            }
        }

        using var query = connection.CreateCommand();
        query.CommandText = SummarySql;
        using var reader = query.ExecuteReader();
        var checkedCustomers = 0;
        while (reader.Read())
        {
            Assert.True(ours.TryGet(reader.GetInt32(0), out var s));
            Assert.Equal(reader.GetInt64(1), s.Transactions);
            Assert.Equal(reader.GetDecimal(2), s.TotalSpend);
            Assert.Equal(reader.GetInt64(3), s.Frequency);
            Assert.Equal(reader.GetInt64(4), s.Recency);
            Assert.Equal(reader.GetInt64(5), s.T);
            Assert.Equal(decimal.Round(reader.GetDecimal(6), 6), decimal.Round(s.MonetaryValue, 6));
            checkedCustomers++;
        }

        Assert.Equal(ours.Count, checkedCustomers);
    }
}
