using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rendering;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;
using RetentionMetrics.Tests.Lifetime;
using RetentionMetrics.Tests.Survival;

namespace RetentionMetrics.Tests.Rendering;

public partial class SvgChartsTests
{
    private const string Hostile = "<script>alert('x')</script> & \"quotes\" \u0001\u0000 ]]> <!-- -->";

    [Fact]
    public void CohortHeatmap_Cdnow_OneCellPerObservableCellAndOneGreyCellPerOther()
    {
        var table = RenderingData.Cohorts;
        var observable = 0;
        for (var r = 0; r < table.Cohorts.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                observable += table.IsObservable(r, c) ? 1 : 0;
            }
        }

        var svg = Markup.Parse(SvgCharts.CohortHeatmap(table));

        Assert.Equal("cohort-heatmap", (string?)svg.Attribute("data-chart"));
        Assert.Equal(observable, Markup.Count(svg, "rm-cell"));
        Assert.Equal(table.Cohorts.Count * table.Columns.Count - observable, Markup.Count(svg, "rm-unobserved"));
        Assert.True(Markup.Count(svg, "rm-unobserved") > 0, "CDNOW cohorts acquired after January have cells after the as-of date.");
        Markup.AssertSafe(svg);
    }

    [Fact]
    public void CohortHeatmap_CellValues_MatchTheTable()
    {
        var table = RenderingData.Cohorts;
        var svg = Markup.Parse(SvgCharts.CohortHeatmap(table));

        foreach (var cell in Markup.WithClass(svg, "rm-cell"))
        {
            var r = (int)Markup.Number(cell, "data-row");
            var c = (int)Markup.Number(cell, "data-column");
            Assert.Equal(table[r, c]!.Value, Markup.Number(cell, "data-value"), 5);
        }
    }

    [Fact]
    public void CohortHeatmap_LargerValue_IsAlwaysADarkerCell()
    {
        // One cohort of 100 with active counts 100, 80, 60, 40, 20 and 10: the fill must darken as the value rises.
        var cells = new double?[1, 6] { { 100, 80, 60, 40, 20, 10 } };
        var table = new CohortTable(CohortPeriod.Month, CohortMeasure.ActiveCustomers, new LocalDate(2024, 6, 30),
            [new Cohort(null, new LocalDate(2024, 1, 1), "2024-01", 100)], Enumerable.Range(0, 6).Select(OffsetBracket.Single).ToArray(), cells);

        var svg = Markup.Parse(SvgCharts.CohortHeatmap(table));
        var byValue = Markup.WithClass(svg, "rm-cell")
            .Select(e => (Value: Markup.Number(e, "data-value"), Luminance: Markup.Luminance((string)e.Attribute("fill")!)))
            .OrderBy(p => p.Value).ToArray();

        Assert.Equal(6, byValue.Length);
        for (var i = 1; i < byValue.Length; i++)
        {
            Assert.True(byValue[i].Luminance < byValue[i - 1].Luminance, $"value {byValue[i].Value} is not darker than {byValue[i - 1].Value}");
        }
    }

    [Fact]
    public void CohortHeatmap_HostileGroupAndLabel_AreEscapedAndStillWellFormed()
    {
        var longName = new string('W', 5_000);
        var table = new CohortTable(CohortPeriod.Month, CohortMeasure.Retention, new LocalDate(2024, 3, 31),
            [new Cohort(Hostile, new LocalDate(2024, 1, 1), longName, 10)], [OffsetBracket.Single(0), OffsetBracket.Single(1)],
            new double?[1, 2] { { 1, null } });

        var fragment = SvgCharts.CohortHeatmap(table);
        var svg = Markup.Parse(fragment);

        Assert.DoesNotContain("<script>", fragment.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains(svg.Descendants(), e => e.Value.Contains("<script>alert('x')</script> & \"quotes\"", StringComparison.Ordinal));
        Assert.True(fragment.Markup.Length < 20_000, "a 5,000-character label is shortened in the chart");
        Markup.AssertSafe(svg);
    }

    [Property(MaxTest = 100)]
    public Property CohortHeatmap_GeneratedTables_AreWellFormedWithOneCellPerObservableCell() =>
        Prop.ForAll(Arb.From(GeneratedTables), t =>
        {
            var svg = Markup.Parse(SvgCharts.CohortHeatmap(t.Table));
            Markup.AssertSafe(svg);
            return Markup.Count(svg, "rm-cell") == t.Observable
                && Markup.Count(svg, "rm-unobserved") == t.Table.Cohorts.Count * t.Table.Columns.Count - t.Observable;
        });

    [Fact]
    public void CohortHeatmap_CdnowMonthly_FiftyOneCellsAndThreeGreyCells()
    {
        // Worked by hand: CDNOW customers were acquired in January, February and March 1997; as of 1998-06-30 the
        // January cohort is seen at offsets 0–17 (18 cells), February at 0–16 (17) and March at 0–15 (16): 51 cells
        // of 3 × 18, and 3 not observable yet (February at 17, March at 16 and 17).
        var svg = Markup.Parse(SvgCharts.CohortHeatmap(RenderingData.Cohorts));

        Assert.Equal(51, Markup.Count(svg, "rm-cell"));
        Assert.Equal(3, Markup.Count(svg, "rm-unobserved"));
        Assert.Equal(["1", "2", "2"], Markup.WithClass(svg, "rm-unobserved").Select(e => (string?)e.Attribute("data-row")));
    }

    [Property(MaxTest = 100)]
    public Property CohortHeatmap_GeneratedTables_NeverGiveALargerValueALighterColour() =>
        Prop.ForAll(Arb.From(GeneratedTables), t =>
        {
            var cells = Markup.WithClass(Markup.Parse(SvgCharts.CohortHeatmap(t.Table)), "rm-cell")
                .Select(e => (Value: Markup.Number(e, "data-value"), Luminance: Markup.Luminance((string)e.Attribute("fill")!)))
                .OrderBy(p => p.Value).ToArray();
            return cells.Zip(cells.Skip(1)).All(p => p.Second.Value == p.First.Value || p.Second.Luminance <= p.First.Luminance);
        });

    [Fact]
    public void RfmGrid_Cdnow_HasBinsSquaredCellsWhoseCountsMatchTheTable()
    {
        var table = RenderingData.Rfm;
        var svg = Markup.Parse(SvgCharts.RfmGrid(table));
        var cells = Markup.WithClass(svg, "rm-cell").ToArray();

        Assert.Equal(table.Bins * table.Bins, cells.Length);
        Assert.Equal(table.Count, cells.Sum(c => (int)Markup.Number(c, "data-count")));
        foreach (var cell in cells)
        {
            var r = (int)Markup.Number(cell, "data-recency");
            var f = (int)Markup.Number(cell, "data-frequency");
            var members = table.Where(c => c.Score.Recency == r && c.Score.Frequency == f).ToArray();
            Assert.Equal(members.Length, (int)Markup.Number(cell, "data-count"));
            Assert.Equal(members.Length == 0 ? 0 : (double)members.Average(m => m.Monetary), Markup.Number(cell, "data-mean-monetary"), 3);
        }

        Markup.AssertSafe(svg);
    }

    [Fact]
    public void RfmSegments_Cdnow_OneBarPerSegmentInOrder()
    {
        var segments = RenderingData.Rfm.Segments;
        var svg = Markup.Parse(SvgCharts.RfmSegments(segments));
        var bars = Markup.WithClass(svg, "rm-bar").ToArray();

        Assert.Equal(segments.Select(s => s.Segment), bars.Select(b => (string?)b.Attribute("data-segment")));
        Assert.Equal(segments.Select(s => (double)s.Customers), bars.Select(b => Markup.Number(b, "data-customers")));
        // The longest bar belongs to the largest segment.
        var widest = bars.MaxBy(b => Markup.Number(b, "width"))!;
        Assert.Equal(segments.Max(s => s.Customers), (int)Markup.Number(widest, "data-customers"));
    }

    [Fact]
    public void HealthDistribution_WorkedScores_CountsPerBinAndBand()
    {
        // A one-component model with min–max over 0..100 scores a value v as v itself: scores 10, 45, 45, 100.
        // 20 bins of 5 points: 10 → bin 2, 45 → bin 9 (twice), 100 → bin 19 (the last bin holds 100).
        // Default bands: Endangered [0, 40) 1, At-Risk [40, 70) 2, Healthy [70, 100] 1.
        var model = HealthScoreModel.CreateBuilder().Add("v", HealthNormaliser.MinMax(0, 100)).Build();
        var scores = new[] { 10d, 45, 45, 100 }.Select(v => model.Score([v])).ToArray();

        var svg = Markup.Parse(SvgCharts.HealthDistribution(scores, HealthBands.Default));
        var bars = Markup.WithClass(svg, "rm-bar").Select(b => (int)Markup.Number(b, "data-count")).ToArray();
        var bands = Markup.WithClass(svg, "rm-band").ToDictionary(b => (string)b.Attribute("data-band")!, b => (int)Markup.Number(b, "data-count"));

        Assert.Equal(20, bars.Length);
        Assert.Equal(1, bars[2]);
        Assert.Equal(2, bars[9]);
        Assert.Equal(1, bars[19]);
        Assert.Equal(4, bars.Sum());
        Assert.Equal(new Dictionary<string, int> { [HealthBands.Endangered] = 1, [HealthBands.AtRisk] = 2, [HealthBands.Healthy] = 1 }, bands);
    }

    [Fact]
    public void HealthDistribution_Cdnow_BarsAndBandsAddUpToTheCustomers()
    {
        var scores = RenderingData.Health;
        var svg = Markup.Parse(SvgCharts.HealthDistribution(scores, options: new ChartOptions { Bins = 10 }));

        Assert.Equal(10, Markup.Count(svg, "rm-bar"));
        Assert.Equal(scores.Count, Markup.WithClass(svg, "rm-bar").Sum(b => (int)Markup.Number(b, "data-count")));
        var bands = Markup.WithClass(svg, "rm-band").ToArray();
        Assert.Equal(scores.Select(s => s.Band.Name).Distinct().Count(), bands.Length);
        foreach (var band in bands)
        {
            Assert.Equal(scores.Count(s => s.Band.Name == (string)band.Attribute("data-band")!), (int)Markup.Number(band, "data-count"));
        }

        Markup.AssertSafe(svg);
    }

    [Fact]
    public void ClusterScatter_CdnowBelowTheLimit_DrawsEveryCustomerAndEachCentroid()
    {
        var features = RenderingData.Features;
        var model = RenderingData.Clusters;

        var svg = Markup.Parse(SvgCharts.ClusterScatter(features, model, 1, 2, new ChartOptions { MaximumPoints = 10_000 }));

        Assert.Equal(features.Raw.Rows, Markup.Count(svg, "rm-point"));
        Assert.Equal(model.NumberOfClusters, Markup.Count(svg, "rm-centroid"));
        for (var c = 0; c < model.NumberOfClusters; c++)
        {
            Assert.Equal(model.ClusterSizes[c], Markup.WithClass(svg, "rm-point").Count(p => (int)Markup.Number(p, "data-cluster") == c));
        }

        Markup.AssertSafe(svg);
    }

    [Fact]
    public void ClusterScatter_CdnowAboveTheLimit_KeepsExactlyTheLimitInProportionToClusterSizes()
    {
        var features = RenderingData.Features;
        var model = RenderingData.Clusters;

        var svg = Markup.Parse(SvgCharts.ClusterScatter(features.Scaled, model, 0, 2, ["r", "f", "m"], new ChartOptions { MaximumPoints = 500 }));
        var points = Markup.WithClass(svg, "rm-point").ToArray();

        Assert.Equal(500, points.Length);
        Assert.Equal("500", (string?)svg.Attribute("data-points"));
        Assert.Equal(features.Raw.Rows.ToString(CultureInfo.InvariantCulture), (string?)svg.Attribute("data-total"));
        for (var c = 0; c < model.NumberOfClusters; c++)
        {
            var exact = 500d * model.ClusterSizes[c] / features.Raw.Rows;
            var drawn = points.Count(p => (int)Markup.Number(p, "data-cluster") == c);
            Assert.True(Math.Abs(drawn - exact) < 1, $"cluster {c}: {drawn} drawn, {exact} expected");
        }
    }

    [Fact]
    public void ClusterScatter_SameInput_GivesTheSameMarkup() =>
        Assert.Equal(
            SvgCharts.ClusterScatter(RenderingData.Features.Scaled, RenderingData.Clusters, 0, 1, options: new ChartOptions { MaximumPoints = 300 }),
            SvgCharts.ClusterScatter(RenderingData.Features.Scaled, RenderingData.Clusters, 0, 1, options: new ChartOptions { MaximumPoints = 300 }));

    [Fact]
    public void ClusterScatter_HundredThousandRows_StaysSmall()
    {
        var rows = 100_000;
        var values = new double[rows * 2];
        var assignments = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            values[2 * i] = i % 1000;
            values[2 * i + 1] = i / 1000;
            assignments[i] = i % 3;
        }

        var centroids = new FeatureMatrix(3, 2, [100, 10, 500, 50, 900, 90]);
        var fragment = SvgCharts.ClusterScatter(new FeatureMatrix(rows, 2, values), assignments, centroids, 0, 1);

        var svg = Markup.Parse(fragment);
        Assert.Equal(ChartOptions.Default.MaximumPoints, Markup.Count(svg, "rm-point"));
        Assert.True(fragment.Markup.Length < 300_000, $"{fragment.Markup.Length} characters");
    }

    [Property(MaxTest = 200)]
    public Property ScatterQuotas_AddUpToTheLimitAndStayWithinOneOfTheProportionalShare() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 5000).ArrayOf()), Arb.From(Gen.Choose(1, 3000)), (sizes, limit) =>
        {
            var quotas = ScatterSampling.Quotas(sizes, limit);
            long total = sizes.Sum(s => (long)s);
            var expected = Math.Min(total, limit);
            return quotas.Sum(q => (long)q) == expected
                && quotas.Select((q, c) => q >= 0 && q <= sizes[c] && Math.Abs(q - (double)sizes[c] * expected / Math.Max(1, total)) < 1).All(ok => ok);
        });

    [Theory]
    [InlineData(-1, 0, "xFeature")]
    [InlineData(0, 3, "yFeature")]
    public void ClusterScatter_FeatureOutsideTheMatrix_ThrowsNamingIt(int x, int y, string parameter)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SvgCharts.ClusterScatter(RenderingData.Features.Scaled, RenderingData.Clusters, x, y));
        Assert.Equal(parameter, exception.ParamName);
        Assert.StartsWith(RenderingErrorMessages.FeatureOutOfRange, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterScatter_AssignmentsOfAnotherSize_ThrowsNamingThem()
    {
        var features = new FeatureMatrix(2, 1, [1, 2]);
        var exception = Assert.Throws<ArgumentException>(() => SvgCharts.ClusterScatter(features, [0], new FeatureMatrix(1, 1, [1]), 0, 0));
        Assert.Equal("assignments", exception.ParamName);
        Assert.StartsWith(RenderingErrorMessages.AssignmentCountMismatch, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterScatter_AssignmentWithoutCentroid_ThrowsNamingIt()
    {
        var features = new FeatureMatrix(2, 1, [1, 2]);
        var exception = Assert.Throws<ArgumentException>(() => SvgCharts.ClusterScatter(features, [0, 1], new FeatureMatrix(1, 1, [1]), 0, 0));
        Assert.Equal("assignments", exception.ParamName);
        Assert.StartsWith(RenderingErrorMessages.AssignmentOutOfRange, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SurvivalCurves_Freireich_OneCurveAndOneBandPerGroupFallingStepwise()
    {
        var curves = new[]
        {
            new KeyValuePair<string, KaplanMeierCurve>("6-MP", KaplanMeierCurve.Fit(Freireich.MercaptopurineGroup)),
            new KeyValuePair<string, KaplanMeierCurve>("placebo", KaplanMeierCurve.Fit(Freireich.PlaceboGroup)),
        };

        var svg = Markup.Parse(SvgCharts.SurvivalCurves(curves));

        Assert.Equal(2, Markup.Count(svg, "rm-curve"));
        Assert.Equal(2, Markup.Count(svg, "rm-band"));
        Assert.Equal(["6-MP", "placebo"], Markup.WithClass(svg, "rm-curve").Select(c => (string?)c.Attribute("data-group")));
        foreach (var curve in Markup.WithClass(svg, "rm-curve"))
        {
            // In SVG y grows downward: a survival curve never rises, so its vertical coordinates never decrease.
            var ys = Regex.Matches((string)curve.Attribute("d")!, @"V(-?[0-9.]+)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
            Assert.NotEmpty(ys);
            Assert.True(ys.Zip(ys.Skip(1)).All(p => p.Second >= p.First));
        }

        Markup.AssertSafe(svg);
    }

    [Fact]
    public void SurvivalCurves_CdnowGroups_OneGroupElementPerGroup()
    {
        var curves = RenderingData.Curves;
        var svg = Markup.Parse(SvgCharts.SurvivalCurves(curves));

        Assert.Equal(curves.Count, Markup.Count(svg, "rm-group"));
        Assert.Equal(curves.Count, Markup.Count(svg, "rm-curve"));
        Assert.Equal(curves.Count, Markup.Count(svg, "rm-band"));
        Markup.AssertSafe(svg);
    }

    [Fact]
    public void SurvivalCurves_NoCurves_ThrowsNamingThem()
    {
        var exception = Assert.Throws<ArgumentException>(() => SvgCharts.SurvivalCurves([]));
        Assert.Equal("curves", exception.ParamName);
    }

    [Fact]
    public void HoldoutComparison_Cdnow_TwoPointsPerFrequencyGroupWithTheGroupMeans()
    {
        var comparison = RenderingData.Holdout;
        var svg = Markup.Parse(SvgCharts.HoldoutComparison(comparison));
        var points = Markup.WithClass(svg, "rm-point").ToArray();

        Assert.Equal(2 * comparison.ByFrequency.Count, points.Length);
        Assert.Equal(2, Markup.Count(svg, "rm-curve"));
        var actual = points.Where(p => (string?)p.Attribute("data-series") == "actual").Select(p => Markup.Number(p, "data-value")).ToArray();
        var predicted = points.Where(p => (string?)p.Attribute("data-series") == "predicted").Select(p => Markup.Number(p, "data-value")).ToArray();
        Assert.Equal(comparison.ByFrequency.Select(g => g.MeanActual), actual, (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(comparison.ByFrequency.Select(g => g.MeanPredicted), predicted, (a, b) => Math.Abs(a - b) < 1e-4);
        Markup.AssertSafe(svg);
    }

    [Fact]
    public void SurvivalFit_RegularContracts_OnePointPerObservedYearAndAFittedCurve()
    {
        // Fader & Hardie (2007) "regular" customers, years 0–7; the fitted curve is projected to year 12.
        var alive = RenderingData.RegularSurvival;
        var model = ShiftedBetaGeometricModel.Fit(alive);

        var svg = Markup.Parse(SvgCharts.SurvivalFit(model, alive, periods: 12));
        var points = Markup.WithClass(svg, "rm-point").ToArray();

        Assert.Equal(alive.Length, points.Length);
        Assert.All(points, p => Assert.Equal("observed", (string?)p.Attribute("data-series")));
        Assert.Equal(631d / 1000, Markup.Number(points[1], "data-value"), 6);
        Assert.Equal(2, Markup.Count(svg, "rm-curve"));
        Assert.Equal("13", (string?)svg.Attribute("data-categories"));
    }

    [Fact]
    public void SurvivalFit_NoCounts_ThrowsWithTheMessage()
    {
        var exception = Assert.Throws<ArgumentException>(() => SvgCharts.SurvivalFit(new ShiftedBetaGeometricModel(1, 1), []));
        Assert.Equal("aliveAtPeriodStart", exception.ParamName);
        Assert.StartsWith(RenderingErrorMessages.SurvivalCountsNotValid, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_OneToTen_TwoValuesPerBarInFiveBars()
    {
        // 1..10 over [1, 10] in 5 bars of width 1.8: [1, 2.8) {1, 2}, [2.8, 4.6) {3, 4}, … [8.2, 10] {9, 10}.
        var values = Enumerable.Range(1, 10).Select(v => (double)v).ToArray();

        var svg = Markup.Parse(SvgCharts.Histogram(values, "value", new ChartOptions { Bins = 5, HistogramUpperQuantile = 1 }));

        Assert.Equal([2, 2, 2, 2, 2], Markup.WithClass(svg, "rm-bar").Select(b => (int)Markup.Number(b, "data-count")));
        Assert.DoesNotContain(Markup.WithClass(svg, "rm-bar"), b => b.Attribute("data-open") is not null);
    }

    [Fact]
    public void Histogram_LongTail_CountsTheTailInAnOpenLastBar()
    {
        // 99 values 1..99 and one of 10,000: the 0.99 quantile (nearest rank 99) is 99, so 10,000 falls in the last bar.
        var values = Enumerable.Range(1, 99).Select(v => (double)v).Append(10_000).ToArray();

        var svg = Markup.Parse(SvgCharts.Histogram(values, "spend", new ChartOptions { Bins = 10 }));
        var bars = Markup.WithClass(svg, "rm-bar").ToArray();

        Assert.Equal(10, bars.Length);
        Assert.Equal("true", (string?)bars[^1].Attribute("data-open"));
        Assert.Equal(99, Markup.Number(bars[^1], "data-to"), 9);
        Assert.Equal(100, bars.Sum(b => (int)Markup.Number(b, "data-count")));
    }

    [Fact]
    public void Histogram_CdnowLifetimeValues_BarsAddUpToTheCustomers()
    {
        var (_, values) = RenderingData.LifetimeValues;
        var svg = Markup.Parse(SvgCharts.Histogram(values, "lifetime value"));

        Assert.Equal(ChartOptions.Default.Bins, Markup.Count(svg, "rm-bar"));
        Assert.Equal(values.Length, Markup.WithClass(svg, "rm-bar").Sum(b => (int)Markup.Number(b, "data-count")));
        Markup.AssertSafe(svg);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Histogram_ValueNotFinite_ThrowsWithTheMessage(double bad)
    {
        var exception = Assert.Throws<ArgumentException>(() => SvgCharts.Histogram([1, bad], "x"));
        Assert.Equal("values", exception.ParamName);
        Assert.StartsWith(RenderingErrorMessages.ValueNotFinite, exception.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property Histogram_GeneratedValues_ExactlyBinsBarsCountingEveryValue() =>
        Prop.ForAll(Arb.From(Gen.Choose(-1_000_000, 1_000_000).Select(v => v / 7d).ArrayOf()), Arb.From(Gen.Choose(1, 40)), (values, bins) =>
        {
            var svg = Markup.Parse(SvgCharts.Histogram(values, "v", new ChartOptions { Bins = bins }));
            Markup.AssertSafe(svg);
            var bars = Markup.WithClass(svg, "rm-bar").ToArray();
            return bars.Length == bins && bars.Sum(b => (int)Markup.Number(b, "data-count")) == values.Length;
        });

    [Fact]
    public void ChurnRates_Cdnow_OnePointPerDefinedRate()
    {
        var table = RenderingData.Churn;
        var svg = Markup.Parse(SvgCharts.ChurnRates(table));

        var points = Markup.WithClass(svg, "rm-point").ToArray();
        Assert.Equal(table.Rows.Count(r => r.ChurnRate is not null), points.Count(p => (string?)p.Attribute("data-series") == "churn"));
        Assert.Equal(table.Rows.Count(r => r.RepeatPurchaseRate is not null), points.Count(p => (string?)p.Attribute("data-series") == "repeat"));
        foreach (var point in points.Where(p => (string?)p.Attribute("data-series") == "churn"))
        {
            var row = table.Rows.Single(r => r.Label == (string?)point.Attribute("data-period"));
            Assert.Equal(row.ChurnRate!.Value, Markup.Number(point, "data-value"), 5);
        }

        Markup.AssertSafe(svg);
    }

    [Fact]
    public void MrrMovements_Cdnow_FiveBarsPerPeriodSummingToTheMovements()
    {
        var table = RenderingData.Mrr;
        var svg = Markup.Parse(SvgCharts.MrrMovements(table));
        var bars = Markup.WithClass(svg, "rm-bar").ToArray();

        Assert.Equal(5 * table.Rows.Count, bars.Length);
        double Sum(string series) => bars.Where(b => (string?)b.Attribute("data-series") == series).Sum(b => Markup.Number(b, "data-value"));
        Assert.Equal((double)table.Rows.Sum(r => r.NewMrr), Sum("new"), 2);
        Assert.Equal(-(double)table.Rows.Sum(r => r.ChurnedMrr), Sum("churned"), 2);
        Assert.Equal(-(double)table.Rows.Sum(r => r.ContractionMrr), Sum("contraction"), 2);
        Markup.AssertSafe(svg);
    }

    [Fact]
    public void NetPromoterScore_WorkedExample_BarsInProportionAndTheScorePoint()
    {
        // 5 promoters, 3 passives, 2 detractors of 10: NPS = 50% − 20% = 30.
        var score = new NetPromoterScore(10, 5, 3, 2, 30, new ConfidenceInterval(-10, 70, 0.95));

        var svg = Markup.Parse(SvgCharts.NetPromoterScore(score));
        var widths = Markup.WithClass(svg, "rm-bar").ToDictionary(b => (string)b.Attribute("data-series")!, b => Markup.Number(b, "width"));

        Assert.Equal(3, widths.Count);
        Assert.Equal(2.5, widths["promoters"] / widths["detractors"], 2);
        Assert.Equal(1.5, widths["passives"] / widths["detractors"], 2);
        Assert.Equal(30, Markup.Number(Assert.Single(Markup.WithClass(svg, "rm-point")), "data-value"));
        Assert.Single(Markup.WithClass(svg, "rm-band"));
    }

    [Fact]
    public void NetPromoterScore_NoResponses_DrawsNoMarks()
    {
        var svg = Markup.Parse(SvgCharts.NetPromoterScore(new NetPromoterScore(0, 0, 0, 0, null, null)));

        Assert.Equal(0, Markup.Count(svg, "rm-bar") + Markup.Count(svg, "rm-point") + Markup.Count(svg, "rm-band"));
    }

    [Theory]
    [InlineData(199, 320, RenderingErrorMessages.WidthOutOfRange)]
    [InlineData(640, 100, RenderingErrorMessages.HeightOutOfRange)]
    public void AnyChart_OptionOutOfRange_ThrowsNamingTheOptions(int width, int height, string message)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SvgCharts.CohortHeatmap(RenderingData.Cohorts, new ChartOptions { Width = width, Height = height }));
        Assert.Equal("options", exception.ParamName);
        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public bool Title_AnyString_IsEscapedIntoWellFormedMarkup(NonNull<string> title)
    {
        var svg = Markup.Parse(SvgCharts.Histogram([1, 2, 3], title.Get, new ChartOptions { Title = title.Get }));
        Markup.AssertSafe(svg);
        var first = svg.Elements().First();
        return first.Name.LocalName == "title" && first.Value == Sanitised(title.Get);
    }

    /// <summary>What XML can carry of a string: characters it cannot hold (controls, lone surrogates) become U+FFFD.</summary>
    internal static string Sanitised(string text)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append((c < ' ' && c is not '\t' and not '\n' and not '\r') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    private static readonly Gen<(CohortTable Table, int Observable)> GeneratedTables =
        from rows in Gen.Choose(0, 8)
        from columns in Gen.Choose(1, 8)
        from values in Gen.Choose(-1, 1000).ArrayOf(rows * columns)
        from measure in Gen.Elements(CohortMeasure.ActiveCustomers, CohortMeasure.Retention, CohortMeasure.Revenue)
        select Build(rows, columns, values, measure);

    private static (CohortTable, int) Build(int rows, int columns, int[] values, CohortMeasure measure)
    {
        // -1 marks an unobservable cell; retention values are scaled into [0, 1].
        var cells = new double?[rows, columns];
        var observable = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var v = values[r * columns + c];
                cells[r, c] = v < 0 ? null : measure == CohortMeasure.Retention ? v / 1000d : v;
                observable += v < 0 ? 0 : 1;
            }
        }

        var cohorts = Enumerable.Range(0, rows).Select(r => new Cohort(r % 2 == 0 ? null : Hostile, new LocalDate(2024, 1, 1).PlusMonths(r), $"2024-{r + 1:00}", 1000)).ToArray();
        return (new CohortTable(CohortPeriod.Month, measure, new LocalDate(2025, 1, 1), cohorts, Enumerable.Range(0, columns).Select(OffsetBracket.Single).ToArray(), cells), observable);
    }
}
