using DuckDB.NET.Data;
using RetentionMetrics.Benchmarks.Support;

namespace RetentionMetrics.Benchmarks.Customers;

/// <summary>The same customer summary in DuckDB SQL, in-process, on the same records: the peer engine.</summary>
public sealed class DuckDbSummary : IDisposable
{
    /// <summary>The summary of the library in SQL; <c>{0}</c> is the source (a table or a read_csv call).</summary>
    public const string SummarySql = """
        WITH days AS (
            SELECT customer_id, date, SUM(amount) AS spend, COUNT(*) AS n FROM {0} GROUP BY customer_id, date),
        customers AS (
            SELECT customer_id, MIN(date) AS first_day, MAX(date) AS last_day, COUNT(*) AS purchase_days,
                   SUM(n) AS transactions, SUM(spend) AS total,
                   arg_min(spend, date) AS first_day_spend
            FROM days GROUP BY customer_id)
        SELECT CAST(SUM(purchase_days - 1) AS BIGINT) FROM (
            SELECT purchase_days, transactions, total, date_diff('day', first_day, last_day) AS recency,
                   CASE WHEN purchase_days = 1 THEN 0 ELSE (total - first_day_spend) / (purchase_days - 1) END AS monetary
            FROM customers)
        """;

    private readonly DuckDBConnection connection;

    public DuckDbSummary(SyntheticOrder[] orders)
    {
        connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute("CREATE TABLE orders (customer_id BIGINT, date DATE, amount DECIMAL(18, 2))");
        using var appender = connection.CreateAppender("orders");
        foreach (var order in orders)
        {
            appender.CreateRow().AppendValue(order.CustomerId).AppendValue(order.Date.ToDateOnly()).AppendValue(order.Amount).EndRow();
        }
    }

    /// <summary>Runs the summary over the loaded table inside the engine; returns the sum of frequencies.</summary>
    public long SummariseTable() => Scalar(string.Format(System.Globalization.CultureInfo.InvariantCulture, SummarySql, "orders"));

    /// <summary>Reads the CSV file with read_csv and summarises it; returns the sum of frequencies.</summary>
    public long SummariseCsv(string path) =>
        Scalar(string.Format(System.Globalization.CultureInfo.InvariantCulture, SummarySql, $"read_csv('{path}', header = true, columns = {{'customer_id': 'BIGINT', 'date': 'DATE', 'amount': 'DECIMAL(18,2)'}})"));

    public void Dispose() => connection.Dispose();

    private long Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
