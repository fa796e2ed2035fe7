using System.Globalization;
using System.Net;
using System.Text;
using RetentionMetrics.Clustering;
using RetentionMetrics.Health;
using RetentionMetrics.Rendering;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Interactive;

/// <summary>
/// The text/html views of the results the core's <see cref="HtmlViews"/> has no view for (a single health score, a
/// k-means model without its rows, the choice of k, a log-rank test alone, RFM features, single rows), built the same
/// way: a <c>&lt;div class="rm-view" data-view="NAME"&gt;</c> with an <c>&lt;h3&gt;</c>, a note and <c>rm-table</c> tables.
/// </summary>
internal static class NotebookHtml
{
    internal static string Health(HealthScore score, string? customer = null)
    {
        var rows = score.Contributions.Select(c => (IReadOnlyList<string>)[
            c.Component, Number(c.Points), Number(c.MaximumPoints), c.IsMissing ? "missing" : Number(c.LostPoints)]);
        return View("health-score", (customer is null ? string.Empty : "Customer " + customer + ": ") + "health score",
            Paragraph(string.Create(CultureInfo.InvariantCulture, $"{score.Score:0.##} of 100, band {score.Band.Name} [{score.Band.From}, {score.Band.To}){(score.HasEvidence ? string.Empty : "; no evidence")}")),
            HtmlViews.Table("health-contributions", ["component", "points", "of", "lost"], rows).Markup);
    }

    internal static string KMeans(KMeansModel model)
    {
        var headers = new List<string> { "cluster", "size" };
        headers.AddRange(Enumerable.Range(0, model.Dimensions).Select(j => "centroid " + j.ToString(CultureInfo.InvariantCulture)));
        var rows = Enumerable.Range(0, model.NumberOfClusters).Select(c => (IReadOnlyList<string>)[
            Number(c), Number(model.ClusterSizes[c]), .. Enumerable.Range(0, model.Dimensions).Select(j => Number(model.Centroids[c, j]))]);
        return View("kmeans-model", "k-means model",
            Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"{model.NumberOfClusters} clusters in {model.Dimensions} dimensions; inertia {model.Inertia:0.####}, {model.Iterations} iterations{(model.Converged ? string.Empty : " (not converged)")}, seed {model.Seed}. Centroids in the space the model was fitted in; SvgCharts.ClusterScatter draws them with the rows.")),
            HtmlViews.Table("clusters", headers, rows).Markup);
    }

    internal static string KMeansSelection(KMeansSelection selection) =>
        View("kmeans-selection", "Choosing the number of clusters",
            Paragraph(string.Create(CultureInfo.InvariantCulture, $"Elbow at k = {selection.ByElbow}; best silhouette at k = {selection.BySilhouette}.")),
            HtmlViews.Table("kmeans-candidates", ["k", "inertia", "silhouette"],
                selection.Candidates.Select(c => (IReadOnlyList<string>)[Number(c.NumberOfClusters), Number(c.Inertia), Number(c.Silhouette)])).Markup);

    internal static string LogRank(LogRankResult result) =>
        View("log-rank", "Log-rank test",
            Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"χ² = {result.Statistic:0.####} on {result.DegreesOfFreedom} degrees of freedom, p = {result.PValue:0.####}.")),
            HtmlViews.Table("log-rank-groups", ["group", "subjects", "observed", "expected"],
                result.Groups.Select(g => (IReadOnlyList<string>)[g.Name, Number(g.Subjects), Number(g.Observed), Number(g.Expected)])).Markup);

    internal static string RfmFeatures<TKey>(RfmFeatureSet<TKey> features)
        where TKey : notnull
    {
        var shown = Math.Min(features.Customers.Count, PlainTextViews.MaximumRows);
        var rows = Enumerable.Range(0, shown).Select(i => (IReadOnlyList<string>)[
            features.Customers[i].ToString() ?? string.Empty, Number(features.Raw[i, 0]), Number(features.Raw[i, 1]), Number(features.Raw[i, 2])]);
        return View("rfm-features", "RFM features",
            Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"{features.Customers.Count:N0} customers: recency in days, frequency in transactions, monetary value; first {shown:N0} shown.")),
            HtmlViews.Table("rfm-features", ["customer", .. RfmFeatureSet<TKey>.ColumnNames], rows).Markup);
    }

    /// <summary>A one-line result (one customer's row) as a preformatted block.</summary>
    internal static string Text(string name, string text) => View(name, null, "<pre style=\"font-family:ui-monospace,monospace;font-size:12px;margin:0\">" + Escape(text.TrimEnd()) + "</pre>");

    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Paragraph(string text) => "<p style=\"margin:4px 0 8px 0;font-size:13px\">" + Escape(text) + "</p>";

    private static string View(string name, string? heading, params string[] content)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"rm-view\" data-view=\"").Append(Escape(name)).Append("\" style=\"font-family:system-ui,sans-serif;color:#1f2933\">");
        if (heading is not null)
        {
            html.Append("<h3 style=\"font-size:15px;margin:8px 0\">").Append(Escape(heading)).Append("</h3>");
        }

        foreach (var part in content)
        {
            html.Append(part);
        }

        return html.Append("</div>").ToString();
    }

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 1_000 ? "#,0.##" : "0.####", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
