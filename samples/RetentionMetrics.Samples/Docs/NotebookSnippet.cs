// snippet: notebook-register
using RetentionMetrics.Interactive;
using RetentionMetrics.Rendering;

// end-snippet
namespace RetentionMetrics.Samples.Docs;

/// <summary>The code example of docs/notebooks.md: registering the notebook formatters with other chart options.</summary>
public static class NotebookSnippet
{
    /// <summary>Registers the formatters with wider charts and more scatter points than the defaults.</summary>
    public static void Run()
    {
        // snippet: notebook-register
        RetentionMetricsFormatters.Register(new ChartOptions { Width = 800, MaximumPoints = 5_000 });
        // end-snippet
    }
}
