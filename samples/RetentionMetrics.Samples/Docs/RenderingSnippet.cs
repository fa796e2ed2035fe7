// snippet: rendering-report
using RetentionMetrics.Rendering;

// end-snippet
using NodaTime;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Samples.Docs;

/// <summary>The report example of docs/rendering.md.</summary>
public static class RenderingSnippet
{
    /// <summary>Writes report.html from the results and prints the RFM table as text.</summary>
    public static void Run(CohortAccumulator<string> accumulator, CustomerSummaries<string> summaries, LocalDate asOf)
    {
        // snippet: rendering-report
        var cohorts = accumulator.ToTable();                          // a CohortTable
        var rfm = RfmModel.Score(summaries);                          // an RfmTable<string>
        var features = summaries.ToRfmFeatures(asOf);
        var clusters = KMeans.Fit(features.Scaled, new KMeansOptions { NumberOfClusters = 4, Seed = 7 });

        var html = new HtmlReportBuilder("Retention report")
            .AddParagraph("CDNOW sample, as of 1998-06-30.")
            .AddKpi("Customers", "2,357")
            .AddSection("Cohorts", HtmlViews.ToHtml(cohorts))
            .AddSection("RFM", HtmlViews.ToHtml(rfm))
            .AddSection("Clusters", HtmlViews.Clusters(features, clusters, xFeature: 1, yFeature: 2))
            .AddSettings([new("input", "CDNOW_sample.txt"), new("as of", "1998-06-30")])
            .ToHtml();
        File.WriteAllText("report.html", html);

        Console.WriteLine(TextViews.ToText(rfm));                     // the same numbers as text
        // end-snippet
    }
}
