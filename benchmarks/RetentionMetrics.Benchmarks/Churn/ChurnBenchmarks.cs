using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using NodaTime;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Benchmarks.Churn;

/// <summary>
/// Monthly customer churn over 10 million orders (library and DuckDB SQL on the same data), and MRR movements for
/// 1 million subscriptions over 36 months.
/// </summary>
[MemoryDiagnoser]
public class ChurnBenchmarks : IDisposable
{
    /// <summary>The first day of the synthetic logs; every record falls within 36 months of it.</summary>
    public static readonly LocalDate Origin = new(2022, 1, 1);

    /// <summary>Days in the 36 months from <see cref="Origin"/>.</summary>
    public const int Days = 1096;

    /// <summary>
    /// The monthly churn table in SQL: active customer-months, their previous and next active months, and per month
    /// start (previous end), new, churned, reactivated and end counts. Purchase-in-month activity, as the library's default.
    /// </summary>
    public const string MonthlyChurnSql = """
        WITH active AS (
            SELECT DISTINCT customer, CAST(date_trunc('month', DATE '2022-01-01' + day) AS DATE) AS m FROM orders),
        marked AS (
            SELECT customer, m, lag(m) OVER w AS prev_m, lead(m) OVER w AS next_m
            FROM active WINDOW w AS (PARTITION BY customer ORDER BY m)),
        months AS (
            SELECT CAST(unnest(generate_series(min(m), max(m), INTERVAL 1 MONTH)) AS DATE) AS m FROM active),
        ends AS (
            SELECT m, count(*) AS end_customers,
                   count(*) FILTER (WHERE prev_m IS NULL) AS new_customers,
                   count(*) FILTER (WHERE prev_m < m - INTERVAL 1 MONTH) AS reactivated_customers
            FROM marked GROUP BY m),
        churn AS (
            SELECT CAST(m + INTERVAL 1 MONTH AS DATE) AS m, count(*) AS churned_customers
            FROM marked WHERE next_m IS NULL OR next_m > m + INTERVAL 1 MONTH GROUP BY 1)
        SELECT strftime(months.m, '%Y-%m') AS period,
               coalesce(lag(coalesce(e.end_customers, 0)) OVER (ORDER BY months.m), 0) AS start_customers,
               coalesce(e.new_customers, 0) AS new_customers,
               coalesce(c.churned_customers, 0) AS churned_customers,
               coalesce(e.reactivated_customers, 0) AS reactivated_customers,
               coalesce(e.end_customers, 0) AS end_customers
        FROM months LEFT JOIN ends e ON e.m = months.m LEFT JOIN churn c ON c.m = months.m
        ORDER BY months.m
        """;

    private int[] orderCustomers = [];
    private LocalDate[] orderDates = [];
    private int[] changeCustomers = [];
    private LocalDate[] changeDates = [];
    private decimal[] changeMrr = [];
    private DuckDBConnection? duck;

    /// <summary>How many orders the churn benchmarks read.</summary>
    public int Orders { get; set; } = 10_000_000;

    /// <summary>How many subscriptions (customers) the MRR benchmark reads.</summary>
    public int Subscriptions { get; set; } = 1_000_000;

    [GlobalSetup]
    public void Setup()
    {
        BuildOrders(new Random(42));
        BuildSubscriptions(new Random(7));
        duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using (var create = duck.CreateCommand())
        {
            create.CommandText = "CREATE TABLE orders (customer INTEGER, day INTEGER)";
            create.ExecuteNonQuery();
        }

        using var appender = duck.CreateAppender("orders");
        for (var i = 0; i < orderCustomers.Length; i++)
        {
            appender.CreateRow().AppendValue(orderCustomers[i]).AppendValue(Period.Between(Origin, orderDates[i], PeriodUnits.Days).Days).EndRow();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        duck?.Dispose();
        duck = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>The library: one pass over the orders into per-customer state, then the monthly table.</summary>
    [Benchmark(Baseline = true)]
    public long[] CustomerChurn_TenMillionOrders()
    {
        var accumulator = new CustomerChurnAccumulator<int>();
        for (var i = 0; i < orderCustomers.Length; i++)
        {
            accumulator.Add(orderCustomers[i], orderDates[i]);
        }

        return accumulator.ToTable().Rows
            .SelectMany(r => new long[] { r.StartCustomers, r.NewCustomers, r.ChurnedCustomers, r.ReactivatedCustomers, r.EndCustomers })
            .ToArray();
    }

    /// <summary>The peer: the same monthly table in DuckDB SQL over the same orders, already loaded in DuckDB.</summary>
    [Benchmark]
    public long[] CustomerChurn_TenMillionOrders_DuckDbSql()
    {
        using var command = duck!.CreateCommand();
        command.CommandText = MonthlyChurnSql;
        using var reader = command.ExecuteReader();
        var result = new List<long>();
        while (reader.Read())
        {
            for (var column = 1; column <= 5; column++)
            {
                result.Add(Convert.ToInt64(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return [.. result];
    }

    /// <summary>The library: MRR movements, period-end comparison, for every subscription over 36 months.</summary>
    [Benchmark]
    public decimal[] MrrMovements_OneMillionSubscriptions()
    {
        var accumulator = new MrrMovementAccumulator<int>();
        for (var i = 0; i < changeCustomers.Length; i++)
        {
            accumulator.Add(changeCustomers[i], changeDates[i], changeMrr[i]);
        }

        return accumulator.ToTable().Rows.Select(r => r.EndMrr).ToArray();
    }

    /// <summary>The changes of the MRR benchmark, for checks.</summary>
    public IEnumerable<(int Customer, LocalDate Date, decimal Mrr)> Changes() =>
        changeCustomers.Select((c, i) => (c, changeDates[i], changeMrr[i]));

    /// <summary>Customers arrive uniformly over 36 months, buy about every two months, and stop after an exponential lifetime.</summary>
    private void BuildOrders(Random random)
    {
        orderCustomers = new int[Orders];
        orderDates = new LocalDate[Orders];
        var dates = Enumerable.Range(0, Days).Select(d => Origin.PlusDays(d)).ToArray();
        var n = 0;
        for (var customer = 0; n < Orders; customer++)
        {
            var day = random.Next(Days);
            var end = day + (int)(-Math.Log(1 - random.NextDouble()) * 400);
            while (n < Orders && day < Math.Min(end, Days))
            {
                orderCustomers[n] = customer;
                orderDates[n] = dates[day];
                n++;
                day += 1 + random.Next(120);
            }
        }
    }

    /// <summary>Each subscription starts in the 36 months and changes plan, cancels or returns every one to ten months.</summary>
    private void BuildSubscriptions(Random random)
    {
        decimal[] plans = [0m, 19m, 49m, 99m, 249m];
        var customers = new List<int>();
        var dates = new List<LocalDate>();
        var amounts = new List<decimal>();
        for (var customer = 0; customer < Subscriptions; customer++)
        {
            var day = random.Next(Days);
            var mrr = plans[1 + random.Next(plans.Length - 1)];
            while (day < Days)
            {
                customers.Add(customer);
                dates.Add(Origin.PlusDays(day));
                amounts.Add(mrr);
                day += 30 + random.Next(270);
                mrr = mrr == 0 ? plans[1 + random.Next(plans.Length - 1)] : plans[random.Next(plans.Length)];
            }
        }

        // Out of order on purpose: the library sorts each customer's changes.
        var order = Enumerable.Range(0, customers.Count).ToArray();
        random.Shuffle(order);
        changeCustomers = order.Select(i => customers[i]).ToArray();
        changeDates = order.Select(i => dates[i]).ToArray();
        changeMrr = order.Select(i => amounts[i]).ToArray();
    }
}
