using BenchmarkDotNet.Attributes;
using RetentionMetrics.Benchmarks.Support;
using RetentionMetrics.Cli;

namespace RetentionMetrics.Benchmarks.Customers;

/// <summary>
/// The `retention summary` path from a CSV file of 10 million rows (customer_id,date,amount) for 1 million customers,
/// against DuckDB reading the same file with read_csv and computing the same summary, in the same run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LoadedMachineConfig))]
public class CsvIngestionBenchmarks
{
    private string path = string.Empty;
    private DuckDbSummary duckDb = null!;

    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        path = Path.Combine(Path.GetTempPath(), $"retention-bench-{Rows}.csv");
        if (!File.Exists(path))
        {
            SyntheticOrders.WriteCsv(SyntheticOrders.Create(Rows, Rows / 10, seed: 42), path);
        }

        duckDb = new DuckDbSummary([]);
    }

    [GlobalCleanup]
    public void Cleanup() => duckDb.Dispose();

    [Benchmark(Baseline = true, Description = "retention summary (CSV → summaries, all cores)")]
    public int Csv_RetentionSummary() => CsvSummary.Run(path, workers: Environment.ProcessorCount);

    [Benchmark(Description = "retention summary, one core")]
    public int Csv_RetentionSummaryOneCore() => CsvSummary.Run(path, workers: 1);

    [Benchmark(Description = "DuckDB read_csv + same summary")]
    public long Csv_DuckDbReadCsv() => duckDb.SummariseCsv(path);
}
