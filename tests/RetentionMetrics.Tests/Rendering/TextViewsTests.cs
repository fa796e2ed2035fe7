using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Churn;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rendering;
using RetentionMetrics.Tests.Lifetime;

namespace RetentionMetrics.Tests.Rendering;

public class TextViewsTests
{
    [Fact]
    public void ToText_CohortTable_TitleThenTheTableText()
    {
        var text = TextViews.ToText(RenderingData.Cohorts);

        Assert.StartsWith("Cohorts: retention by month\n", text, StringComparison.Ordinal);
        Assert.EndsWith(RenderingData.Cohorts.ToText(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToText_RfmTable_GridRowsFromBestRecencyAndOneLinePerSegment()
    {
        var table = RenderingData.Rfm;
        var lines = TextViews.ToText(table).Split('\n');

        Assert.StartsWith("R \\ F", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("R5", lines[3], StringComparison.Ordinal);
        foreach (var segment in table.Segments)
        {
            Assert.Contains(lines, l => l.StartsWith(segment.Segment + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void HealthDistribution_WorkedScores_BarsScaledToTheLargestBin()
    {
        // Scores 10, 45, 45, 100 in 4 bins of 25: [0, 25) 1, [25, 50) 2, [50, 75) 0, [75, 100] 1; the largest bin draws
        // 40 '#', so a bin of 1 draws 20.
        var model = HealthScoreModel.CreateBuilder().Add("v", HealthNormaliser.MinMax(0, 100)).Build();
        var scores = new[] { 10d, 45, 45, 100 }.Select(v => model.Score([v])).ToArray();

        var lines = TextViews.HealthDistribution(scores, HealthBands.Default, new ChartOptions { Bins = 4 }).Split('\n');

        var bars = lines.Where(l => l.Contains(" | ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, bars.Length);
        Assert.Equal([20, 40, 0, 20], bars.Select(b => b.Count(c => c == '#')));
        Assert.EndsWith(" 2", bars[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Clusters_Cdnow_OneLinePerCluster()
    {
        var model = RenderingData.Clusters;
        var text = TextViews.Clusters(model, ["recency", "frequency", "monetary"]);

        // Title, header, rule, k rows, note.
        Assert.Equal(3 + model.NumberOfClusters + 1, text.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void ModelFit_BgNbd_OneLinePerParameterWithItsStandardError()
    {
        var text = TextViews.ToText((ITransactionModel)RenderingData.BgNbd);
        var lines = text.Split('\n');

        Assert.StartsWith("Model fit: bgnbd", lines[0], StringComparison.Ordinal);
        foreach (var name in new[] { "r", "alpha", "a", "b" })
        {
            var line = Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Equal(3, line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        }
    }

    [Fact]
    public void EveryTextView_CdnowResults_HasNoControlCharactersAndEndsWithANewline()
    {
        var (customers, values) = RenderingData.LifetimeValues;
        var alive = RenderingData.RegularSurvival;
        string[] texts =
        [
            TextViews.ToText(RenderingData.Cohorts), TextViews.ToText(RenderingData.Rfm), TextViews.ToText(RenderingData.Rfm.Segments),
            TextViews.HealthDistribution(RenderingData.Health), TextViews.Clusters(RenderingData.Clusters),
            TextViews.SurvivalCurves(RenderingData.Curves, LogRankTest(RenderingData.LifetimeGroups)), TextViews.ToText(RenderingData.Curves[0].Value),
            TextViews.ToText((ITransactionModel)RenderingData.BgNbd), TextViews.ToText(GammaGammaModel.Fit(LifetimeTestData.Cdnow)),
            TextViews.ToText(new BetaGeometricBetaBinomialModel(1.2, 0.75, 0.66, 2.78)), TextViews.ToText(ShiftedBetaGeometricModel.Fit(alive)),
            TextViews.ToText(RenderingData.Holdout), TextViews.SurvivalFit(ShiftedBetaGeometricModel.Fit(alive), alive, 12),
            TextViews.ToText(RenderingData.Summaries), TextViews.ToText(RenderingData.Churn), TextViews.ToText(RenderingData.Mrr),
            TextViews.ToText(new NetPromoterScore(10, 5, 3, 2, 30, null)), TextViews.ToText(new CustomerSatisfaction(0, 0, null, null)),
            TextViews.LifetimeValues(customers, values), TextViews.TopCustomers(customers, values, "value"), TextViews.Histogram(values, "value"),
        ];

        foreach (var text in texts)
        {
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
            Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        }

        static RetentionMetrics.Survival.LogRankResult LogRankTest(IReadOnlyList<RetentionMetrics.Survival.SurvivalGroup> groups) =>
            RetentionMetrics.Survival.LogRankTest.Compare(groups);
    }

    [Property(MaxTest = 100)]
    public Property Table_HostileCells_KeepOneLinePerRowAndAlignedColumns() =>
        Prop.ForAll(Arb.From(Gen.Elements("a", "\n", "\r", "\t", "\u0000", "é", "<&>", "12345678901234567890").ArrayOf().Select(a => string.Concat(a)).ArrayOf(2).ArrayOf()), rows =>
        {
            var lines = TextViews.Table(["left", "right"], rows).Split('\n');
            // The header, a rule and one line per row, then the final newline; no control character survives.
            return lines.Length == rows.Length + 3 && lines[^1].Length == 0 && lines.All(l => !l.Any(char.IsControl));
        });

    [Fact]
    public void Table_LongCell_IsCutToFortyCharacters()
    {
        var text = TextViews.Table(["name"], [[new string('x', 500)]]);

        Assert.Equal(40, text.Split('\n')[2].Length);
        Assert.EndsWith("…", text.Split('\n')[2], StringComparison.Ordinal);
    }
}
