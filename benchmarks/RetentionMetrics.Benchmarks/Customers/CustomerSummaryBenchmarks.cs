using BenchmarkDotNet.Attributes;
using RetentionMetrics.Benchmarks.Support;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Benchmarks.Customers;

/// <summary>
/// Customer summaries over 10 million in-memory transactions for 1 million customers: the library's parallel path
/// against a LINQ GroupBy, a plain Dictionary, a hand-written dense-array pass and DuckDB's GROUP BY on the same
/// records (loaded into DuckDB before timing; the query runs inside the engine).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LoadedMachineConfig))]
public class CustomerSummaryBenchmarks
{
    private SyntheticOrder[] orders = [];
    private DuckDbSummary duckDb = null!;

    [Params(10_000_000)]
    public int Transactions { get; set; }

    public int Customers => Transactions / 10;

    [GlobalSetup]
    public void Setup()
    {
        orders = SyntheticOrders.Create(Transactions, Customers, seed: 42);
        duckDb = new DuckDbSummary(orders);
    }

    [GlobalCleanup]
    public void Cleanup() => duckDb.Dispose();

    [Benchmark(Description = "RetentionMetrics, all cores")]
    public long Summaries_Library() =>
        Sum(new ReadOnlyMemory<SyntheticOrder>(orders).ToCustomerSummaries(o => o.CustomerId, o => o.Date, o => o.Amount));

    [Benchmark(Description = "RetentionMetrics, one core")]
    public long Summaries_LibraryOneCore() =>
        Sum(new ReadOnlyMemory<SyntheticOrder>(orders).ToCustomerSummaries(o => o.CustomerId, o => o.Date, o => o.Amount,
            new CustomerSummaryOptions { MaximumDegreeOfParallelism = 1 }));

    [Benchmark(Description = "RetentionMetrics, all cores, in-place scan (before radix partitioning)")]
    public long Summaries_LibraryInPlaceScan()
    {
        CustomerSummaryExtensions.RadixPartitioning = false;
        try
        {
            return Summaries_Library();
        }
        finally
        {
            CustomerSummaryExtensions.RadixPartitioning = true;
        }
    }

    [Benchmark(Description = "DuckDB GROUP BY")]
    public long Summaries_DuckDb() => duckDb.SummariseTable();

    [Benchmark(Baseline = true, Description = "Hand-written dense array")]
    public long Summaries_DenseArray() => CustomerSummaryBaselines.DenseArray(orders, Customers);

    [Benchmark(Description = "Plain Dictionary")]
    public long Summaries_Dictionary() => CustomerSummaryBaselines.Dictionary(orders);

    [Benchmark(Description = "LINQ GroupBy")]
    public long Summaries_LinqGroupBy() => CustomerSummaryBaselines.LinqGroupBy(orders);

    public static long Sum(CustomerSummaries<long> summaries)
    {
        var total = 0L;
        foreach (var summary in summaries.AsSpan())
        {
            total += summary.Frequency;
        }

        return total;
    }
}
