using System.Xml;
using System.Xml.Linq;
using NodaTime;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rendering;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;
using RetentionMetrics.Tests.Lifetime;

namespace RetentionMetrics.Tests.Rendering;

/// <summary>Real results computed once from the bundled CDNOW sample (and the sBG survival table), for the views to draw.</summary>
internal static class RenderingData
{
    public static readonly LocalDate AsOf = CdnowOrders.HoldoutEnd;

    private static readonly Lazy<CustomerSummaries<string>> LazySummaries = new(() => CdnowOrders.Summaries(AsOf));

    private static readonly Lazy<CohortTable> LazyCohorts = new(() =>
    {
        var accumulator = new CohortAccumulator<string>(new CohortOptions { Period = CohortPeriod.Month, AsOf = AsOf });
        foreach (var (customer, date, amount) in CdnowOrders.Rows)
        {
            accumulator.Add(customer, date, amount);
        }

        return accumulator.ToTable();
    });

    private static readonly Lazy<RfmTable<string>> LazyRfm = new(() => RfmModel.Score(Summaries));

    private static readonly Lazy<RfmFeatureSet<string>> LazyFeatures = new(() => Summaries.ToRfmFeatures(AsOf));

    private static readonly Lazy<KMeansModel> LazyClusters = new(() =>
        KMeans.Fit(Features.Scaled, new KMeansOptions { NumberOfClusters = 4, Seed = 7 }));

    private static readonly Lazy<KMeansSelection> LazySelection = new(() =>
        KMeans.ChooseNumberOfClusters(Features.Scaled, 2, 6, new KMeansOptions { Seed = 7 }, silhouetteSampleSize: 500));

    private static readonly Lazy<IReadOnlyList<SurvivalGroup>> LazyGroups = new(() =>
    {
        // Every CDNOW sample customer was acquired in 1997-Q1: group lifetimes by whether the first purchase was in
        // January or later.
        var accumulator = new CustomerLifetimeAccumulator<string>(new CustomerLifetimeOptions { AsOf = AsOf });
        var first = CdnowOrders.Rows.GroupBy(r => r.Customer).ToDictionary(g => g.Key, g => g.Min(r => r.Date));
        foreach (var (customer, date, _) in CdnowOrders.Rows)
        {
            accumulator.Add(customer, date, first[customer].Month == 1 ? "January" : "February-March");
        }

        return accumulator.ToGroups();
    });

    private static readonly Lazy<IReadOnlyList<KeyValuePair<string, KaplanMeierCurve>>> LazyCurves = new(() =>
        LifetimeGroups.Select(g => new KeyValuePair<string, KaplanMeierCurve>(g.Name, KaplanMeierCurve.Fit(g.Observations))).ToArray());

    private static readonly Lazy<IReadOnlyList<HealthScore>> LazyHealth = new(() =>
    {
        var model = HealthScoreModel.CreateBuilder()
            .Add("frequency", HealthNormaliser.Percentile(), weight: 2)
            .Add("recency", HealthNormaliser.MinMax(), weight: 1, HealthDirection.LowerIsBetter)
            .Build()
            .Fit(Summaries, new Dictionary<string, Func<CustomerSummary<string>, double?>>
            {
                ["frequency"] = s => s.Frequency,
                ["recency"] = s => (AsOf - s.LastPurchase.Date).Days,
            });
        return Summaries.Select(s => model.Score([s.Frequency, (AsOf - s.LastPurchase.Date).Days])).ToArray();
    });

    private static readonly Lazy<BetaGeometricNbdModel> LazyBgNbd = new(() => BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow));

    private static readonly Lazy<HoldoutComparison> LazyHoldout = new(() =>
    {
        var split = CalibrationHoldoutSplit.Create(CdnowOrders.Summaries(CdnowOrders.CalibrationEnd), CdnowOrders.Summaries(CdnowOrders.HoldoutEnd), 7);
        return split.Compare(BetaGeometricNbdModel.Fit(split.Calibration));
    });

    private static readonly Lazy<(string[] Customers, double[] Values)> LazyLifetimeValues = new(() =>
    {
        var data = LifetimeTestData.Cdnow;
        var spend = GammaGammaModel.Fit(data);
        var values = CustomerLifetimeValue.Compute(BgNbd, spend, data);
        return (data.Select(c => c.CustomerId).ToArray(), values.ToArray());
    });

    private static readonly Lazy<CustomerChurnTable> LazyChurn = new(() =>
        CdnowOrders.Rows.ToCustomerChurn(r => r.Customer, r => r.Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(),
            new CustomerChurnOptions { AsOf = AsOf }));

    private static readonly Lazy<MrrMovementTable> LazyMrr = new(() =>
        // Each CDNOW order read as a subscription change: from that day the customer pays the order's amount a month.
        CdnowOrders.Rows.ToMrrMovements(r => r.Customer, r => r.Date, r => r.Amount, new MrrMovementOptions { AsOf = AsOf }));

    public static CustomerSummaries<string> Summaries => LazySummaries.Value;

    public static CohortTable Cohorts => LazyCohorts.Value;

    public static RfmTable<string> Rfm => LazyRfm.Value;

    public static RfmFeatureSet<string> Features => LazyFeatures.Value;

    public static KMeansModel Clusters => LazyClusters.Value;

    public static KMeansSelection Selection => LazySelection.Value;

    public static IReadOnlyList<SurvivalGroup> LifetimeGroups => LazyGroups.Value;

    public static IReadOnlyList<KeyValuePair<string, KaplanMeierCurve>> Curves => LazyCurves.Value;

    public static IReadOnlyList<HealthScore> Health => LazyHealth.Value;

    public static BetaGeometricNbdModel BgNbd => LazyBgNbd.Value;

    public static HoldoutComparison Holdout => LazyHoldout.Value;

    public static (string[] Customers, double[] Values) LifetimeValues => LazyLifetimeValues.Value;

    public static CustomerChurnTable Churn => LazyChurn.Value;

    public static MrrMovementTable Mrr => LazyMrr.Value;

    public static long[] RegularSurvival => LifetimeTestData.Survival(highEnd: false, lastYear: 7);
}

/// <summary>Parses the views' markup as XML (a real structural check) and counts the documented elements.</summary>
internal static class Markup
{
    public static XElement Parse(HtmlFragment fragment) => Parse(fragment.Markup);

    public static XElement Parse(string markup) => XElement.Parse(markup, LoadOptions.PreserveWhitespace);

    public static XDocument ParsePage(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    public static IEnumerable<XElement> All(XContainer root) => root is XElement element ? element.DescendantsAndSelf() : root.Descendants();

    public static bool HasClass(XElement element, string cssClass) =>
        ((string?)element.Attribute("class"))?.Split(' ').Contains(cssClass) == true;

    public static IEnumerable<XElement> WithClass(XContainer root, string cssClass) =>
        root.Descendants().Where(e => HasClass(e, cssClass));

    public static int Count(XContainer root, string cssClass) => WithClass(root, cssClass).Count();

    public static IEnumerable<XElement> Charts(XContainer root, string chart) =>
        All(root).Where(e => e.Name.LocalName == "svg" && (string?)e.Attribute("data-chart") == chart);

    public static XElement Chart(XContainer root, string chart) => Assert.Single(Charts(root, chart));

    public static IEnumerable<XElement> TableRows(XContainer root, string table) =>
        All(root).Where(e => e.Name.LocalName == "table" && (string?)e.Attribute("data-table") == table)
            .SelectMany(t => WithClass(t, "rm-row"));

    public static double Number(XElement element, string attribute) =>
        double.Parse((string?)element.Attribute(attribute) ?? throw new InvalidOperationException($"no {attribute}"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Checks what every view promises: no script, no external reference, no NaN or infinity in any attribute.</summary>
    public static void AssertSafe(XContainer root)
    {
        foreach (var element in All(root))
        {
            Assert.NotEqual("script", element.Name.LocalName);
            Assert.NotEqual("link", element.Name.LocalName);
            Assert.NotEqual("style", element.Name.LocalName);
            foreach (var attribute in element.Attributes())
            {
                Assert.DoesNotContain("NaN", attribute.Value, StringComparison.Ordinal);
                Assert.DoesNotContain("Infinity", attribute.Value, StringComparison.Ordinal);
                Assert.DoesNotContain("∞", attribute.Value, StringComparison.Ordinal);
                Assert.False(attribute.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name}");
                Assert.NotEqual("href", attribute.Name.LocalName);
                Assert.NotEqual("src", attribute.Name.LocalName);
                Assert.DoesNotContain("url(", attribute.Value, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The relative luminance of a <c>#rrggbb</c> colour.</summary>
    public static double Luminance(string color)
    {
        var r = Convert.ToInt32(color.Substring(1, 2), 16) / 255d;
        var g = Convert.ToInt32(color.Substring(3, 2), 16) / 255d;
        var b = Convert.ToInt32(color.Substring(5, 2), 16) / 255d;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }
}
