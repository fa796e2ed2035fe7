using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Rendering;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Cli;

/// <summary>
/// The numbers of marks the report's charts must hold: counted in a page's markup (or a browser's DOM of it), or derived
/// from the library's own results on the same orders, following each chart's documented structure contract.
/// </summary>
internal sealed partial record ReportCounts(
    int Kpis, int Sections, int Charts, int CohortCells, int CohortUnobserved, int RfmCells, int RfmSegmentBars, int Points, int Centroids,
    int SurvivalCurves, int SurvivalBands, int HistogramBars, long HistogramTotal, int TopCustomerRows)
{
    /// <summary>The KPI tiles the report shows.</summary>
    public const int KpiCount = 9;

    /// <summary>Reads the orders (customer_id, date, amount) and computes what each chart must show with the library.</summary>
    public static ReportCounts FromLibrary(string ordersFile, int clusters, int top)
    {
        var summaries = new CustomerSummaryAccumulator<string>();
        var cohorts = new CohortAccumulator<string>(new CohortOptions { Period = CohortPeriod.Month, Measure = CohortMeasure.Retention });
        foreach (var line in File.ReadLines(ordersFile).Skip(1))
        {
            var fields = line.Split(',');
            var date = LocalDatePattern.Iso.Parse(fields[1]).Value;
            var amount = decimal.Parse(fields[2], CultureInfo.InvariantCulture);
            summaries.Add(fields[0], date, amount);
            cohorts.Add(fields[0], date, amount);
        }

        var summary = summaries.ToSummaries();
        var table = cohorts.ToTable();
        var observable = 0;
        for (var row = 0; row < table.Cohorts.Count; row++)
        {
            for (var column = 0; column < table.Columns.Count; column++)
            {
                observable += table.IsObservable(row, column) ? 1 : 0;
            }
        }

        var cells = table.Cohorts.Count * table.Columns.Count;
        var rfm = summary.ToRfmTable();
        var options = ChartOptions.Default;
        // Charts: heatmap, RFM grid and segment bars, cluster scatter, survival curves, lifetime-value histogram.
        return new ReportCounts(
            Kpis: KpiCount, Sections: 5, Charts: 6, CohortCells: observable, CohortUnobserved: cells - observable, RfmCells: rfm.Bins * rfm.Bins,
            RfmSegmentBars: rfm.Segments.Count,
            Points: Math.Min(summary.Count, options.MaximumPoints), Centroids: Math.Min(clusters, summary.Count),
            SurvivalCurves: 1, SurvivalBands: 1, HistogramBars: options.Bins, HistogramTotal: summary.Count,
            TopCustomerRows: Math.Min(top, summary.Count));
    }

    /// <summary>Counts the marks in a page's markup, chart by chart.</summary>
    public static ReportCounts FromMarkup(string html)
    {
        var histogram = Chart(html, "histogram");
        return new ReportCounts(
            Kpis: Count(html, "rm-kpi"),
            Sections: Count(html, "rm-section"),
            Charts: Count(html, "rm-chart"),
            CohortCells: Count(Chart(html, "cohort-heatmap"), "rm-cell"),
            CohortUnobserved: Count(Chart(html, "cohort-heatmap"), "rm-unobserved"),
            RfmCells: Count(Chart(html, "rfm-grid"), "rm-cell"),
            RfmSegmentBars: Count(Chart(html, "rfm-segments"), "rm-bar"),
            Points: Count(Chart(html, "cluster-scatter"), "rm-point"),
            Centroids: Count(Chart(html, "cluster-scatter"), "rm-centroid"),
            SurvivalCurves: Count(Chart(html, "survival-curves"), "rm-curve"),
            SurvivalBands: Count(Chart(html, "survival-curves"), "rm-band"),
            HistogramBars: Count(histogram, "rm-bar"),
            HistogramTotal: DataCounts().Matches(histogram).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)),
            TopCustomerRows: Count(Table(html, "top-customers"), "rm-row"));
    }

    private static int Count(string markup, string className) =>
        Regex.Matches(markup, $"class=\"{Regex.Escape(className)}\"").Count;

    /// <summary>The markup of the one chart with this <c>data-chart</c> name; empty when there is none.</summary>
    private static string Chart(string html, string name)
    {
        var start = Regex.Match(html, $"<svg[^>]*data-chart=\"{Regex.Escape(name)}\"");
        if (!start.Success)
        {
            return string.Empty;
        }

        var end = html.IndexOf("</svg>", start.Index, StringComparison.Ordinal);
        return html[start.Index..end];
    }

    private static string Table(string html, string name)
    {
        var start = Regex.Match(html, $"<table[^>]*data-table=\"{Regex.Escape(name)}\"");
        if (!start.Success)
        {
            return string.Empty;
        }

        var end = html.IndexOf("</table>", start.Index, StringComparison.Ordinal);
        return html[start.Index..end];
    }

    [GeneratedRegex("<rect class=\"rm-bar\"[^>]*data-count=\"([0-9]+)\"")]
    private static partial Regex DataCounts();
}
