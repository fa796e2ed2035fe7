using System.Globalization;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Rendering;

/// <summary>
/// Self-contained HTML views of the library's results — a heading, the <see cref="SvgCharts"/> chart and the key
/// numbers as a table — for notebooks (<c>text/html</c>) and for pages composed with <see cref="HtmlReportBuilder"/>.
/// </summary>
/// <remarks>
/// <para><b>Structure contract.</b> Every view is one <c>&lt;div class="rm-view" data-view="NAME"&gt;</c> holding an
/// <c>&lt;h3&gt;</c> heading, then its charts (each an <c>&lt;svg class="rm-chart"&gt;</c> as <see cref="SvgCharts"/>
/// documents) and tables. Tables are <c>&lt;table class="rm-table" data-table="NAME"&gt;</c> with one header row in
/// <c>&lt;thead&gt;</c> and one <c>&lt;tr class="rm-row"&gt;</c> per data row in <c>&lt;tbody&gt;</c>; a note under a
/// table is a <c>&lt;p&gt;</c>. Each method's remarks give its view name, charts and tables. No script, no external
/// resource, inline styles only, every text escaped; the markup parses as XML.</para>
/// <para>All methods are pure and thread-safe.</para>
/// </remarks>
public static class HtmlViews
{
    /// <summary>A cohort table as a heatmap.</summary>
    /// <remarks><c>data-view="cohort-table"</c>: the <c>cohort-heatmap</c> chart.</remarks>
    /// <param name="table">The cohort table.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml(CohortTable table, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var chart = SvgCharts.CohortHeatmap(table, options);
        var note = $"{ViewTables.Count(table.Cohorts.Count)} cohorts, {ViewTables.Count(table.TotalCustomers)} customers" +
            (table.AsOf is { } asOf ? ", as of " + asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "." : ".") + " Grey dashed cells are not observable yet.";
        return View("cohort-table", $"Cohorts: {SvgCharts.MeasureName(table.Measure)}", w =>
        {
            w.Raw(chart.Markup);
            w.Element("p", note, Styles.Paragraph + ";color:#52606d;font-size:11px");
        });
    }

    /// <summary>An RFM table: the recency × frequency grid, the segment bars and the segment summary table.</summary>
    /// <remarks><c>data-view="rfm"</c>: the <c>rfm-grid</c> and <c>rfm-segments</c> charts, then the <c>rfm-segments</c> table (one row per segment).</remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="table">The RFM table.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml<TKey>(RfmTable<TKey> table, ChartOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(table);
        var grid = SvgCharts.RfmGrid(table, options);
        var bars = SvgCharts.RfmSegments(table.Segments, options is null ? null : options with { Title = null });
        var segments = ViewTables.RfmSegments(table.Segments);
        return View("rfm", $"RFM: {ViewTables.Count(table.Count)} customers in {ViewTables.Count(table.Segments.Count)} segments", w =>
        {
            w.Raw(grid.Markup).Raw(bars.Markup);
            segments.WriteHtml(w);
        });
    }

    /// <summary>The RFM segment summary as a table.</summary>
    /// <remarks><c>data-view="rfm-segments"</c>: the <c>rfm-segments</c> table, one row per segment.</remarks>
    /// <param name="segments">The segment rows.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or one of its rows is null.</exception>
    public static HtmlFragment ToHtml(IReadOnlyList<RfmSegmentSummary> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var table = ViewTables.RfmSegments(segments);
        return View("rfm-segments", "RFM segments", table.WriteHtml);
    }

    /// <summary>The distribution of health scores with their bands, and the customers per band.</summary>
    /// <remarks><c>data-view="health"</c>: the <c>health-distribution</c> chart and the <c>health-bands</c> table (one row per band).</remarks>
    /// <param name="scores">The scores.</param>
    /// <param name="bands">The bands; the distinct bands of the scores when null.</param>
    /// <param name="options">Chart size, title and bins; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> or a score is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment HealthDistribution(IEnumerable<HealthScore> scores, IReadOnlyList<HealthBand>? bands = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores as IReadOnlyCollection<HealthScore> ?? scores.ToArray();
        var chart = SvgCharts.HealthDistribution(list, bands, options);
        var table = ViewTables.HealthBands(HealthCounts.From(list, bands, 1));
        return View("health", $"Health: {ViewTables.Count(list.Count)} customers", w =>
        {
            w.Raw(chart.Markup);
            table.WriteHtml(w);
        });
    }

    /// <summary>k-means clusters: a scatter of two features with the centroids, and the clusters' sizes and centroids.</summary>
    /// <remarks><c>data-view="clusters"</c>: the <c>cluster-scatter</c> chart and the <c>clusters</c> table (one row per cluster).</remarks>
    /// <param name="features">The rows the model was fitted on.</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="xFeature">The column drawn across.</param>
    /// <param name="yFeature">The column drawn up.</param>
    /// <param name="featureNames">The column names; generic names when null.</param>
    /// <param name="options">Chart size, title and point limit; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model does not match the features, or the names do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feature index or an option is out of range.</exception>
    public static HtmlFragment Clusters(
        FeatureMatrix features, KMeansModel model, int xFeature, int yFeature, IReadOnlyList<string>? featureNames = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(model);
        var chart = SvgCharts.ClusterScatter(features, model, xFeature, yFeature, featureNames, options);
        var table = ViewTables.Clusters(model.Centroids, model.ClusterSizes, featureNames);
        return ClustersView(model, chart, table);
    }

    /// <summary>k-means clusters of RFM features in original units (days, transactions, money).</summary>
    /// <remarks><c>data-view="clusters"</c>: the <c>cluster-scatter</c> chart and the <c>clusters</c> table with centroids mapped back to original units.</remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="features">The RFM features the model was fitted on.</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="xFeature">The column drawn across: 0 recency, 1 frequency, 2 monetary.</param>
    /// <param name="yFeature">The column drawn up.</param>
    /// <param name="options">Chart size, title and point limit; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model does not match the features.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feature index or an option is out of range.</exception>
    public static HtmlFragment Clusters<TKey>(RfmFeatureSet<TKey> features, KMeansModel model, int xFeature, int yFeature, ChartOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(model);
        var chart = SvgCharts.ClusterScatter(features, model, xFeature, yFeature, options);
        var table = ViewTables.Clusters(features.ToOriginalUnits(model.Centroids), model.ClusterSizes, RfmFeatureSet<TKey>.ColumnNames);
        return ClustersView(model, chart, table);
    }

    /// <summary>The choice of the number of clusters: the elbow curve and, per k, inertia, silhouette and which rule chose it.</summary>
    /// <remarks><c>data-view="cluster-selection"</c>: the <c>cluster-selection</c> chart and the <c>cluster-selection</c> table (one row per k tried).</remarks>
    /// <param name="selection">The result of <see cref="KMeans.ChooseNumberOfClusters"/>.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml(KMeansSelection selection, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var chart = SvgCharts.ClusterSelection(selection, options);
        var table = ViewTables.ClusterSelection(selection);
        return View("cluster-selection", "Choosing the number of clusters", w =>
        {
            w.Raw(chart.Markup);
            table.WriteHtml(w);
        });
    }

    /// <summary>Kaplan–Meier survival curves of groups with confidence bands, a summary per group and, when given, the log-rank test.</summary>
    /// <remarks><c>data-view="survival"</c>: the <c>survival-curves</c> chart, the <c>survival-groups</c> table (one row per group) and, with a test, a paragraph giving χ², degrees of freedom and p.</remarks>
    /// <param name="curves">The curves by group name.</param>
    /// <param name="logRank">The log-rank comparison of the groups, or null.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curves"/> or a curve is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="curves"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment SurvivalCurves(IReadOnlyList<KeyValuePair<string, KaplanMeierCurve>> curves, LogRankResult? logRank = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var chart = SvgCharts.SurvivalCurves(curves, options);
        var table = ViewTables.SurvivalGroups(curves);
        return View("survival", "Survival curves", w =>
        {
            w.Raw(chart.Markup);
            table.WriteHtml(w);
            if (logRank is not null)
            {
                w.Element("p", TextViews.LogRankSentence(logRank), Styles.Paragraph);
            }
        });
    }

    /// <summary>One Kaplan–Meier curve with its band and its life table (at most <see cref="ChartOptions.MaximumRows"/> evenly spaced steps).</summary>
    /// <remarks><c>data-view="survival"</c>: the <c>survival-curves</c> chart and the <c>survival-steps</c> table.</remarks>
    /// <param name="curve">The curve.</param>
    /// <param name="options">Chart size, title and row limit; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curve"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml(KaplanMeierCurve curve, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var o = SvgCharts.Checked(options);
        var chart = SvgCharts.SurvivalCurve(curve, "all", o);
        var table = ViewTables.SurvivalSteps(curve, o.MaximumRows);
        return View("survival", "Survival curve", w =>
        {
            w.Raw(chart.Markup);
            table.WriteHtml(w);
        });
    }

    /// <summary>A fitted model's parameters with standard errors, and how the fit went.</summary>
    /// <remarks><c>data-view="model-fit"</c>: the <c>parameters</c> table (one row per parameter: estimate and standard error, "–" when not available) and, with diagnostics, the <c>diagnostics</c> table.</remarks>
    /// <param name="modelName">The model's name for the heading.</param>
    /// <param name="parameters">The parameters by name.</param>
    /// <param name="diagnostics">The fit diagnostics, or null for a model built from given parameters.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelName"/> or <paramref name="parameters"/> is null.</exception>
    public static HtmlFragment ModelFit(string modelName, IReadOnlyDictionary<string, double> parameters, LifetimeFitDiagnostics? diagnostics)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(parameters);
        var table = ViewTables.Parameters(parameters, diagnostics);
        var fit = diagnostics is null ? null : ViewTables.Diagnostics(diagnostics);
        return View("model-fit", $"Model fit: {modelName}", w =>
        {
            table.WriteHtml(w);
            fit?.WriteHtml(w);
        });
    }

    /// <summary>A fitted transaction model (BG/NBD, MBG/NBD, Pareto/NBD): parameters, standard errors and diagnostics.</summary>
    /// <remarks>The <c>model-fit</c> view of <see cref="ModelFit"/>.</remarks>
    /// <param name="model">The model.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static HtmlFragment ToHtml(ITransactionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFit(model.Name, model.Parameters, model.Diagnostics);
    }

    /// <summary>A fitted Gamma-Gamma spend model: parameters, standard errors and diagnostics.</summary>
    /// <remarks>The <c>model-fit</c> view of <see cref="ModelFit"/>.</remarks>
    /// <param name="model">The model.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static HtmlFragment ToHtml(GammaGammaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFit(ViewTables.GammaGammaName, model.Parameters, model.Diagnostics);
    }

    /// <summary>A fitted BG/BB model: parameters, standard errors and diagnostics.</summary>
    /// <remarks>The <c>model-fit</c> view of <see cref="ModelFit"/>.</remarks>
    /// <param name="model">The model.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static HtmlFragment ToHtml(BetaGeometricBetaBinomialModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFit(ViewTables.BetaGeometricBetaBinomialName, model.Parameters, model.Diagnostics);
    }

    /// <summary>A fitted shifted-beta-geometric model: parameters, standard errors and diagnostics.</summary>
    /// <remarks>The <c>model-fit</c> view of <see cref="ModelFit"/>; <see cref="SurvivalFit"/> adds the observed-versus-fitted chart.</remarks>
    /// <param name="model">The model.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static HtmlFragment ToHtml(ShiftedBetaGeometricModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFit(ViewTables.ShiftedBetaGeometricName, model.Parameters, model.Diagnostics);
    }

    /// <summary>Predicted versus actual holdout purchases: the chart, the groups and the error summary.</summary>
    /// <remarks><c>data-view="holdout"</c>: the <c>holdout-comparison</c> chart and the <c>holdout-groups</c> table (one row per frequency group), with the totals and errors in the note.</remarks>
    /// <param name="comparison">The comparison.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml(HoldoutComparison comparison, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var chart = SvgCharts.HoldoutComparison(comparison, options);
        var table = ViewTables.Holdout(comparison);
        return View("holdout", "Predicted versus actual (holdout)", w =>
        {
            w.Raw(chart.Markup);
            table.WriteHtml(w);
        });
    }

    /// <summary>An sBG model's fit: parameters and standard errors, and observed against fitted survival.</summary>
    /// <remarks><c>data-view="survival-fit"</c>: the <c>survival-fit</c> chart, the <c>survival-fit</c> table (one row per period) and the <c>parameters</c> table.</remarks>
    /// <param name="model">The fitted model.</param>
    /// <param name="aliveAtPeriodStart">The customers alive at the start of each period, as fitted.</param>
    /// <param name="periods">The last period of the fitted curve; the observed length when null.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="aliveAtPeriodStart"/> is null.</exception>
    /// <exception cref="ArgumentException">The counts are empty or do not start positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative, or an option is out of range.</exception>
    public static HtmlFragment SurvivalFit(ShiftedBetaGeometricModel model, IReadOnlyList<long> aliveAtPeriodStart, int? periods = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(aliveAtPeriodStart);
        var chart = SvgCharts.SurvivalFit(model, aliveAtPeriodStart, periods, options);
        var table = ViewTables.SurvivalFit(model, aliveAtPeriodStart, Math.Max(aliveAtPeriodStart.Count - 1, periods ?? 0));
        var parameters = ViewTables.Parameters(model.Parameters, model.Diagnostics);
        return View("survival-fit", "Survival: observed and fitted (sBG)", w =>
        {
            w.Raw(chart.Markup);
            parameters.WriteHtml(w);
            table.WriteHtml(w);
        });
    }

    /// <summary>Customer summaries: the first customers as a table and the distribution of total spend.</summary>
    /// <remarks><c>data-view="customer-summaries"</c>: the <c>customer-summaries</c> table (min(customers, <see cref="ChartOptions.MaximumRows"/>) rows, in the summaries' order) and a <c>histogram</c> chart of total spend.</remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="summaries">The summaries.</param>
    /// <param name="options">Row limit, bins and chart size; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml<TKey>(CustomerSummaries<TKey> summaries, ChartOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var o = SvgCharts.Checked(options);
        var table = ViewTables.Summaries(summaries, o.MaximumRows);
        var spend = new double[summaries.Count];
        for (var i = 0; i < spend.Length; i++)
        {
            spend[i] = (double)summaries[i].TotalSpend;
        }

        var chart = SvgCharts.Histogram(spend, "total spend per customer", o);
        return View("customer-summaries", "Customer summaries", w =>
        {
            table.WriteHtml(w);
            w.Raw(chart.Markup);
        });
    }

    /// <summary>Customer churn per period: the rates as lines and the full table.</summary>
    /// <remarks><c>data-view="churn"</c>: the <c>churn-rates</c> chart and the <c>churn</c> table (one row per period).</remarks>
    /// <param name="table">The churn table.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml(CustomerChurnTable table, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var chart = SvgCharts.ChurnRates(table, options);
        var rows = ViewTables.Churn(table);
        return View("churn", "Customer churn and retention", w =>
        {
            w.Raw(chart.Markup);
            rows.WriteHtml(w);
        });
    }

    /// <summary>MRR movements per period: stacked bars and the full table with revenue retention.</summary>
    /// <remarks><c>data-view="mrr"</c>: the <c>mrr-movements</c> chart and the <c>mrr</c> table (one row per period).</remarks>
    /// <param name="table">The MRR movement table.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml(MrrMovementTable table, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var chart = SvgCharts.MrrMovements(table, options);
        var rows = ViewTables.Mrr(table);
        return View("mrr", "MRR movements", w =>
        {
            w.Raw(chart.Markup);
            rows.WriteHtml(w);
        });
    }

    /// <summary>A Net Promoter Score: the stacked shares, the score with its interval, and the counts.</summary>
    /// <remarks><c>data-view="nps"</c>: the <c>nps</c> chart and the <c>nps</c> table (six rows).</remarks>
    /// <param name="score">The score.</param>
    /// <param name="options">Chart size and title; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="score"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ToHtml(NetPromoterScore score, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        var chart = SvgCharts.NetPromoterScore(score, options);
        var rows = ViewTables.Nps(score);
        return View("nps", "Net Promoter Score", w =>
        {
            w.Raw(chart.Markup);
            rows.WriteHtml(w);
        });
    }

    /// <summary>A customer satisfaction (CSAT) share with its interval.</summary>
    /// <remarks><c>data-view="csat"</c>: the <c>csat</c> table (four rows).</remarks>
    /// <param name="satisfaction">The satisfaction result.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="satisfaction"/> is null.</exception>
    public static HtmlFragment ToHtml(CustomerSatisfaction satisfaction)
    {
        ArgumentNullException.ThrowIfNull(satisfaction);
        var rows = ViewTables.Satisfaction(satisfaction);
        return View("csat", "Customer satisfaction", rows.WriteHtml);
    }

    /// <summary>Customer lifetime values: their distribution and the top customers.</summary>
    /// <remarks><c>data-view="lifetime-value"</c>: a <c>histogram</c> chart of the values and the <c>top-customers</c> table (min(customers, <see cref="ChartOptions.MaximumRows"/>) rows, largest first).</remarks>
    /// <param name="customers">The customers, one per value (for example <see cref="RepeatPurchaseSummary.CustomerId"/>).</param>
    /// <param name="values">The lifetime values (for example from <see cref="CustomerLifetimeValue.Compute(ITransactionModel, GammaGammaModel, RepeatPurchaseData, LifetimeValueOptions?)"/>).</param>
    /// <param name="options">Row limit, bins, quantile and chart size; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/>, a customer or <paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The counts differ, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment LifetimeValues(IReadOnlyList<string> customers, IReadOnlyList<double> values, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(values);
        var o = SvgCharts.Checked(options);
        var top = ViewTables.TopCustomers(customers, values, "lifetime value", o.MaximumRows);
        var chart = SvgCharts.Histogram(values, "lifetime value", o);
        return View("lifetime-value", "Customer lifetime value", w =>
        {
            w.Raw(chart.Markup);
            top.WriteHtml(w);
        });
    }

    /// <summary>The customers with the largest values, as a ranked table.</summary>
    /// <remarks><c>data-view="top-customers"</c>: the <c>top-customers</c> table, min(customers, <see cref="ChartOptions.MaximumRows"/>) rows, largest value first, ties by customer (ordinal).</remarks>
    /// <param name="customers">The customers, one per value.</param>
    /// <param name="values">The values.</param>
    /// <param name="valueLabel">The name of the value column.</param>
    /// <param name="options">Row limit; defaults when null.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException">An argument or a customer is null.</exception>
    /// <exception cref="ArgumentException">The counts differ, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment TopCustomers(IReadOnlyList<string> customers, IReadOnlyList<double> values, string valueLabel, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valueLabel);
        var o = SvgCharts.Checked(options);
        var top = ViewTables.TopCustomers(customers, values, valueLabel, o.MaximumRows);
        return View("top-customers", $"Top customers by {valueLabel}", top.WriteHtml);
    }

    /// <summary>Any small table of text: a header row and data rows, escaped.</summary>
    /// <remarks>A <c>&lt;table class="rm-table" data-table="<paramref name="name"/>"&gt;</c> with one <c>rm-row</c> per row; not wrapped in a view.</remarks>
    /// <param name="name">The <c>data-table</c> name.</param>
    /// <param name="headers">The column headers; at least one.</param>
    /// <param name="rows">The rows, each with one cell per header.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">An argument, a header, a row or a cell is null.</exception>
    /// <exception cref="ArgumentException">There is no header, or a row has a different number of cells.</exception>
    public static HtmlFragment Table(string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var table = TextViews.BuildTable(name, headers, rows);
        var w = new MarkupWriter();
        table.WriteHtml(w);
        return HtmlFragment.Of(w);
    }

    internal static HtmlFragment View(string name, string heading, Action<MarkupWriter> body)
    {
        var w = new MarkupWriter();
        w.Start("div").Attr("class", "rm-view").Attr("data-view", name).Attr("style", Styles.View).EndStart();
        w.Element("h3", heading, Styles.Heading);
        body(w);
        w.Close("div");
        return HtmlFragment.Of(w);
    }

    private static HtmlFragment ClustersView(KMeansModel model, HtmlFragment chart, TableData table) =>
        View("clusters", $"Clusters: k = {SvgCharts.Invariant(model.NumberOfClusters)}, inertia {SvgChart.Compact(model.Inertia)}", w =>
        {
            w.Raw(chart.Markup);
            table.WriteHtml(w);
        });
}
