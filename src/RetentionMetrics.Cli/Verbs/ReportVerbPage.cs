using System.Globalization;
using RetentionMetrics.Clustering;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rendering;

namespace RetentionMetrics.Cli.Verbs;

/// <summary>The report page: the library's views composed by <see cref="HtmlReportBuilder"/>, plus a load marker.</summary>
internal static class ReportVerbPage
{
    /// <summary>
    /// A small inline script that counts script errors on the page and, once the page has loaded, marks the body with
    /// <c>data-rendered="ok"</c>, <c>data-script-errors</c> and <c>data-charts-drawn</c> (the SVG charts laid out with a
    /// non-zero size), so a headless browser's DOM shows that the page rendered. It loads nothing and the charts do not
    /// depend on it. Written without <c>&lt;</c> or <c>&amp;</c>, so the page still parses as XML.
    /// </summary>
    public const string LoadMarkerScript =
        "<script>(function () { var errors = 0; " +
        "window.addEventListener('error', function () { errors += 1; if (document.body) { document.body.setAttribute('data-script-errors', String(errors)); } }); " +
        "window.addEventListener('load', function () { var drawn = 0; " +
        "document.querySelectorAll('svg.rm-chart').forEach(function (chart) { var box = chart.getBoundingClientRect(); if (box.width > 0) { if (box.height > 0) { drawn += 1; } } }); " +
        "document.body.setAttribute('data-charts-drawn', String(drawn)); document.body.setAttribute('data-script-errors', String(errors)); " +
        "document.body.setAttribute('data-rendered', 'ok'); }); })();</script>";

    /// <summary>The clusters are drawn as frequency (across) against monetary value (up).</summary>
    public const int ClusterX = 1;

    public const int ClusterY = 2;

    public static string Build(ReportResults results)
    {
        var s = results.Settings;
        var asOf = results.Summaries.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
        var builder = new HtmlReportBuilder("Retention report");
        builder.AddParagraph(string.Create(CultureInfo.InvariantCulture,
            $"{results.Summaries.Count:N0} customers and {results.Summaries.Transactions:N0} orders from {s.Input}, as of {asOf}."));
        foreach (var (name, value) in results.Kpis())
        {
            builder.AddKpi(name, value);
        }

        builder
            .AddSection("Monthly acquisition cohorts", HtmlViews.ToHtml(results.Cohorts))
            .AddSection("RFM segments", HtmlViews.ToHtml(results.Rfm))
            .AddSection("Customer clusters (k-means of the RFM features)", HtmlViews.Clusters(results.Features, results.Clusters, ClusterX, ClusterY))
            .AddSection("Survival of customer lifetimes", HtmlViews.ToHtml(results.Survival))
            .AddSection(string.Create(CultureInfo.InvariantCulture, $"Customer lifetime value over {s.HorizonMonths} months"), LifetimeValue(results));
        builder.AddSettings(Settings(results));
        return WithLoadMarker(builder.ToHtml());
    }

    /// <summary>The fitted models and the distribution of lifetime values, or why the models could not be fitted.</summary>
    private static HtmlFragment[] LifetimeValue(ReportResults results)
    {
        if (results.LifetimeValue is not { } fit)
        {
            return [HtmlFragment.FromText("Lifetime value was not computed: " + results.LifetimeValueNotFitted)];
        }

        var customers = results.RepeatPurchases.Select(c => c.CustomerId).ToArray();
        return
        [
            HtmlViews.ToHtml((ITransactionModel)fit.Purchases),
            HtmlViews.ToHtml(fit.Spend),
            HtmlViews.LifetimeValues(customers, fit.Values, new ChartOptions { MaximumRows = results.Settings.TopCustomers }),
        ];
    }

    /// <summary>The inputs and settings, as the page's last table shows them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(ReportResults results)
    {
        var s = results.Settings;
        return
        [
            new("input", s.Input),
            new("customer column", s.CustomerColumn),
            new("time column", s.TimeColumn),
            new("amount column", s.AmountColumn),
            new("date format", s.DateFormat ?? "ISO dates or instants"),
            new("time zone", s.Zone.Id),
            new("as of", s.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "after the last order"),
            new("records read", results.Summaries.RecordsRead.ToString("N0", CultureInfo.InvariantCulture)),
            new("records after the as-of date", results.Summaries.RecordsAfterAsOf.ToString("N0", CultureInfo.InvariantCulture)),
            new("cohorts", "by month of first purchase; retention share per month since"),
            new("RFM", string.Create(CultureInfo.InvariantCulture, $"scores 1..{results.Rfm.Bins} by quantile; recency in days")),
            new("k-means", string.Create(CultureInfo.InvariantCulture,
                $"{results.Clusters.NumberOfClusters} clusters of log-standardised recency, frequency and monetary value; seed {s.Seed}; inertia {results.Clusters.Inertia:0.###}")),
            new("survival", string.Create(CultureInfo.InvariantCulture,
                $"Kaplan-Meier; a customer is lost after {results.InactivityGap.Days} days without a purchase, censored while active")),
            new("lifetime value", string.Create(CultureInfo.InvariantCulture,
                $"BG/NBD and Gamma-Gamma fitted in weeks; {s.HorizonMonths} months, discounted {LifetimeValueOptions.Default.DiscountRate * 100:0.##}% a month")),
            new("cluster chart", $"{RfmFeatureSet<string>.ColumnNames[ClusterX]} across, {RfmFeatureSet<string>.ColumnNames[ClusterY]} up"),
        ];
    }

    /// <summary>Puts <see cref="LoadMarkerScript"/> at the end of the page's head.</summary>
    public static string WithLoadMarker(string page)
    {
        var head = page.IndexOf("</head>", StringComparison.Ordinal);
        return head < 0 ? page : string.Concat(page.AsSpan(0, head), LoadMarkerScript, page.AsSpan(head));
    }
}
