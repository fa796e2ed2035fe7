using System.Globalization;
using System.Text;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Interactive;

/// <summary>The text/plain view of each result type: a title line, a table of the first rows, and the totals.</summary>
internal static class PlainTextViews
{
    /// <summary>The most rows a plain-text table lists; the rest are counted in a closing line.</summary>
    internal const int MaximumRows = 20;

    internal static string Summary<TKey>(CustomerSummary<TKey> s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Customer {s.CustomerId}: {s.Transactions:N0} transactions, spend {s.TotalSpend:#,0.00}, first {s.FirstPurchase.Date:yyyy-MM-dd}, last {s.LastPurchase.Date:yyyy-MM-dd}; frequency {s.Frequency}, recency {s.Recency}, T {s.T}, monetary value {s.MonetaryValue:#,0.00}") + Environment.NewLine;

    internal static string RfmCustomer<TKey>(RfmCustomer<TKey> c) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Customer {c.CustomerId}: RFM {c.Score} ({c.Segment}); recency {c.Recency} days, frequency {c.Frequency}, monetary {c.Monetary:#,0.00}") + Environment.NewLine;

    internal static string RfmFeatures<TKey>(RfmFeatureSet<TKey> features)
        where TKey : notnull
    {
        var text = new StringBuilder(Title($"RFM features: {features.Customers.Count:N0} customers{AsOf(features.AsOf)} (recency in days, frequency in transactions, monetary in money)"));
        var table = new TextTable("customer", "recency", "frequency", "monetary");
        for (var i = 0; i < Math.Min(MaximumRows, features.Customers.Count); i++)
        {
            table.Add(features.Customers[i], features.Raw[i, 0], features.Raw[i, 1], features.Raw[i, 2]);
        }

        return Close(text, table, features.Customers.Count);
    }

    internal static string Health(HealthScore score)
    {
        var text = new StringBuilder(Title($"Health score {score.Score:0.##} of 100: {score.Band.Name}{(score.HasEvidence ? string.Empty : " (no evidence)")}"));
        var table = new TextTable("component", "points", "of", "lost");
        foreach (var c in score.Contributions)
        {
            table.Add(c.Component, c.Points, c.MaximumPoints, c.IsMissing ? "missing" : TextTable.Text(c.LostPoints));
        }

        table.WriteTo(text);
        return text.ToString();
    }

    internal static string CustomerHealth<TKey>(CustomerHealthScore<TKey> score) =>
        string.Create(CultureInfo.InvariantCulture, $"Customer {score.CustomerId}: ") + Health(score.Health);

    internal static string KMeansSelection(KMeansSelection selection)
    {
        var text = new StringBuilder(Title($"Choosing k: elbow at k = {selection.ByElbow}, best silhouette at k = {selection.BySilhouette}"));
        var table = new TextTable("k", "inertia", "silhouette");
        foreach (var c in selection.Candidates)
        {
            table.Add(c.NumberOfClusters, c.Inertia, c.Silhouette);
        }

        table.WriteTo(text);
        return text.ToString();
    }

    internal static string LogRank(LogRankResult result)
    {
        var text = new StringBuilder(Title(
            $"Log-rank test: chi-squared {result.Statistic:0.####} on {result.DegreesOfFreedom} degree{(result.DegreesOfFreedom == 1 ? string.Empty : "s")} of freedom, p = {result.PValue:0.####}"));
        var table = new TextTable("group", "subjects", "observed", "expected");
        foreach (var g in result.Groups)
        {
            table.Add(g.Name, g.Subjects, g.Observed, g.Expected);
        }

        table.WriteTo(text);
        return text.ToString();
    }

    private static string Title(FormattableString title) => Title(title.ToString(CultureInfo.InvariantCulture));

    private static string Title(string title) => title + Environment.NewLine;

    private static string Close(StringBuilder text, TextTable table, int total)
    {
        table.WriteTo(text);
        if (total > table.Count)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"… {total - table.Count:N0} more rows"));
        }

        return text.ToString();
    }

    private static string AsOf(NodaTime.LocalDate? asOf) =>
        asOf is { } date ? ", as of " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
}
