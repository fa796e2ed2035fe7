using System.Xml.Linq;
using Microsoft.DotNet.Interactive.Formatting;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Health;
using RetentionMetrics.Interactive;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rendering;
using RetentionMetrics.Survival;
using RetentionMetrics.Tests.Lifetime;
using RetentionMetrics.Tests.Rendering;

namespace RetentionMetrics.Tests.Interactive;

/// <summary>
/// Every result type displayed through .NET Interactive's <see cref="Formatter"/>, as a notebook displays it: text/html
/// parses as XML with the documented view and marks; text/plain is readable text with the result's key numbers.
/// </summary>
[Collection(FormatterCollection.Name)]
public sealed class RetentionMetricsFormattersTests
{
    public RetentionMetricsFormattersTests() => RetentionMetricsFormatters.Register();

    public static TheoryData<string> Results() => [.. Cases.Keys];

    [Fact]
    public void Register_EveryFormattedType_HasItsOwnHtmlAndPlainTextFormatter()
    {
        foreach (var type in RetentionMetricsFormatters.FormattedTypes)
        {
            Assert.Equal(type, Formatter.GetPreferredFormatterFor(type, RetentionMetricsFormatters.HtmlMimeType).Type);
            Assert.Equal(type, Formatter.GetPreferredFormatterFor(type, RetentionMetricsFormatters.PlainTextMimeType).Type);
        }
    }

    [Fact]
    public void Register_BadChartOptions_ThrowsWithTheRenderingMessage()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => RetentionMetricsFormatters.Register(new ChartOptions { Width = 10 }));

        Assert.StartsWith(RenderingErrorMessages.WidthOutOfRange, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_CoverEveryFormattedTypeWithStringKeys()
    {
        var covered = Cases.Values.Select(c => c.Value.GetType()).ToList();
        foreach (var type in RetentionMetricsFormatters.FormattedTypes.Where(ForStringKeys))
        {
            Assert.True(covered.Any(type.IsAssignableFrom), $"No case displays a {type}.");
        }
    }

    [Fact]
    public void Html_RfmTableWithLongKeys_UsesTheRfmView()
    {
        var accumulator = new RetentionMetrics.Customers.CustomerSummaryAccumulator<long>(new() { AsOf = new NodaTime.LocalDate(2024, 7, 1) });
        accumulator.Add(1L, new NodaTime.LocalDate(2024, 1, 5), 10m);
        accumulator.Add(2L, new NodaTime.LocalDate(2024, 2, 5), 25m);
        accumulator.Add(1L, new NodaTime.LocalDate(2024, 3, 5), 15m);
        var table = RetentionMetrics.Rfm.RfmModel.Score(accumulator.ToSummaries());

        var root = XElement.Parse(Formatter.ToDisplayString(table, RetentionMetricsFormatters.HtmlMimeType));

        Assert.Equal("rfm", root.Attribute("data-view")?.Value);
        Assert.Equal(table.Bins * table.Bins, Count(root, "rm-cell"));
    }

    /// <summary>Types with no customer key, or with string keys (the cases are built on CDNOW's string ids).</summary>
    private static bool ForStringKeys(Type type)
    {
        if (!type.IsGenericType)
        {
            return true;
        }

        var argument = type.GetGenericArguments()[0];
        var key = argument.IsGenericType ? argument.GetGenericArguments()[0] : argument;
        return key == typeof(string) || !RetentionMetricsFormatters.KeyTypes.Contains(key);
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void Html_EachResult_ParsesAsXmlWithTheExpectedMarks(string name)
    {
        var (value, view, marks) = Cases[name];

        var html = Formatter.ToDisplayString(value, RetentionMetricsFormatters.HtmlMimeType);

        var root = XElement.Parse(html);
        Assert.Equal(view, root.Attribute("data-view")?.Value ?? root.Attribute("data-chart")?.Value);
        foreach (var (cssClass, count) in marks)
        {
            Assert.True(count == Count(root, cssClass), $"{name}: expected {count} elements of class {cssClass}, found {Count(root, cssClass)}.");
        }

        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "link" or "iframe");
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void PlainText_EachResult_IsReadableLinesOfText(string name)
    {
        var (value, _, _) = Cases[name];

        var text = Formatter.ToDisplayString(value, RetentionMetricsFormatters.PlainTextMimeType);

        var lines = text.TrimEnd().Split('\n');
        Assert.NotEmpty(lines[0].Trim());
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\r');
        Assert.DoesNotContain('<', lines[0]);
        Assert.All(lines, line => Assert.True(line.Length <= 400, $"{name}: a line of {line.Length} characters."));
        // A readable view names the type of result it is, not the .NET type.
        Assert.DoesNotContain("RetentionMetrics.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainText_TransactionModel_IsTheCoreTextViewWithALinePerParameter()
    {
        var model = RenderingData.BgNbd;

        var text = Formatter.ToDisplayString(model, RetentionMetricsFormatters.PlainTextMimeType);

        Assert.Equal(TextViews.ToText((ITransactionModel)model), text);
        foreach (var parameter in model.Parameters.Keys)
        {
            Assert.Single(text.Split('\n'), line => line.StartsWith(parameter + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Html_TransactionModel_IsTheCoreHtmlView()
    {
        var model = RenderingData.BgNbd;

        Assert.Equal(HtmlViews.ToHtml((ITransactionModel)model).Markup, Formatter.ToDisplayString(model, RetentionMetricsFormatters.HtmlMimeType));
    }

    [Fact]
    public void Html_ConcreteListOfHealthScores_UsesTheDistributionView()
    {
        var scores = RenderingData.Health.ToList();

        var root = XElement.Parse(Formatter.ToDisplayString(scores, RetentionMetricsFormatters.HtmlMimeType));

        Assert.Equal("health", root.Attribute("data-view")?.Value);
    }

    [Fact]
    public void PlainText_LogRank_StatesTheTestAndEachGroup()
    {
        var result = LogRankTest.Compare(RenderingData.LifetimeGroups);

        var text = Formatter.ToDisplayString(result, RetentionMetricsFormatters.PlainTextMimeType);

        Assert.StartsWith("Log-rank test: chi-squared ", text, StringComparison.Ordinal);
        Assert.Contains("January", text, StringComparison.Ordinal);
        Assert.Contains("February-March", text, StringComparison.Ordinal);
    }

    private static int Count(XElement root, string cssClass) =>
        root.DescendantsAndSelf().Count(e => (e.Attribute("class")?.Value ?? string.Empty).Split(' ').Contains(cssClass));

    private static readonly Dictionary<string, (object Value, string View, (string Class, int Count)[] Marks)> Cases = BuildCases();

    private static Dictionary<string, (object, string, (string, int)[])> BuildCases()
    {
        var summaries = RenderingData.Summaries;
        var rfm = RenderingData.Rfm;
        var cohorts = RenderingData.Cohorts;
        var observable = 0;
        for (var row = 0; row < cohorts.Cohorts.Count; row++)
        {
            for (var column = 0; column < cohorts.Columns.Count; column++)
            {
                observable += cohorts.IsObservable(row, column) ? 1 : 0;
            }
        }

        var clusters = RenderingData.Clusters;
        var selection = KMeans.ChooseNumberOfClusters(RenderingData.Features.Scaled, 2, 4, new KMeansOptions { Seed = 3, Restarts = 2 });
        var curve = RenderingData.Curves[0].Value;
        var groups = RenderingData.LifetimeGroups;
        var data = LifetimeTestData.Cdnow;
        var gammaGamma = GammaGammaModel.Fit(data);
        var health = RenderingData.Health;
        var customerHealth = summaries.Take(50).Select((s, i) => new CustomerHealthScore<string>(s.CustomerId, health[i])).ToList();
        var nps = new NetPromoterScoreAccumulator();
        var csat = new CustomerSatisfactionAccumulator();
        foreach (var answer in new[] { 10, 9, 9, 8, 7, 6, 3, 10, 5, 9 })
        {
            nps.Add(answer);
        }

        foreach (var answer in new[] { 5, 4, 4, 3, 2, 5, 1, 4 })
        {
            csat.Add(answer);
        }

        return new()
        {
            ["chart fragment"] = (SvgCharts.CohortHeatmap(cohorts), "cohort-heatmap", [("rm-cell", observable)]),
            ["cohort table"] = (cohorts, "cohort-table", [("rm-chart", 1), ("rm-cell", observable), ("rm-unobserved", (cohorts.Cohorts.Count * cohorts.Columns.Count) - observable)]),
            ["customer summaries"] = (summaries, "customer-summaries", []),
            ["customer summary"] = (summaries[0], "customer-summary", []),
            ["rfm table"] = (rfm, "rfm", [("rm-cell", rfm.Bins * rfm.Bins)]),
            ["rfm segments"] = (rfm.Segments, "rfm-segments", [("rm-row", rfm.Segments.Count)]),
            ["rfm customer"] = (rfm[0], "rfm-customer", []),
            ["rfm features"] = (RenderingData.Features, "rfm-features", [("rm-row", 20)]),
            ["health score"] = (health[0], "health-score", [("rm-row", health[0].Contributions.Count)]),
            ["health scores"] = (health, "health", [("rm-chart", 1)]),
            ["customer health score"] = (customerHealth[0], "health-score", [("rm-row", health[0].Contributions.Count)]),
            ["customer health scores"] = (customerHealth, "health", [("rm-chart", 1)]),
            ["k-means model"] = (clusters, "kmeans-model", [("rm-row", clusters.NumberOfClusters)]),
            ["k-means selection"] = (selection, "kmeans-selection", [("rm-row", 3)]),
            ["survival curve"] = (curve, "survival", [("rm-curve", 1), ("rm-band", 1)]),
            ["log-rank test"] = (LogRankTest.Compare(groups), "log-rank", [("rm-row", groups.Count)]),
            ["bg/nbd"] = (RenderingData.BgNbd, "model-fit", []),
            ["mbg/nbd"] = (ModifiedBetaGeometricNbdModel.Fit(data), "model-fit", []),
            ["pareto/nbd"] = (ParetoNbdModel.Fit(data), "model-fit", []),
            ["bg/bb"] = (new BetaGeometricBetaBinomialModel(1.2, 0.75, 0.66, 2.78), "model-fit", []),
            ["sbg"] = (ShiftedBetaGeometricModel.Fit(RenderingData.RegularSurvival), "model-fit", []),
            ["gamma-gamma"] = (gammaGamma, "model-fit", []),
            ["holdout"] = (RenderingData.Holdout, "holdout", [("rm-chart", 1)]),
            ["churn"] = (RenderingData.Churn, "churn", [("rm-chart", 1)]),
            ["mrr"] = (RenderingData.Mrr, "mrr", [("rm-chart", 1)]),
            ["nps"] = (nps.ToScore(), "nps", []),
            ["csat"] = (csat.ToScore(), "csat", []),
        };
    }
}
