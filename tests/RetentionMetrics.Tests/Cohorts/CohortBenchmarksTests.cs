using System.Globalization;
using RetentionMetrics.Benchmarks.Cohorts;

namespace RetentionMetrics.Tests.Cohorts;

/// <summary>Runs each cohort benchmark once on small data and checks that all variants compute the same table.</summary>
public sealed class CohortBenchmarksTests : IDisposable
{
    private readonly CohortBenchmarks benchmarks = new() { Customers = 2_000, Transactions = 20_000 };

    public CohortBenchmarksTests() => benchmarks.Setup();

    [Fact]
    public void EveryVariant_ComputesTheSameCells()
    {
        var library = benchmarks.CohortTable_Monthly();
        var withRevenue = benchmarks.CohortTable_MonthlyWithRevenue();
        var duckDb = benchmarks.DuckDb_Monthly().ToDictionary(r => (r.Cohort.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Offset), r => r.Active);
        var plain = benchmarks.Dictionary_Bitmasks();

        Assert.Equal(60, library.Cohorts.Count);
        Assert.Equal(2_000, library.TotalCustomers);
        var cells = 0;
        for (var r = 0; r < library.Cohorts.Count; r++)
        {
            for (var c = 0; c < library.Columns.Count; c++)
            {
                if (!library.IsObservable(r, c))
                {
                    continue;
                }

                var expected = duckDb.GetValueOrDefault((library.Cohorts[r].Label, c));
                Assert.Equal(expected, library[r, c]);
                Assert.Equal(expected, withRevenue[r, c]);
                Assert.Equal(expected, plain.GetValueOrDefault((r, c)));
                cells++;
            }
        }

        Assert.Equal(60 * 61 / 2, cells);
        Assert.Equal(duckDb.Values.Sum(), plain.Values.Sum());
        Assert.InRange(benchmarks.StateBytesPerCustomer(), 16, 200);
    }

    public void Dispose() => benchmarks.Dispose();
}
