using System.Globalization;
using DuckDB.NET.Data;
using NodaTime;
using RetentionMetrics.Cohorts;

namespace RetentionMetrics.Tests.Cohorts;

/// <summary>The monthly cohort table checked cell by cell against DuckDB SQL on the same generated log.</summary>
public sealed class CohortDuckDbTests : IDisposable
{
    private static readonly LocalDate Start = new(2023, 1, 1);
    private static readonly LocalDate AsOf = new(2024, 12, 31);
    private readonly DuckDBConnection connection = new("Data Source=:memory:");
    private readonly (long Customer, LocalDate Date, decimal Amount)[] log;

    public CohortDuckDbTests()
    {
        // 3,000 customers, 30,000 orders over 2023–2024, seeded; each customer starts somewhere in the two years and
        // buys again at random later days, so cohorts have different lengths and gaps.
        var random = new Random(20240601);
        var firstDay = Enumerable.Range(0, 3000).Select(_ => random.Next(730)).ToArray();
        log = Enumerable.Range(0, 30_000).Select(i =>
        {
            var customer = i < 3000 ? i : random.Next(3000);
            var day = i < 3000 ? firstDay[customer] : firstDay[customer] + random.Next(731 - firstDay[customer]);
            return ((long)customer, Start.PlusDays(day), random.Next(1, 50_000) / 100m);
        }).ToArray();

        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE orders (customer BIGINT, d DATE, amount DECIMAL(18, 2))";
            create.ExecuteNonQuery();
        }

        using var appender = connection.CreateAppender("orders");
        foreach (var (customer, date, amount) in log)
        {
            appender.CreateRow().AppendValue(customer).AppendValue(date.ToDateOnly()).AppendValue(amount).EndRow();
        }
    }

    [Fact]
    public void ActiveCustomersAndRevenue_MatchDuckDbInEveryCell()
    {
        const string sql = """
            WITH firsts AS (SELECT customer, min(date_trunc('month', d)) AS cohort FROM orders GROUP BY customer),
            sizes AS (SELECT cohort, count(*) AS size FROM firsts GROUP BY cohort),
            cells AS (
                SELECT f.cohort, date_diff('month', f.cohort, date_trunc('month', o.d)) AS k,
                       count(DISTINCT o.customer) AS active, sum(o.amount) AS revenue
                FROM orders o JOIN firsts f USING (customer)
                GROUP BY ALL)
            SELECT strftime(c.cohort, '%Y-%m') AS label, s.size, c.k, c.active, c.revenue
            FROM cells c JOIN sizes s USING (cohort)
            ORDER BY label, k
            """;
        var expected = Query(sql, r => (Label: r.GetString(0), Size: Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), Offset: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), Active: Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), Revenue: r.GetDecimal(4)));
        var options = new CohortOptions { AsOf = AsOf };
        var active = log.ToCohortTable(o => o.Customer, o => o.Date, o => o.Amount, options with { Measure = CohortMeasure.ActiveCustomers });
        var revenue = log.ToCohortTable(o => o.Customer, o => o.Date, o => o.Amount, options with { Measure = CohortMeasure.Revenue });

        Assert.Equal(24, active.Cohorts.Count);
        Assert.Equal(expected.Select(e => (e.Label, e.Size)).Distinct(), active.Cohorts.Select(c => (c.Label, c.Size)));
        var byCell = expected.ToDictionary(e => (e.Label, e.Offset));
        var cells = 0;
        for (var r = 0; r < active.Cohorts.Count; r++)
        {
            for (var c = 0; c < active.Columns.Count; c++)
            {
                var label = active.Cohorts[r].Label;
                if (!active.IsObservable(r, c))
                {
                    // Unobservable means later than December 2024, where DuckDB has no rows either.
                    Assert.False(byCell.ContainsKey((label, c)));
                    continue;
                }

                byCell.TryGetValue((label, c), out var row);
                Assert.Equal(row.Active, active[r, c]);
                Assert.Equal((double)row.Revenue, revenue[r, c]);
                cells++;
            }
        }

        Assert.Equal(24 * 25 / 2, cells);
    }

    [Fact]
    public void UnboundedCustomers_MatchDuckDbInEveryCell()
    {
        const string sql = """
            WITH firsts AS (SELECT customer, min(date_trunc('month', d)) AS cohort FROM orders GROUP BY customer),
            lasts AS (
                SELECT o.customer, f.cohort, max(date_diff('month', f.cohort, date_trunc('month', o.d))) AS last
                FROM orders o JOIN firsts f USING (customer) GROUP BY ALL)
            SELECT strftime(cohort, '%Y-%m') AS label, t.k, count(*) FILTER (WHERE last >= t.k) AS unbounded
            FROM lasts CROSS JOIN range(0, 24) AS t(k)
            GROUP BY ALL
            ORDER BY label, k
            """;
        var expected = Query(sql, r => (Label: r.GetString(0), Offset: Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), Count: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)))
            .ToDictionary(e => (e.Label, e.Offset), e => e.Count);
        var table = log.ToCohortTable(o => o.Customer, o => o.Date, o => o.Amount, new CohortOptions { AsOf = AsOf, Measure = CohortMeasure.UnboundedCustomers });

        for (var r = 0; r < table.Cohorts.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (table.IsObservable(r, c))
                {
                    Assert.Equal(expected[(table.Cohorts[r].Label, c)], table[r, c]);
                }
            }
        }
    }

    public void Dispose() => connection.Dispose();

    private List<T> Query<T>(string sql, Func<DuckDBDataReader, T> read)
    {
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
