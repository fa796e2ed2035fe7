using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using NodaTime;
using RetentionMetrics.Cohorts;

namespace RetentionMetrics.Benchmarks.Cohorts;

/// <summary>
/// A monthly cohort table (active customers per cohort × month offset) over 10 million transactions of 1 million
/// customers held in memory, against DuckDB SQL for the same table in the same process. DuckDB's data is loaded in
/// the setup with its appender, so only the query is timed.
/// </summary>
[MemoryDiagnoser]
public class CohortBenchmarks : IDisposable
{
    private static readonly LocalDate Start = new(2020, 1, 1);
    private static readonly LocalDate AsOf = new(2024, 12, 31);

    private const string CohortSql = """
        WITH firsts AS (SELECT customer, min(date_trunc('month', d)) AS cohort FROM orders GROUP BY customer)
        SELECT f.cohort, date_diff('month', f.cohort, date_trunc('month', o.d)) AS k, count(DISTINCT o.customer) AS active
        FROM orders o JOIN firsts f USING (customer)
        GROUP BY ALL
        """;

    private Transaction[] transactions = [];
    private DuckDBConnection? connection;

    /// <summary>One purchase: a customer and a day (the amount is not needed for the active-customer table).</summary>
    public readonly record struct Transaction(long Customer, LocalDate Date, int Cents);

    /// <summary>The number of customers (1 million for the benchmark; small in the agreement test).</summary>
    public int Customers { get; set; } = 1_000_000;

    /// <summary>The number of transactions (10 million for the benchmark).</summary>
    public int Transactions { get; set; } = 10_000_000;

    /// <summary>Options of the library's table: monthly, active customers, no revenue kept.</summary>
    public static CohortOptions Options { get; } = new() { AsOf = AsOf, Measure = CohortMeasure.ActiveCustomers, TrackRevenue = false };

    [GlobalSetup]
    public void Setup()
    {
        // Each customer's first purchase falls uniformly in 2020–2024; further purchases fall after it, uniformly up
        // to the end of 2024. Records are in random customer order, as in an event log.
        var random = new Random(42);
        var days = Period.DaysBetween(Start, AsOf) + 1;
        var firstDay = new int[Customers];
        for (var c = 0; c < Customers; c++)
        {
            firstDay[c] = random.Next(days);
        }

        transactions = new Transaction[Transactions];
        for (var i = 0; i < Transactions; i++)
        {
            var customer = i < Customers ? i : random.Next(Customers);
            var day = i < Customers ? firstDay[customer] : firstDay[customer] + random.Next(days - firstDay[customer]);
            transactions[i] = new Transaction(customer, Start.PlusDays(day), random.Next(100, 20_000));
        }

        random.Shuffle(transactions);
        connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute("CREATE TABLE orders (customer BIGINT, d DATE)");
        using (var appender = connection.CreateAppender("orders"))
        {
            foreach (var t in transactions)
            {
                appender.CreateRow().AppendValue(t.Customer).AppendValue(t.Date.ToDateOnly()).EndRow();
            }
        }

        Execute($"SET threads = {Environment.ProcessorCount}");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        connection?.Dispose();
        connection = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>The library on all cores: hash-partitioned workers over the in-memory array.</summary>
    [Benchmark]
    public CohortTable CohortTable_Monthly() =>
        new ReadOnlyMemory<Transaction>(transactions).ToCohortTable(t => t.Customer, t => t.Date, t => 0m, Options);

    /// <summary>The library keeping revenue per customer and month as well (decimal sums).</summary>
    [Benchmark]
    public CohortTable CohortTable_MonthlyWithRevenue() =>
        new ReadOnlyMemory<Transaction>(transactions).ToCohortTable(t => t.Customer, t => t.Date, t => t.Cents / 100m, Options with { TrackRevenue = true });

    /// <summary>DuckDB SQL: first-purchase CTE, then count distinct per cohort and offset.</summary>
    [Benchmark(Baseline = true)]
    public List<(DateOnly Cohort, int Offset, long Active)> DuckDb_Monthly()
    {
        using var command = connection!.CreateCommand();
        command.CommandText = CohortSql;
        using var reader = command.ExecuteReader();
        var rows = new List<(DateOnly, int, long)>();
        while (reader.Read())
        {
            rows.Add((DateOnly.FromDateTime(reader.GetDateTime(0)), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>A plain hand-written version: a dictionary from customer to a first month and a 64-month bitmask.</summary>
    [Benchmark]
    public Dictionary<(int Cohort, int Offset), int> Dictionary_Bitmasks()
    {
        var origin = Start.Year * 12 + Start.Month - 1;
        var state = new Dictionary<long, (int First, ulong Months)>(Customers);
        foreach (var t in transactions)
        {
            var month = t.Date.Year * 12 + t.Date.Month - 1 - origin;
            ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(state, t.Customer, out var exists);
            entry = exists ? (Math.Min(entry.First, month), entry.Months | 1UL << month) : (month, 1UL << month);
        }

        var cells = new Dictionary<(int, int), int>();
        foreach (var (first, months) in state.Values)
        {
            for (var bits = months; bits != 0; bits &= bits - 1)
            {
                var key = (first, System.Numerics.BitOperations.TrailingZeroCount(bits) - first);
                cells[key] = cells.GetValueOrDefault(key) + 1;
            }
        }

        return cells;
    }

    /// <summary>Bytes of per-customer state the library keeps for this data, divided by the customers.</summary>
    public double StateBytesPerCustomer()
    {
        var accumulator = new CohortAccumulator<long>(Options);
        foreach (var t in transactions)
        {
            accumulator.Add(t.Customer, t.Date);
        }

        return (double)accumulator.StateBytes / accumulator.CustomerCount;
    }

    private void Execute(string sql)
    {
        using var command = connection!.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
