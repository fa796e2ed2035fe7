using System.CommandLine;
using RetentionMetrics.Cli.Verbs;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Benchmarks.Customers;

/// <summary>Runs the summary verb's reading path on a file without rendering, so the benchmark measures ingestion.</summary>
public static class CsvSummary
{
    public static int Run(string path, int workers)
    {
        var orders = new OrderColumns();
        var command = new Command("summary");
        orders.AddTo(command);
        var parse = command.Parse(["--input", path]);
        var options = new CustomerSummaryOptions { MaximumDegreeOfParallelism = workers };
        return SummaryVerb.Summarise(orders, parse, options, progress: null, CancellationToken.None).Count;
    }
}
