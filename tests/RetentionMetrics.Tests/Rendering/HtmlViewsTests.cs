using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Churn;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rendering;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;
using RetentionMetrics.Tests.Lifetime;

namespace RetentionMetrics.Tests.Rendering;

public class HtmlViewsTests
{
    [Fact]
    public void ToHtml_CohortTable_IsAViewHoldingTheHeatmap()
    {
        var view = Parse(HtmlViews.ToHtml(RenderingData.Cohorts), "cohort-table");

        Markup.Chart(view, "cohort-heatmap");
        Assert.Equal("h3", view.Elements().First().Name.LocalName);
    }

    [Fact]
    public void ToHtml_RfmTable_GridBarsAndOneTableRowPerSegment()
    {
        var table = RenderingData.Rfm;
        var view = Parse(HtmlViews.ToHtml(table), "rfm");

        Markup.Chart(view, "rfm-grid");
        Assert.Equal(table.Segments.Count, Markup.Count(Markup.Chart(view, "rfm-segments"), "rm-bar"));
        var rows = Markup.TableRows(view, "rfm-segments").ToArray();
        Assert.Equal(table.Segments.Count, rows.Length);
        Assert.Equal(table.Segments.Select(s => s.Segment), rows.Select(r => r.Elements().First().Value));
    }

    [Fact]
    public void ToHtml_SegmentSummaryWithHostileName_EscapesIt()
    {
        var name = "<b onclick=\"x()\">Champions & co</b>" + new string('z', 3_000);
        var view = Parse(HtmlViews.ToHtml([new RfmSegmentSummary(name, 3, 10m, 1, 2, 3, 1, 1)]), "rfm-segments");

        var cell = Markup.TableRows(view, "rfm-segments").Single().Elements().First();
        Assert.Equal(name, cell.Value);
        Assert.DoesNotContain(view.Descendants(), e => e.Name.LocalName == "b");
    }

    [Fact]
    public void HealthDistribution_Cdnow_ChartAndOneRowPerBand()
    {
        var view = Parse(HtmlViews.HealthDistribution(RenderingData.Health, HealthBands.Default), "health");

        Assert.Equal(3, Markup.Count(Markup.Chart(view, "health-distribution"), "rm-band"));
        var rows = Markup.TableRows(view, "health-bands").ToArray();
        Assert.Equal([HealthBands.Endangered, HealthBands.AtRisk, HealthBands.Healthy], rows.Select(r => r.Elements().First().Value));
    }

    [Fact]
    public void Clusters_CdnowRfmFeatures_ScatterAndOneRowPerCluster()
    {
        var model = RenderingData.Clusters;
        var view = Parse(HtmlViews.Clusters(RenderingData.Features, model, 1, 2, new ChartOptions { MaximumPoints = 1000 }), "clusters");

        var svg = Markup.Chart(view, "cluster-scatter");
        Assert.Equal(1000, Markup.Count(svg, "rm-point"));
        Assert.Equal(model.NumberOfClusters, Markup.Count(svg, "rm-centroid"));
        var rows = Markup.TableRows(view, "clusters").ToArray();
        Assert.Equal(model.NumberOfClusters, rows.Length);
        Assert.Equal(model.ClusterSizes.Select(s => s.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r.Elements().ElementAt(1).Value));
    }

    [Fact]
    public void Clusters_FeatureMatrix_UsesTheGivenNames()
    {
        var view = Parse(HtmlViews.Clusters(RenderingData.Features.Scaled, RenderingData.Clusters, 0, 1, ["rec", "freq", "mon"]), "clusters");

        var headers = view.Descendants().Where(e => e.Name.LocalName == "th").Select(e => e.Value).ToArray();
        Assert.Contains("freq", headers);
        Assert.Contains(view.Descendants(), e => e.Name.LocalName == "text" && e.Value == "freq");
    }

    [Fact]
    public void ToHtml_KMeansSelection_OnePointAndOneRowPerKWithTheChoices()
    {
        var selection = RenderingData.Selection;
        var view = Parse(HtmlViews.ToHtml(selection), "cluster-selection");

        var svg = Markup.Chart(view, "cluster-selection");
        Assert.Equal(selection.Candidates.Select(c => c.Inertia), Markup.WithClass(svg, "rm-point").Select(p => Markup.Number(p, "data-value")));
        Assert.Equal(selection.ByElbow, (int)Markup.Number(svg, "data-elbow"));
        Assert.Equal(selection.BySilhouette, (int)Markup.Number(svg, "data-silhouette"));
        var rows = Markup.TableRows(view, "cluster-selection").ToArray();
        Assert.Equal(selection.Candidates.Count, rows.Length);
        Assert.Contains("elbow", rows.Single(r => r.Elements().First().Value == selection.ByElbow.ToString(System.Globalization.CultureInfo.InvariantCulture)).Elements().Last().Value, StringComparison.Ordinal);
        Assert.Equal(selection.Candidates.Count + 4, TextViews.ToText(selection).Split('\n').Length);
    }

    [Fact]
    public void SurvivalCurves_WithLogRank_ChartGroupRowsAndTheTest()
    {
        var curves = RenderingData.Curves;
        var test = LogRankTest.Compare(RenderingData.LifetimeGroups);
        var view = Parse(HtmlViews.SurvivalCurves(curves, test), "survival");

        Assert.Equal(curves.Count, Markup.Count(Markup.Chart(view, "survival-curves"), "rm-curve"));
        Assert.Equal(curves.Count, Markup.TableRows(view, "survival-groups").Count());
        Assert.Contains(view.Elements(), e => e.Name.LocalName == "p" && e.Value.StartsWith("Log-rank test", StringComparison.Ordinal));
    }

    [Fact]
    public void ToHtml_KaplanMeierCurve_LifeTableOfAtMostTheRowLimit()
    {
        var curve = RenderingData.Curves[0].Value;
        var view = Parse(HtmlViews.ToHtml(curve, new ChartOptions { MaximumRows = 10 }), "survival");

        var rows = Markup.TableRows(view, "survival-steps").Count();
        Assert.InRange(rows, Math.Min(curve.Steps.Count, 5), 10);
        var firstTime = Markup.TableRows(view, "survival-steps").First().Elements().First().Value;
        Assert.Equal(curve.Steps[0].Time, double.Parse(firstTime, System.Globalization.CultureInfo.InvariantCulture), 2);
    }

    [Fact]
    public void ToHtml_BgNbdFit_ParametersWithPublishedValuesAndStandardErrors()
    {
        // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 on the CDNOW calibration data.
        var view = Parse(HtmlViews.ToHtml((ITransactionModel)RenderingData.BgNbd), "model-fit");

        var rows = Markup.TableRows(view, "parameters").ToDictionary(r => r.Elements().First().Value, r => r.Elements().Skip(1).Select(c => c.Value).ToArray());
        Assert.Equal(["r", "alpha", "a", "b"], rows.Keys);
        Assert.Equal(0.243, double.Parse(rows["r"][0], System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Equal(4.414, double.Parse(rows["alpha"][0], System.Globalization.CultureInfo.InvariantCulture), 2);
        Assert.All(rows.Values, v => Assert.NotEqual("–", v[1]));
        Assert.Equal(6, Markup.TableRows(view, "diagnostics").Count());
    }

    [Fact]
    public void ModelFit_GivenParametersWithoutDiagnostics_ShowsDashesForStandardErrors()
    {
        var view = Parse(HtmlViews.ToHtml(new GammaGammaModel(6.25, 3.74, 15.44)), "model-fit");

        Assert.All(Markup.TableRows(view, "parameters"), r => Assert.Equal("–", r.Elements().ElementAt(2).Value));
        Assert.Empty(Markup.TableRows(view, "diagnostics"));
    }

    [Fact]
    public void ToHtml_HoldoutComparison_ChartAndOneRowPerGroup()
    {
        var comparison = RenderingData.Holdout;
        var view = Parse(HtmlViews.ToHtml(comparison), "holdout");

        Assert.Equal(2 * comparison.ByFrequency.Count, Markup.Count(Markup.Chart(view, "holdout-comparison"), "rm-point"));
        Assert.Equal(comparison.ByFrequency.Count, Markup.TableRows(view, "holdout-groups").Count());
    }

    [Fact]
    public void SurvivalFit_RegularContracts_ChartParametersAndOneRowPerPeriod()
    {
        var alive = RenderingData.RegularSurvival;
        var view = Parse(HtmlViews.SurvivalFit(ShiftedBetaGeometricModel.Fit(alive), alive, 10), "survival-fit");

        Assert.Equal(alive.Length, Markup.Count(Markup.Chart(view, "survival-fit"), "rm-point"));
        Assert.Equal(11, Markup.TableRows(view, "survival-fit").Count());
        Assert.Equal(["alpha", "beta"], Markup.TableRows(view, "parameters").Select(r => r.Elements().First().Value));
    }

    [Fact]
    public void ToHtml_CustomerSummaries_FirstRowsInOrderAndTheSpendHistogram()
    {
        var summaries = RenderingData.Summaries;
        var view = Parse(HtmlViews.ToHtml(summaries, new ChartOptions { MaximumRows = 7 }), "customer-summaries");

        var rows = Markup.TableRows(view, "customer-summaries").ToArray();
        Assert.Equal(summaries.Take(7).Select(s => s.CustomerId), rows.Select(r => r.Elements().First().Value));
        var bars = Markup.WithClass(Markup.Chart(view, "histogram"), "rm-bar");
        Assert.Equal(summaries.Count, bars.Sum(b => (int)Markup.Number(b, "data-count")));
    }

    [Fact]
    public void ToHtml_ChurnMrrAndScores_OneRowPerPeriodOrMeasure()
    {
        var churn = Parse(HtmlViews.ToHtml(RenderingData.Churn), "churn");
        var mrr = Parse(HtmlViews.ToHtml(RenderingData.Mrr), "mrr");
        var nps = Parse(HtmlViews.ToHtml(new NetPromoterScore(10, 5, 3, 2, 30, null)), "nps");
        var csat = Parse(HtmlViews.ToHtml(new CustomerSatisfaction(4, 3, 0.75, null)), "csat");

        Assert.Equal(RenderingData.Churn.Rows.Count, Markup.TableRows(churn, "churn").Count());
        Assert.Equal(RenderingData.Mrr.Rows.Count, Markup.TableRows(mrr, "mrr").Count());
        Markup.Chart(churn, "churn-rates");
        Markup.Chart(mrr, "mrr-movements");
        Assert.Equal(6, Markup.TableRows(nps, "nps").Count());
        Assert.Equal(4, Markup.TableRows(csat, "csat").Count());
    }

    [Fact]
    public void LifetimeValues_Cdnow_HistogramAndTopCustomersLargestFirst()
    {
        var (customers, values) = RenderingData.LifetimeValues;
        var view = Parse(HtmlViews.LifetimeValues(customers, values, new ChartOptions { MaximumRows = 5 }), "lifetime-value");

        var expected = customers.Zip(values).OrderByDescending(p => p.Second).Take(5).Select(p => p.First);
        var rows = Markup.TableRows(view, "top-customers").ToArray();
        Assert.Equal(expected, rows.Select(r => r.Elements().ElementAt(1).Value));
        Assert.Equal(["1", "2", "3", "4", "5"], rows.Select(r => r.Elements().First().Value));
        Markup.Chart(view, "histogram");
    }

    [Fact]
    public void TopCustomers_TiedValues_BreakTiesByCustomer()
    {
        var view = Parse(HtmlViews.TopCustomers(["b", "a", "c"], [5, 5, 9], "value"), "top-customers");

        Assert.Equal(["c", "a", "b"], Markup.TableRows(view, "top-customers").Select(r => r.Elements().ElementAt(1).Value));
    }

    [Fact]
    public void TopCustomers_CountsDiffer_ThrowsWithTheMessage()
    {
        var exception = Assert.Throws<ArgumentException>(() => HtmlViews.TopCustomers(["a"], [1, 2], "value"));
        Assert.Equal("values", exception.ParamName);
        Assert.StartsWith(RenderingErrorMessages.CustomerValueCountMismatch, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_RowOfAnotherWidth_ThrowsWithTheMessage()
    {
        var exception = Assert.Throws<ArgumentException>(() => HtmlViews.Table("t", ["a", "b"], [["1"]]));
        Assert.Equal("rows", exception.ParamName);
        Assert.StartsWith(RenderingErrorMessages.RowWidthMismatch, exception.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property Table_GeneratedCells_WellFormedWithEveryCellRoundTripping() =>
        Prop.ForAll(Arb.From(Gen.Elements("<", ">", "&", "\"", "'", "a", "é", "😀", "\u0007", " ", "]]>", "--").ArrayOf().Select(a => string.Concat(a)).ArrayOf(3).ArrayOf()), rows =>
        {
            var table = Markup.Parse(HtmlViews.Table("t", ["x", "y", "z"], rows));
            Markup.AssertSafe(table);
            var parsed = Markup.TableRows(table, "t").Select(r => r.Elements().Select(c => c.Value).ToArray()).ToArray();
            return parsed.Length == rows.Length
                && parsed.Zip(rows).All(p => p.First.SequenceEqual(p.Second.Select(SvgChartsTests.Sanitised)));
        });

    [Fact]
    public void EveryView_CdnowResults_ParsesWithoutScriptOrNonFiniteNumbers()
    {
        var (customers, values) = RenderingData.LifetimeValues;
        var alive = RenderingData.RegularSurvival;
        HtmlFragment[] views =
        [
            HtmlViews.ToHtml(RenderingData.Cohorts), HtmlViews.ToHtml(RenderingData.Rfm), HtmlViews.ToHtml(RenderingData.Rfm.Segments),
            HtmlViews.HealthDistribution(RenderingData.Health), HtmlViews.Clusters(RenderingData.Features, RenderingData.Clusters, 0, 2),
            HtmlViews.SurvivalCurves(RenderingData.Curves), HtmlViews.ToHtml(RenderingData.Curves[0].Value),
            HtmlViews.ToHtml((ITransactionModel)RenderingData.BgNbd), HtmlViews.ToHtml(GammaGammaModel.Fit(LifetimeTestData.Cdnow)),
            HtmlViews.ToHtml(BetaGeometricBetaBinomialModel.Fit(LifetimeTestData.Donations)), HtmlViews.ToHtml(ShiftedBetaGeometricModel.Fit(alive)),
            HtmlViews.ToHtml(RenderingData.Holdout), HtmlViews.SurvivalFit(ShiftedBetaGeometricModel.Fit(alive), alive),
            HtmlViews.ToHtml(RenderingData.Summaries), HtmlViews.ToHtml(RenderingData.Churn), HtmlViews.ToHtml(RenderingData.Mrr),
            HtmlViews.ToHtml(new NetPromoterScore(0, 0, 0, 0, null, null)), HtmlViews.LifetimeValues(customers, values),
            HtmlViews.TopCustomers(customers, values, "lifetime value"),
        ];

        foreach (var view in views)
        {
            var root = Markup.Parse(view);
            Assert.Equal("div", root.Name.LocalName);
            Assert.Equal("rm-view", (string?)root.Attribute("class"));
            Markup.AssertSafe(root);
        }
    }

    private static XElement Parse(HtmlFragment fragment, string view)
    {
        var root = Markup.Parse(fragment);
        Assert.Equal(view, (string?)root.Attribute("data-view"));
        Markup.AssertSafe(root);
        return root;
    }
}
