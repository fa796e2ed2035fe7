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

namespace RetentionMetrics.Rendering;

/// <summary>
/// Plain-text views of the library's results (a notebook's <c>text/plain</c>, logs, terminals): a title line, aligned
/// tables with numbers right-aligned, and histograms drawn with <c>#</c>.
/// </summary>
/// <remarks>
/// <para>Every view ends with a newline; lines never hold control characters (a hostile name cannot break the
/// layout), cells are cut to 40 characters with an ellipsis, and numbers use the invariant culture. The tables hold
/// the same rows as the matching <see cref="HtmlViews"/> view.</para>
/// <para>All methods are pure and thread-safe.</para>
/// </remarks>
public static class TextViews
{
    private const int BarWidth = 40;

    /// <summary>A cohort table as aligned text with its average row (<see cref="CohortTable.ToText"/>), under a title.</summary>
    /// <param name="table">The cohort table.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string ToText(CohortTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"Cohorts: {SvgCharts.MeasureName(table.Measure)} by {SvgCharts.PeriodName(table.Period)}\n{table.ToText()}";
    }

    /// <summary>An RFM table: the recency × frequency grid of counts (mean monetary value in brackets) and the segment summary.</summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="table">The RFM table.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string ToText<TKey>(RfmTable<TKey> table)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(table);
        return Compose($"RFM: {ViewTables.Count(table.Count)} customers", ViewTables.RfmGrid(table), ViewTables.RfmSegments(table.Segments));
    }

    /// <summary>The RFM segment summary as a table.</summary>
    /// <param name="segments">The segment rows.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or a row is null.</exception>
    public static string ToText(IReadOnlyList<RfmSegmentSummary> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return Compose("RFM segments", ViewTables.RfmSegments(segments));
    }

    /// <summary>Health scores: customers per band and a histogram over 0–100.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="bands">The bands; the distinct bands of the scores when null.</param>
    /// <param name="options">The number of bins; defaults when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> or a score is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string HealthDistribution(IEnumerable<HealthScore> scores, IReadOnlyList<HealthBand>? bands = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var o = SvgCharts.Checked(options);
        var counts = HealthCounts.From(scores, bands, o.Bins);
        var sb = new StringBuilder();
        sb.Append("Health: ").Append(ViewTables.Count(counts.Total)).Append(" customers\n");
        ViewTables.HealthBands(counts).WriteText(sb);
        var edges = Enumerable.Range(0, o.Bins + 1).Select(b => 100d * b / o.Bins).ToArray();
        AppendBars(sb, edges, counts.Bins, false);
        return sb.ToString();
    }

    /// <summary>k-means clusters: size and centroid of each cluster.</summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="featureNames">The column names; generic names when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The names do not match the model's dimensions.</exception>
    public static string Clusters(KMeansModel model, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (featureNames is not null && featureNames.Count != model.Dimensions)
        {
            throw new ArgumentException(RenderingErrorMessages.FeatureNamesMismatch, nameof(featureNames));
        }

        return Compose($"Clusters: k = {SvgCharts.Invariant(model.NumberOfClusters)}, inertia {ViewTables.Number(model.Inertia, "0.###")}, " +
            $"{SvgCharts.Invariant(model.Iterations)} iterations{(model.Converged ? string.Empty : " (not converged)")}",
            ViewTables.Clusters(model.Centroids, model.ClusterSizes, featureNames));
    }

    /// <summary>The choice of the number of clusters: inertia and silhouette per k and which rule chose it.</summary>
    /// <param name="selection">The result of <see cref="KMeans.ChooseNumberOfClusters"/>.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is null.</exception>
    public static string ToText(KMeansSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return Compose($"Choosing k: elbow {SvgCharts.Invariant(selection.ByElbow)}, silhouette {SvgCharts.Invariant(selection.BySilhouette)}", ViewTables.ClusterSelection(selection));
    }

    /// <summary>Survival curves of groups: subjects, events, median and the last step of each, and the log-rank test when given.</summary>
    /// <param name="curves">The curves by group name.</param>
    /// <param name="logRank">The log-rank comparison, or null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curves"/> or a curve is null.</exception>
    public static string SurvivalCurves(IReadOnlyList<KeyValuePair<string, KaplanMeierCurve>> curves, LogRankResult? logRank = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var text = Compose("Survival curves", ViewTables.SurvivalGroups(curves));
        return logRank is null ? text : text + LogRankSentence(logRank) + "\n";
    }

    /// <summary>One Kaplan–Meier curve as a life table of at most <see cref="ChartOptions.MaximumRows"/> evenly spaced steps.</summary>
    /// <param name="curve">The curve.</param>
    /// <param name="options">The row limit; defaults when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curve"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToText(KaplanMeierCurve curve, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var o = SvgCharts.Checked(options);
        return Compose($"Survival: {ViewTables.Count(curve.Subjects)} subjects, {ViewTables.Count(curve.Events)} events, median {(curve.Median is { } m ? ViewTables.Number(m) : "not reached")}",
            ViewTables.SurvivalSteps(curve, o.MaximumRows));
    }

    /// <summary>A fitted model's parameters with standard errors, and the fit diagnostics when given.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="parameters">The parameters by name.</param>
    /// <param name="diagnostics">The diagnostics, or null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelName"/> or <paramref name="parameters"/> is null.</exception>
    public static string ModelFit(string modelName, IReadOnlyDictionary<string, double> parameters, LifetimeFitDiagnostics? diagnostics)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(parameters);
        var tables = new List<TableData> { ViewTables.Parameters(parameters, diagnostics) };
        if (diagnostics is not null)
        {
            tables.Add(ViewTables.Diagnostics(diagnostics));
        }

        return Compose("Model fit: " + modelName, [.. tables]);
    }

    /// <summary>A fitted transaction model (BG/NBD, MBG/NBD, Pareto/NBD).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The text of <see cref="ModelFit"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string ToText(ITransactionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFit(model.Name, model.Parameters, model.Diagnostics);
    }

    /// <summary>A fitted Gamma-Gamma spend model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The text of <see cref="ModelFit"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string ToText(GammaGammaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFit(ViewTables.GammaGammaName, model.Parameters, model.Diagnostics);
    }

    /// <summary>A fitted BG/BB model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The text of <see cref="ModelFit"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string ToText(BetaGeometricBetaBinomialModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFit(ViewTables.BetaGeometricBetaBinomialName, model.Parameters, model.Diagnostics);
    }

    /// <summary>A fitted shifted-beta-geometric model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The text of <see cref="ModelFit"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string ToText(ShiftedBetaGeometricModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFit(ViewTables.ShiftedBetaGeometricName, model.Parameters, model.Diagnostics);
    }

    /// <summary>Predicted versus actual holdout purchases by calibration frequency, with the errors.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    public static string ToText(HoldoutComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return Compose("Predicted versus actual (holdout)", ViewTables.Holdout(comparison));
    }

    /// <summary>An sBG model's parameters and its observed against fitted survival per period.</summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="aliveAtPeriodStart">The customers alive at the start of each period.</param>
    /// <param name="periods">The last period of the fitted curve; the observed length when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="aliveAtPeriodStart"/> is null.</exception>
    /// <exception cref="ArgumentException">The counts are empty or do not start positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative.</exception>
    public static string SurvivalFit(ShiftedBetaGeometricModel model, IReadOnlyList<long> aliveAtPeriodStart, int? periods = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(aliveAtPeriodStart);
        if (aliveAtPeriodStart.Count == 0 || aliveAtPeriodStart[0] <= 0)
        {
            throw new ArgumentException(RenderingErrorMessages.SurvivalCountsNotValid, nameof(aliveAtPeriodStart));
        }

        if (periods is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(periods), RenderingErrorMessages.PeriodsNegative);
        }

        return Compose("Survival: observed and fitted (sBG)", ViewTables.Parameters(model.Parameters, model.Diagnostics),
            ViewTables.SurvivalFit(model, aliveAtPeriodStart, Math.Max(aliveAtPeriodStart.Count - 1, periods ?? 0)));
    }

    /// <summary>Customer summaries: the first <see cref="ChartOptions.MaximumRows"/> customers and the totals.</summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="summaries">The summaries.</param>
    /// <param name="options">The row limit; defaults when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToText<TKey>(CustomerSummaries<TKey> summaries, ChartOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var o = SvgCharts.Checked(options);
        return Compose("Customer summaries", ViewTables.Summaries(summaries, o.MaximumRows));
    }

    /// <summary>Customer churn per period.</summary>
    /// <param name="table">The churn table.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string ToText(CustomerChurnTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Compose("Customer churn and retention", ViewTables.Churn(table));
    }

    /// <summary>MRR movements per period with revenue retention.</summary>
    /// <param name="table">The MRR movement table.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string ToText(MrrMovementTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Compose("MRR movements", ViewTables.Mrr(table));
    }

    /// <summary>A Net Promoter Score with its counts and interval.</summary>
    /// <param name="score">The score.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="score"/> is null.</exception>
    public static string ToText(NetPromoterScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return Compose("Net Promoter Score", ViewTables.Nps(score));
    }

    /// <summary>A customer satisfaction share with its interval.</summary>
    /// <param name="satisfaction">The satisfaction result.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="satisfaction"/> is null.</exception>
    public static string ToText(CustomerSatisfaction satisfaction)
    {
        ArgumentNullException.ThrowIfNull(satisfaction);
        return Compose("Customer satisfaction", ViewTables.Satisfaction(satisfaction));
    }

    /// <summary>Customer lifetime values: a histogram and the top customers.</summary>
    /// <param name="customers">The customers, one per value.</param>
    /// <param name="values">The lifetime values.</param>
    /// <param name="options">Bins, quantile and row limit; defaults when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException">An argument or a customer is null.</exception>
    /// <exception cref="ArgumentException">The counts differ, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string LifetimeValues(IReadOnlyList<string> customers, IReadOnlyList<double> values, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(values);
        var o = SvgCharts.Checked(options);
        var top = ViewTables.TopCustomers(customers, values, "lifetime value", o.MaximumRows);
        return Histogram(values, "lifetime value", o) + Compose("Top customers", top);
    }

    /// <summary>The customers with the largest values, largest first.</summary>
    /// <param name="customers">The customers, one per value.</param>
    /// <param name="values">The values.</param>
    /// <param name="valueLabel">The name of the value column.</param>
    /// <param name="options">The row limit; defaults when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException">An argument or a customer is null.</exception>
    /// <exception cref="ArgumentException">The counts differ, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string TopCustomers(IReadOnlyList<string> customers, IReadOnlyList<double> values, string valueLabel, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valueLabel);
        var o = SvgCharts.Checked(options);
        return Compose("Top customers by " + valueLabel, ViewTables.TopCustomers(customers, values, valueLabel, o.MaximumRows));
    }

    /// <summary>A histogram drawn with <c>#</c>: one line per bin with its range and count, the same bins as <see cref="SvgCharts.Histogram"/>.</summary>
    /// <param name="values">The values; each finite.</param>
    /// <param name="valueLabel">What the values are.</param>
    /// <param name="options">Bins and quantile; defaults when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or <paramref name="valueLabel"/> is null.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string Histogram(IReadOnlyList<double> values, string valueLabel, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valueLabel);
        var o = SvgCharts.Checked(options);
        var h = HistogramBins.From(values, o.Bins, o.HistogramUpperQuantile, nameof(values));
        var sb = new StringBuilder();
        sb.Append("Distribution of ").Append(OneLine(valueLabel)).Append(": ").Append(ViewTables.Count(values.Count)).Append(" values\n");
        var edges = Enumerable.Range(0, o.Bins + 1).Select(b => b == o.Bins ? h.High : h.Low + b * (h.High - h.Low) / o.Bins).ToArray();
        AppendBars(sb, edges, h.Counts, h.Open);
        return sb.ToString();
    }

    /// <summary>Any small table of text as aligned columns.</summary>
    /// <param name="headers">The column headers; at least one.</param>
    /// <param name="rows">The rows, each with one cell per header.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException">An argument, a header, a row or a cell is null.</exception>
    /// <exception cref="ArgumentException">There is no header, or a row has a different number of cells.</exception>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        BuildTable("table", headers, rows).WriteText(sb);
        return sb.ToString();
    }

    internal static TableData BuildTable(string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (headers.Count == 0)
        {
            throw new ArgumentException(RenderingErrorMessages.NothingToDraw, nameof(headers));
        }

        foreach (var header in headers)
        {
            ArgumentNullException.ThrowIfNull(header, nameof(headers));
        }

        var table = new TableData(name, [.. headers], new bool[headers.Count]);
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            if (row.Count != headers.Count)
            {
                throw new ArgumentException(RenderingErrorMessages.RowWidthMismatch, nameof(rows));
            }

            foreach (var cell in row)
            {
                ArgumentNullException.ThrowIfNull(cell, nameof(rows));
            }

            table.Add([.. row]);
        }

        return table;
    }

    internal static string LogRankSentence(LogRankResult result) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Log-rank test: chi-squared {result.Statistic:0.###} on {result.DegreesOfFreedom} degrees of freedom, p = {MarkupWriter.Precise(result.PValue, 4)}.");

    private static string Compose(string title, params TableData[] tables)
    {
        var sb = new StringBuilder();
        sb.Append(OneLine(title)).Append('\n');
        for (var i = 0; i < tables.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            tables[i].WriteText(sb);
        }

        return sb.ToString();
    }

    private static void AppendBars(StringBuilder sb, double[] edges, int[] counts, bool open)
    {
        var max = Math.Max(1, counts.Max());
        var labels = Enumerable.Range(0, counts.Length)
            .Select(b => $"{SvgChart.Compact(edges[b])} to {(open && b == counts.Length - 1 ? "above" : SvgChart.Compact(edges[b + 1]))}").ToArray();
        var width = labels.Max(l => l.Length);
        for (var b = 0; b < counts.Length; b++)
        {
            var bar = (int)Math.Round((double)BarWidth * counts[b] / max);
            sb.Append(labels[b].PadLeft(width)).Append(" | ").Append(new string('#', bar)).Append(' ')
                .Append(counts[b].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string OneLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return MarkupWriter.Shorten(sb.ToString(), 120);
    }
}
