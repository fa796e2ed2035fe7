using System.Globalization;
using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rendering;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Interactive;

/// <summary>
/// Registers how .NET Interactive notebooks display RetentionMetrics results: text/html as self-contained SVG charts and
/// tables (no script, no network, inline styles), text/plain as readable fixed-width tables.
/// </summary>
/// <remarks>
/// <para>A notebook that loads the package with <c>#r "nuget: RetentionMetrics.Interactive"</c> gets the formatters at once:
/// the package carries an <c>extension.dib</c> that .NET Interactive runs on load and that calls <see cref="Register"/>.
/// Other hosts of <c>Microsoft.DotNet.Interactive.Formatting</c> call <see cref="Register"/> themselves.</para>
/// <para>Registering again is harmless: the latest registration wins. The formatters only draw; every number they show
/// is read from the result, none is computed here.</para>
/// </remarks>
public static class RetentionMetricsFormatters
{
    /// <summary>The MIME type of the rich view.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary>The MIME type of the plain-text view.</summary>
    public const string PlainTextMimeType = "text/plain";

    /// <summary>
    /// The customer key types whose generic results (<see cref="RfmTable{TKey}"/>, <see cref="CustomerSummaries{TKey}"/>,
    /// health scores per customer) get formatters: string, long, int and Guid.
    /// </summary>
    public static IReadOnlyList<Type> KeyTypes { get; } = [typeof(string), typeof(long), typeof(int), typeof(Guid)];

    /// <summary>Every result type that has a text/html and a text/plain formatter once <see cref="Register"/> has run.</summary>
    public static IReadOnlyList<Type> FormattedTypes { get; } = BuildFormattedTypes();

    /// <summary>Registers the text/html and text/plain formatters of every result type in <see cref="FormattedTypes"/>.</summary>
    /// <param name="options">Sizes and limits of the charts; <see langword="null"/> for <see cref="ChartOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> holds a value out of range (named in the message).</exception>
    public static void Register(ChartOptions? options = null)
    {
        var chart = options ?? ChartOptions.Default;
        // Drawing an empty histogram validates the options once, here, instead of at the first display.
        _ = SvgCharts.Histogram([], "check", chart);
        Both<HtmlFragment>(f => f.Markup, f => string.Create(CultureInfo.InvariantCulture, $"HTML view ({f.Markup.Length:N0} characters of markup)") + Environment.NewLine);
        Both<CohortTable>(t => HtmlViews.ToHtml(t, chart).Markup, TextViews.ToText);
        Both<IReadOnlyList<RfmSegmentSummary>>(s => HtmlViews.ToHtml(s).Markup, TextViews.ToText);
        Both<HealthScore>(s => NotebookHtml.Health(s), PlainTextViews.Health);
        Both<IReadOnlyList<HealthScore>>(s => HtmlViews.HealthDistribution(s, null, chart).Markup, s => TextViews.HealthDistribution(s, null, chart));
        Both<KMeansModel>(NotebookHtml.KMeans, m => TextViews.Clusters(m));
        Both<KMeansSelection>(NotebookHtml.KMeansSelection, PlainTextViews.KMeansSelection);
        Both<KaplanMeierCurve>(c => HtmlViews.ToHtml(c, chart).Markup, c => TextViews.ToText(c, chart));
        Both<LogRankResult>(NotebookHtml.LogRank, PlainTextViews.LogRank);
        Both<BetaGeometricNbdModel>(m => HtmlViews.ToHtml(m).Markup, m => TextViews.ToText(m));
        Both<ModifiedBetaGeometricNbdModel>(m => HtmlViews.ToHtml(m).Markup, m => TextViews.ToText(m));
        Both<ParetoNbdModel>(m => HtmlViews.ToHtml(m).Markup, m => TextViews.ToText(m));
        Both<BetaGeometricBetaBinomialModel>(m => HtmlViews.ToHtml(m).Markup, TextViews.ToText);
        Both<ShiftedBetaGeometricModel>(m => HtmlViews.ToHtml(m).Markup, TextViews.ToText);
        Both<GammaGammaModel>(m => HtmlViews.ToHtml(m).Markup, TextViews.ToText);
        Both<HoldoutComparison>(c => HtmlViews.ToHtml(c, chart).Markup, TextViews.ToText);
        Both<CustomerChurnTable>(t => HtmlViews.ToHtml(t, chart).Markup, TextViews.ToText);
        Both<MrrMovementTable>(t => HtmlViews.ToHtml(t, chart).Markup, TextViews.ToText);
        Both<NetPromoterScore>(s => HtmlViews.ToHtml(s, chart).Markup, TextViews.ToText);
        Both<CustomerSatisfaction>(s => HtmlViews.ToHtml(s).Markup, TextViews.ToText);
        var keyed = typeof(RetentionMetricsFormatters).GetMethod(nameof(RegisterKeyed), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var key in KeyTypes)
        {
            keyed.MakeGenericMethod(key).Invoke(null, [chart]);
        }
    }

    private static void RegisterKeyed<TKey>(ChartOptions chart)
        where TKey : notnull
    {
        Both<RfmTable<TKey>>(t => HtmlViews.ToHtml(t, chart).Markup, TextViews.ToText);
        Both<RfmCustomer<TKey>>(c => NotebookHtml.Text("rfm-customer", PlainTextViews.RfmCustomer(c)), PlainTextViews.RfmCustomer);
        Both<CustomerSummaries<TKey>>(s => HtmlViews.ToHtml(s, chart).Markup, s => TextViews.ToText(s, chart));
        Both<CustomerSummary<TKey>>(s => NotebookHtml.Text("customer-summary", PlainTextViews.Summary(s)), PlainTextViews.Summary);
        Both<RfmFeatureSet<TKey>>(NotebookHtml.RfmFeatures, PlainTextViews.RfmFeatures);
        Both<CustomerHealthScore<TKey>>(s => NotebookHtml.Health(s.Health, s.CustomerId.ToString()), PlainTextViews.CustomerHealth);
        Both<IReadOnlyList<CustomerHealthScore<TKey>>>(
            s => HtmlViews.HealthDistribution(s.Select(c => c.Health), null, chart).Markup,
            s => TextViews.HealthDistribution(s.Select(c => c.Health), null, chart));
    }

    private static void Both<T>(Func<T, string> html, Func<T, string> plainText)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlMimeType);
        Formatter.Register<T>((value, writer) => writer.Write(plainText(value)), PlainTextMimeType);
    }

    private static Type[] BuildFormattedTypes()
    {
        var types = new List<Type>
        {
            typeof(HtmlFragment), typeof(CohortTable), typeof(IReadOnlyList<RfmSegmentSummary>), typeof(HealthScore), typeof(IReadOnlyList<HealthScore>),
            typeof(KMeansModel), typeof(KMeansSelection), typeof(KaplanMeierCurve), typeof(LogRankResult),
            typeof(BetaGeometricNbdModel), typeof(ModifiedBetaGeometricNbdModel), typeof(ParetoNbdModel), typeof(BetaGeometricBetaBinomialModel),
            typeof(ShiftedBetaGeometricModel), typeof(GammaGammaModel), typeof(HoldoutComparison),
            typeof(CustomerChurnTable), typeof(MrrMovementTable), typeof(NetPromoterScore), typeof(CustomerSatisfaction),
        };
        foreach (var key in KeyTypes)
        {
            types.Add(typeof(RfmTable<>).MakeGenericType(key));
            types.Add(typeof(RfmCustomer<>).MakeGenericType(key));
            types.Add(typeof(CustomerSummaries<>).MakeGenericType(key));
            types.Add(typeof(CustomerSummary<>).MakeGenericType(key));
            types.Add(typeof(RfmFeatureSet<>).MakeGenericType(key));
            types.Add(typeof(CustomerHealthScore<>).MakeGenericType(key));
            types.Add(typeof(IReadOnlyList<>).MakeGenericType(typeof(CustomerHealthScore<>).MakeGenericType(key)));
        }

        return [.. types];
    }
}
