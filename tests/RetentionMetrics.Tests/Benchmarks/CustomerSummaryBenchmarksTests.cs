using RetentionMetrics.Benchmarks.Customers;
using RetentionMetrics.Benchmarks.Support;

namespace RetentionMetrics.Tests.Benchmarks;

/// <summary>Every variant of the summary benchmarks, run once on small data, computes the same answer.</summary>
public sealed class CustomerSummaryBenchmarksTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("retention-bench-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void InMemoryVariants_Agree()
    {
        var benchmarks = new CustomerSummaryBenchmarks { Transactions = 50_000 };
        benchmarks.Setup();
        try
        {
            var expected = benchmarks.Summaries_DenseArray();
            Assert.True(expected > 0);
            Assert.Equal(expected, benchmarks.Summaries_Library());
            Assert.Equal(expected, benchmarks.Summaries_LibraryOneCore());
            Assert.Equal(expected, benchmarks.Summaries_LibraryInPlaceScan());
            Assert.Equal(expected, benchmarks.Summaries_Dictionary());
            Assert.Equal(expected, benchmarks.Summaries_LinqGroupBy());
            Assert.Equal(expected, benchmarks.Summaries_DuckDb());
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Fact]
    public void CsvVariants_Agree()
    {
        var orders = SyntheticOrders.Create(20_000, 2_000, seed: 7);
        var path = Path.Combine(directory, "orders.csv");
        SyntheticOrders.WriteCsv(orders, path);
        using var duckDb = new DuckDbSummary([]);

        var customers = CsvSummary.Run(path, workers: 2);

        Assert.Equal(orders.Select(o => o.CustomerId).Distinct().Count(), customers);
        Assert.Equal(CustomerSummaryBaselines.DenseArray(orders, 2_000), duckDb.SummariseCsv(path));
    }
}
