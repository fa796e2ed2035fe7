using System.Globalization;
using System.Text;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Rendering;

/// <summary>
/// Self-contained SVG charts of the library's results: hand-written markup with inline styles, no script, no external
/// style sheet or font, every text escaped, every number finite.
/// </summary>
/// <remarks>
/// <para><b>Structure contract.</b> Every chart is one <c>&lt;svg class="rm-chart" data-chart="NAME"&gt;</c> element
/// (with the SVG namespace) whose first child is a <c>&lt;title&gt;</c>. Data marks carry fixed classes that tests and
/// scripts can count: <c>rm-cell</c> (heatmap and grid cells), <c>rm-unobserved</c> (heatmap cells not observable
/// yet), <c>rm-bar</c> (histogram and bar-chart bars), <c>rm-band</c> (health bands and confidence bands),
/// <c>rm-point</c> (plotted points), <c>rm-centroid</c> (cluster centroids), <c>rm-curve</c> (lines and survival
/// curves). Axes, ticks, grid lines and labels use <c>rm-axis</c>, <c>rm-tick</c>, <c>rm-grid</c>, <c>rm-label</c>,
/// <c>rm-tick-label</c>, <c>rm-axis-label</c>, <c>rm-legend</c> and <c>rm-title</c>. Each method's remarks give the
/// exact counts. The markup is well-formed XML, so <c>System.Xml.Linq</c> parses it.</para>
/// <para>All methods are pure and thread-safe; the same input and options always give the same markup.</para>
/// </remarks>
public static class SvgCharts
{
    /// <summary>The most cells a heatmap gives a hover tooltip (a <c>&lt;title&gt;</c> child); larger heatmaps carry only the data attributes, to stay small.</summary>
    public const int MaximumTooltipCells = 10_000;

    /// <summary>A cohort table as a colour-scaled heatmap: one row per cohort, one column per offset or bracket.</summary>
    /// <remarks>
    /// <para><c>data-chart="cohort-heatmap"</c>. One <c>&lt;rect class="rm-cell"&gt;</c> per observable cell (cohorts ×
    /// columns, less the unobservable ones), with <c>data-row</c>, <c>data-column</c> and <c>data-value</c>, and one
    /// <c>&lt;rect class="rm-unobserved"&gt;</c> per cell not observable at the as-of date (light grey, dashed, no value).
    /// Five <c>rm-swatch</c> rectangles form the legend.</para>
    /// <para>Colours run from pale to dark blue as the value rises; retention shares use the fixed scale 0–100%, other
    /// measures the range of the observable cells. The root carries <c>data-rows</c>, <c>data-columns</c> and
    /// <c>data-observable</c>. Up to <see cref="MaximumTooltipCells"/> cells, each observable cell has a
    /// <c>&lt;title&gt;</c> tooltip; larger heatmaps leave it out.</para>
    /// </remarks>
    /// <param name="table">The cohort table.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment CohortHeatmap(CohortTable table, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var o = Checked(options);
        var rows = table.Cohorts.Count;
        var columns = table.Columns.Count;
        var share = IsShare(table.Measure);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var observable = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (table[r, c] is { } v)
                {
                    observable++;
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        if (share)
        {
            (min, max) = (0d, 1d);
        }
        else if (observable == 0)
        {
            (min, max) = (0d, 1d);
        }

        const double labelWidth = 130;
        var plotWidth = o.Width - labelWidth - SvgChart.Right;
        var cellWidth = columns == 0 ? plotWidth : plotWidth / columns;
        var cellHeight = rows == 0 ? 0 : Math.Clamp(o.Height / (double)rows, 2d, 24d);
        var top = SvgChart.Top + 16;
        var height = top + rows * cellHeight + 64;
        var title = o.Title ?? $"Cohorts: {MeasureName(table.Measure)} by {PeriodName(table.Period)}";
        var chart = SvgChart.Begin("cohort-heatmap", title, o.Width, height, new Dictionary<string, string>
        {
            ["data-rows"] = Invariant(rows),
            ["data-columns"] = Invariant(columns),
            ["data-observable"] = Invariant(observable),
            ["data-measure"] = table.Measure.ToString(),
        });
        var w = chart.Writer;

        var every = Every(24, cellWidth);
        for (var c = 0; c < columns; c += every)
        {
            chart.Label(labelWidth + (c + 0.5) * cellWidth, top - 5, table.Columns[c].ToString(), "middle", 12, cssClass: "rm-tick-label", fill: Styles.Axis);
        }

        var rowEvery = Every(11, cellHeight);
        var tooltips = (long)rows * columns <= MaximumTooltipCells;
        for (var r = 0; r < rows; r++)
        {
            var cohort = table.Cohorts[r];
            var y = top + r * cellHeight;
            if (r % rowEvery == 0)
            {
                var name = cohort.Group is null ? cohort.Label : $"{cohort.Group} · {cohort.Label}";
                chart.Label(labelWidth - 6, y + Math.Min(cellHeight, 14) - 3, $"{MarkupWriter.Shorten(name, 16)} ({Invariant(cohort.Size)})", "end", 26, cssClass: "rm-tick-label", fill: Styles.Axis);
            }

            for (var c = 0; c < columns; c++)
            {
                var x = labelWidth + c * cellWidth;
                if (table[r, c] is { } value)
                {
                    var t = (value - min) / (max - min);
                    w.Start("rect").Attr("class", "rm-cell").Attr("x", x).Attr("y", y).Attr("width", cellWidth).Attr("height", cellHeight)
                        .Attr("fill", Styles.Sequential(t)).Attr("data-row", r).Attr("data-column", c).Attr("data-value", MarkupWriter.Data(value));
                    if (tooltips)
                    {
                        w.EndStart().Element("title", $"{cohort.Group}{(cohort.Group is null ? string.Empty : " · ")}{cohort.Label}, offset {table.Columns[c]}: {FormatMeasure(table.Measure, value)}")
                            .Close("rect");
                    }
                    else
                    {
                        w.EndEmpty();
                    }
                    if (cellWidth >= 34 && cellHeight >= 14)
                    {
                        chart.Label(x + cellWidth / 2, y + cellHeight / 2 + 4, FormatMeasure(table.Measure, value), "middle", 8, "font-size:10px", fill: t > 0.55 ? "#ffffff" : "#1f2933");
                    }
                }
                else
                {
                    w.Start("rect").Attr("class", "rm-unobserved").Attr("x", x).Attr("y", y).Attr("width", cellWidth).Attr("height", cellHeight)
                        .Attr("fill", Styles.Unobserved).Attr("stroke", "#d0d0d0").Attr("stroke-dasharray", "2 2").Attr("stroke-width", 0.5)
                        .Attr("data-row", r).Attr("data-column", c).EndEmpty();
                }
            }
        }

        var legendY = top + rows * cellHeight + 14;
        chart.Label(labelWidth - 6, legendY + 10, "scale", "end", cssClass: "rm-legend", fill: Styles.Axis);
        for (var i = 0; i < 5; i++)
        {
            var t = i / 4d;
            var x = labelWidth + i * 56;
            w.Start("rect").Attr("class", "rm-swatch").Attr("x", x).Attr("y", legendY).Attr("width", 14).Attr("height", 12).Attr("fill", Styles.Sequential(t)).EndEmpty();
            chart.Label(x + 18, legendY + 10, FormatMeasure(table.Measure, min + t * (max - min)), cssClass: "rm-legend", fill: Styles.Axis);
        }

        w.Start("rect").Attr("class", "rm-swatch").Attr("x", labelWidth + 5 * 56).Attr("y", legendY).Attr("width", 14).Attr("height", 12)
            .Attr("fill", Styles.Unobserved).Attr("stroke", "#d0d0d0").Attr("stroke-dasharray", "2 2").EndEmpty();
        chart.Label(labelWidth + 5 * 56 + 18, legendY + 10, "not observable yet", cssClass: "rm-legend", fill: Styles.Axis);
        chart.Label(labelWidth, legendY + 36, $"offset ({PeriodName(table.Period)}s since acquisition)", cssClass: "rm-axis-label", fill: Styles.Axis);
        return chart.End();
    }

    /// <summary>The RFM grid: recency score (rows, best at the top) × frequency score (columns), with counts and mean monetary value.</summary>
    /// <remarks>
    /// <c>data-chart="rfm-grid"</c>. Exactly bins × bins <c>&lt;rect class="rm-cell"&gt;</c>, empty cells included, each
    /// with <c>data-recency</c>, <c>data-frequency</c> (the scores), <c>data-count</c> and <c>data-mean-monetary</c>
    /// (0 for an empty cell); darker means more customers. The root carries <c>data-bins</c> and <c>data-customers</c>.
    /// <b>Aggregates</b> the table once.
    /// </remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="table">The RFM table.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment RfmGrid<TKey>(RfmTable<TKey> table, ChartOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(table);
        var o = Checked(options);
        var grid = RfmCells.From(table);
        var n = grid.Bins;
        var maxCount = 0;
        foreach (var count in grid.Counts)
        {
            maxCount = Math.Max(maxCount, count);
        }

        const double labelWidth = 70;
        var cellWidth = (o.Width - labelWidth - SvgChart.Right) / n;
        var cellHeight = Math.Min(cellWidth * 0.7, o.Height / (double)n);
        var top = SvgChart.Top + 6;
        var height = top + n * cellHeight + 50;
        var chart = SvgChart.Begin("rfm-grid", o.Title ?? "RFM grid: customers by recency and frequency score", o.Width, height, new Dictionary<string, string>
        {
            ["data-bins"] = Invariant(n),
            ["data-customers"] = Invariant(table.Count),
        });
        var w = chart.Writer;
        for (var row = 0; row < n; row++)
        {
            var recency = n - row;
            var y = top + row * cellHeight;
            chart.Label(labelWidth - 8, y + cellHeight / 2 + 4, Invariant(recency), "end", cssClass: "rm-tick-label", fill: Styles.Axis);
            for (var f = 1; f <= n; f++)
            {
                var x = labelWidth + (f - 1) * cellWidth;
                var count = grid.Count(recency, f);
                var mean = grid.MeanMonetary(recency, f);
                var t = maxCount == 0 ? 0d : (double)count / maxCount;
                w.Start("rect").Attr("class", "rm-cell").Attr("x", x).Attr("y", y).Attr("width", cellWidth - 1).Attr("height", cellHeight - 1)
                    .Attr("fill", Styles.Sequential(t)).Attr("data-recency", recency).Attr("data-frequency", f).Attr("data-count", count)
                    .Attr("data-mean-monetary", MarkupWriter.Data(mean))
                    .EndStart().Element("title", $"R{recency} F{f}: {Invariant(count)} customers, mean monetary {SvgChart.Compact(mean)}").Close("rect");
                if (cellWidth >= 40 && cellHeight >= 16)
                {
                    var fill = t > 0.55 ? "#ffffff" : "#1f2933";
                    chart.Label(x + cellWidth / 2, y + cellHeight / 2 + (cellHeight >= 30 ? -2 : 4), Invariant(count), "middle", 10, "font-weight:600", fill: fill);
                    if (cellHeight >= 30 && count > 0)
                    {
                        chart.Label(x + cellWidth / 2, y + cellHeight / 2 + 12, "avg " + SvgChart.Compact(mean), "middle", 14, "font-size:10px", fill: fill);
                    }
                }
            }
        }

        for (var f = 1; f <= n; f++)
        {
            chart.Label(labelWidth + (f - 0.5) * cellWidth, top + n * cellHeight + 14, Invariant(f), "middle", cssClass: "rm-tick-label", fill: Styles.Axis);
        }

        chart.Label(labelWidth + n * cellWidth / 2, top + n * cellHeight + 34, "frequency score", "middle", cssClass: "rm-axis-label", fill: Styles.Axis);
        chart.Label(4, top - 8, "recency score", cssClass: "rm-axis-label", fill: Styles.Axis);
        return chart.End();
    }

    /// <summary>The RFM segment summary as horizontal bars of customers per segment, with shares of customers and revenue.</summary>
    /// <remarks><c>data-chart="rfm-segments"</c>. One <c>&lt;rect class="rm-bar"&gt;</c> per segment, in the order given, with <c>data-segment</c> and <c>data-customers</c>.</remarks>
    /// <param name="segments">The segment rows (<see cref="RfmTable{TKey}.Segments"/>).</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or one of its rows is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment RfmSegments(IReadOnlyList<RfmSegmentSummary> segments, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var o = Checked(options);
        var max = 0;
        foreach (var segment in segments)
        {
            ArgumentNullException.ThrowIfNull(segment, nameof(segments));
            max = Math.Max(max, segment.Customers);
        }

        const double labelWidth = 150;
        var rowHeight = segments.Count == 0 ? 20 : Math.Clamp(o.Height / (double)segments.Count, 14d, 26d);
        var top = SvgChart.Top + 4;
        var height = top + segments.Count * rowHeight + 16;
        var chart = SvgChart.Begin("rfm-segments", o.Title ?? "RFM segments: customers (share of customers, share of revenue)", o.Width, height,
            new Dictionary<string, string> { ["data-segments"] = Invariant(segments.Count) });
        var w = chart.Writer;
        var barSpace = o.Width - labelWidth - SvgChart.Right - 150;
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            var y = top + i * rowHeight;
            var width = max == 0 ? 0 : barSpace * s.Customers / max;
            chart.Label(labelWidth - 6, y + rowHeight / 2 + 4, s.Segment, "end", 24);
            w.Start("rect").Attr("class", "rm-bar").Attr("x", labelWidth).Attr("y", y + 2).Attr("width", width).Attr("height", rowHeight - 4)
                .Attr("fill", Styles.Category(i)).Attr("data-segment", s.Segment).Attr("data-customers", s.Customers)
                .EndStart().Element("title", $"{s.Segment}: {Invariant(s.Customers)} customers").Close("rect");
            chart.Label(labelWidth + width + 6, y + rowHeight / 2 + 4,
                $"{Invariant(s.Customers)} ({SvgChart.Percent(s.CustomerShare)} of customers, {SvgChart.Percent(s.RevenueShare)} of revenue)", maximumCharacters: 60, style: "font-size:10px", fill: Styles.Axis);
        }

        return chart.End();
    }

    /// <summary>The distribution of health scores over 0–100, on top of the score bands.</summary>
    /// <remarks>
    /// <c>data-chart="health-distribution"</c>. One <c>&lt;rect class="rm-band"&gt;</c> per band (behind the bars,
    /// with <c>data-band</c>, <c>data-count</c>), exactly <see cref="ChartOptions.Bins"/> <c>&lt;rect class="rm-bar"&gt;</c>
    /// of equal width over 0–100 (empty bins have height 0; a score of 100 counts in the last bin), each with
    /// <c>data-from</c>, <c>data-to</c> and <c>data-count</c>, coloured by the band holding the bin's middle.
    /// One <c>rm-legend</c> text per band gives its count and share. <b>Aggregates</b> the scores once.
    /// </remarks>
    /// <param name="scores">The scores.</param>
    /// <param name="bands">The bands; when null, the distinct bands of the scores.</param>
    /// <param name="options">Size, title and bins; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> or one of the scores is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment HealthDistribution(IEnumerable<HealthScore> scores, IReadOnlyList<HealthBand>? bands = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var o = Checked(options);
        var distribution = HealthCounts.From(scores, bands, o.Bins);
        var chart = SvgChart.Begin("health-distribution", o.Title ?? "Health scores by band", o.Width, o.Height + SvgChart.Top + SvgChart.Bottom + 20,
            new Dictionary<string, string> { ["data-customers"] = Invariant(distribution.Total), ["data-bins"] = Invariant(o.Bins) });
        var w = chart.Writer;
        var x = new LinearScale(0, 100, chart.PlotLeft, chart.PlotRight);
        var y = new LinearScale(0, Math.Max(1, distribution.Bins.Max()), chart.PlotBottom - 20, chart.PlotTop);
        for (var i = 0; i < distribution.Bands.Count; i++)
        {
            var band = distribution.Bands[i];
            var color = Styles.BandColor(i, distribution.Bands.Count);
            w.Start("rect").Attr("class", "rm-band").Attr("x", x.Map(band.From)).Attr("y", chart.PlotTop).Attr("width", x.Map(band.To) - x.Map(band.From))
                .Attr("height", chart.PlotBottom - 20 - chart.PlotTop).Attr("fill", color).Attr("fill-opacity", 0.12)
                .Attr("data-band", band.Name).Attr("data-count", distribution.BandCounts[i])
                .EndStart().Element("title", $"{band.Name} [{SvgChart.Compact(band.From)}, {SvgChart.Compact(band.To)})").Close("rect");
        }

        chart.YAxis(y, "customers");
        var binWidth = 100d / o.Bins;
        for (var b = 0; b < o.Bins; b++)
        {
            var from = b * binWidth;
            var to = b == o.Bins - 1 ? 100d : (b + 1) * binWidth;
            var rank = distribution.BandIndexOf((from + to) / 2);
            var count = distribution.Bins[b];
            var top = y.Map(count);
            w.Start("rect").Attr("class", "rm-bar").Attr("x", x.Map(from) + 0.5).Attr("y", top).Attr("width", Math.Max(0, x.Map(to) - x.Map(from) - 1))
                .Attr("height", Math.Max(0, y.Map(0) - top)).Attr("fill", rank < 0 ? Styles.Category(0) : Styles.BandColor(rank, distribution.Bands.Count))
                .Attr("data-from", from).Attr("data-to", to).Attr("data-count", count)
                .EndStart().Element("title", $"{SvgChart.Compact(from)}–{SvgChart.Compact(to)}: {Invariant(count)}").Close("rect");
        }

        chart.Line(chart.PlotLeft, chart.PlotBottom - 20, chart.PlotRight, chart.PlotBottom - 20, Styles.Axis);
        foreach (var tick in new[] { 0d, 20, 40, 60, 80, 100 })
        {
            chart.Label(x.Map(tick), chart.PlotBottom - 6, SvgChart.Compact(tick), "middle", cssClass: "rm-tick-label", fill: Styles.Axis);
        }

        var legendX = chart.PlotLeft;
        for (var i = 0; i < distribution.Bands.Count; i++)
        {
            var share = distribution.Total == 0 ? 0 : (double)distribution.BandCounts[i] / distribution.Total;
            var text = $"■ {MarkupWriter.Shorten(distribution.Bands[i].Name, 20)}: {Invariant(distribution.BandCounts[i])} ({SvgChart.Percent(share)})";
            chart.Label(legendX, chart.Height - 10, text, maximumCharacters: 48, cssClass: "rm-legend", fill: Styles.BandColor(i, distribution.Bands.Count));
            legendX += Math.Min(text.Length, 48) * 6.2 + 14;
        }

        return chart.End();
    }

    /// <summary>Clusters as a scatter of two chosen features, coloured by cluster, with the centroids.</summary>
    /// <remarks>
    /// <para><c>data-chart="cluster-scatter"</c>. Exactly min(rows, <see cref="ChartOptions.MaximumPoints"/>)
    /// <c>&lt;circle class="rm-point"&gt;</c> (with <c>data-cluster</c>) and one <c>&lt;circle class="rm-centroid"&gt;</c>
    /// per centroid (with <c>data-cluster</c>). The root carries <c>data-points</c> (drawn), <c>data-total</c> (rows)
    /// and <c>data-clusters</c>.</para>
    /// <para>Above the limit the points are down-sampled deterministically: each cluster keeps a share of the limit in
    /// proportion to its size (largest remainders break ties toward lower cluster numbers), taken at an even stride
    /// through its rows, so the picture keeps every cluster's shape and a million rows still give a small chart. The
    /// axes span all rows and centroids, not only the drawn ones. <b>Aggregates</b>: two passes over the rows, no copy.</para>
    /// </remarks>
    /// <param name="features">The feature rows.</param>
    /// <param name="assignments">The cluster of each row.</param>
    /// <param name="centroids">The centroids, in the same space as <paramref name="features"/>.</param>
    /// <param name="xFeature">The column drawn across.</param>
    /// <param name="yFeature">The column drawn up.</param>
    /// <param name="featureNames">The column names, one per column; <c>feature 0</c>, <c>feature 1</c>, … when null.</param>
    /// <param name="options">Size, title and point limit; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/>, <paramref name="assignments"/> or <paramref name="centroids"/> is null.</exception>
    /// <exception cref="ArgumentException">The assignments, centroids or names do not match the features, or an assignment names no centroid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feature index or an option is out of range.</exception>
    public static HtmlFragment ClusterScatter(
        FeatureMatrix features, IReadOnlyList<int> assignments, FeatureMatrix centroids, int xFeature, int yFeature,
        IReadOnlyList<string>? featureNames = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(centroids);
        var o = Checked(options);
        CheckFeature(xFeature, features.Columns, nameof(xFeature));
        CheckFeature(yFeature, features.Columns, nameof(yFeature));
        if (assignments.Count != features.Rows)
        {
            throw new ArgumentException(RenderingErrorMessages.AssignmentCountMismatch, nameof(assignments));
        }

        if (centroids.Columns != features.Columns)
        {
            throw new ArgumentException(RenderingErrorMessages.CentroidColumnsMismatch, nameof(centroids));
        }

        if (featureNames is not null && featureNames.Count != features.Columns)
        {
            throw new ArgumentException(RenderingErrorMessages.FeatureNamesMismatch, nameof(featureNames));
        }

        var k = centroids.Rows;
        var sizes = new int[k];
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < features.Rows; i++)
        {
            var cluster = assignments[i];
            if (cluster < 0 || cluster >= k)
            {
                throw new ArgumentException(RenderingErrorMessages.AssignmentOutOfRange, nameof(assignments));
            }

            sizes[cluster]++;
            Extend(features[i, xFeature], ref minX, ref maxX);
            Extend(features[i, yFeature], ref minY, ref maxY);
        }

        for (var c = 0; c < k; c++)
        {
            Extend(centroids[c, xFeature], ref minX, ref maxX);
            Extend(centroids[c, yFeature], ref minY, ref maxY);
        }

        var quotas = ScatterSampling.Quotas(sizes, o.MaximumPoints);
        var shown = quotas.Sum();
        var xName = featureNames?[xFeature] ?? $"feature {xFeature}";
        var yName = featureNames?[yFeature] ?? $"feature {yFeature}";
        var chart = SvgChart.Begin("cluster-scatter", o.Title ?? $"Clusters: {yName} by {xName}", o.Width, o.Height + SvgChart.Top + SvgChart.Bottom + 16,
            new Dictionary<string, string>
            {
                ["data-points"] = Invariant(shown),
                ["data-total"] = Invariant(features.Rows),
                ["data-clusters"] = Invariant(k),
            });
        var w = chart.Writer;
        var padX = (maxX - minX) * 0.04;
        var padY = (maxY - minY) * 0.04;
        var x = new LinearScale(minX - padX, maxX + padX, chart.PlotLeft, chart.PlotRight);
        var y = new LinearScale(minY - padY, maxY + padY, chart.PlotBottom - 16, chart.PlotTop);
        var plotBottom = chart.PlotBottom - 16;
        chart.YAxis(y, yName);
        DrawXAxis(chart, x, plotBottom, xName);

        var seen = new int[k];
        var taken = new int[k];
        w.Start("g").Attr("fill-opacity", shown > 500 ? 0.45 : 0.7).EndStart();
        for (var i = 0; i < features.Rows; i++)
        {
            var c = assignments[i];
            var m = seen[c]++;
            // Member m of a cluster of size s with quota q is drawn when floor((m + 1)·q / s) passes floor(m·q / s):
            // exactly q members, evenly spread through the cluster's rows.
            if ((long)(m + 1) * quotas[c] / sizes[c] == (long)m * quotas[c] / sizes[c])
            {
                continue;
            }

            taken[c]++;
            w.Start("circle").Attr("class", "rm-point").Attr("cx", x.Map(features[i, xFeature])).Attr("cy", y.Map(features[i, yFeature]))
                .Attr("r", shown > 5_000 ? 1.2 : 2.2).Attr("fill", Styles.Category(c)).Attr("data-cluster", c).EndEmpty();
        }

        w.Close("g");
        for (var c = 0; c < k; c++)
        {
            w.Start("circle").Attr("class", "rm-centroid").Attr("cx", x.Map(centroids[c, xFeature])).Attr("cy", y.Map(centroids[c, yFeature]))
                .Attr("r", 7).Attr("fill", Styles.Category(c)).Attr("stroke", "#1f2933").Attr("stroke-width", 2).Attr("data-cluster", c)
                .EndStart().Element("title", $"cluster {Invariant(c)}: {Invariant(sizes[c])} customers, centroid ({SvgChart.Compact(centroids[c, xFeature])}, {SvgChart.Compact(centroids[c, yFeature])})")
                .Close("circle");
        }

        var legendX = chart.PlotLeft;
        for (var c = 0; c < k && c < 12; c++)
        {
            chart.Label(legendX, chart.Height - 6, $"● {Invariant(c)}: {Invariant(sizes[c])}", cssClass: "rm-legend", fill: Styles.Category(c));
            legendX += 80;
        }

        if (shown < features.Rows)
        {
            chart.Label(chart.PlotRight, chart.PlotTop - 6, $"{Invariant(shown)} of {Invariant(features.Rows)} points drawn", "end", cssClass: "rm-legend", fill: Styles.Axis);
        }

        return chart.End();
    }

    /// <summary>Clusters of a fitted model as a scatter of two features of the rows it was fitted on.</summary>
    /// <remarks>The same chart and contract as <see cref="ClusterScatter(FeatureMatrix, IReadOnlyList{int}, FeatureMatrix, int, int, IReadOnlyList{string}?, ChartOptions?)"/>, with the model's assignments and centroids.</remarks>
    /// <param name="features">The rows the model was fitted on.</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="xFeature">The column drawn across.</param>
    /// <param name="yFeature">The column drawn up.</param>
    /// <param name="featureNames">The column names; generic names when null.</param>
    /// <param name="options">Size, title and point limit; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model was not fitted on rows of this shape, or the names do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feature index or an option is out of range.</exception>
    public static HtmlFragment ClusterScatter(
        FeatureMatrix features, KMeansModel model, int xFeature, int yFeature, IReadOnlyList<string>? featureNames = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(model);
        return ClusterScatter(features, model.Assignments, model.Centroids, xFeature, yFeature, featureNames, options);
    }

    /// <summary>Clusters fitted on RFM features, drawn in original units (days, transactions, money) with the centroids mapped back.</summary>
    /// <remarks>
    /// The same chart and contract as <see cref="ClusterScatter(FeatureMatrix, IReadOnlyList{int}, FeatureMatrix, int, int, IReadOnlyList{string}?, ChartOptions?)"/>:
    /// the points are <see cref="RfmFeatureSet{TKey}.Raw"/>, the centroids <see cref="RfmFeatureSet{TKey}.ToOriginalUnits"/> of the model's.
    /// </remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="features">The RFM features the model was fitted on (their <see cref="RfmFeatureSet{TKey}.Scaled"/> rows).</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="xFeature">The column drawn across: 0 recency, 1 frequency, 2 monetary.</param>
    /// <param name="yFeature">The column drawn up.</param>
    /// <param name="options">Size, title and point limit; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model was not fitted on these features.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feature index or an option is out of range.</exception>
    public static HtmlFragment ClusterScatter<TKey>(RfmFeatureSet<TKey> features, KMeansModel model, int xFeature, int yFeature, ChartOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(model);
        if (model.Dimensions != features.Raw.Columns)
        {
            throw new ArgumentException(RenderingErrorMessages.CentroidColumnsMismatch, nameof(model));
        }

        return ClusterScatter(features.Raw, model.Assignments, features.ToOriginalUnits(model.Centroids), xFeature, yFeature, RfmFeatureSet<TKey>.ColumnNames, options);
    }

    /// <summary>The choice of k: the inertia of each k tried (the elbow curve), with the k each rule chose in the title.</summary>
    /// <remarks>
    /// <c>data-chart="cluster-selection"</c>. One <c>&lt;circle class="rm-point" data-series="inertia"&gt;</c> per k tried
    /// (with <c>data-k</c> and <c>data-value</c>) and one <c>&lt;path class="rm-curve"&gt;</c>; the root carries
    /// <c>data-elbow</c> and <c>data-silhouette</c>, the k chosen by each rule.
    /// </remarks>
    /// <param name="selection">The result of <see cref="KMeans.ChooseNumberOfClusters"/>.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ClusterSelection(KMeansSelection selection, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var o = Checked(options);
        var ks = selection.Candidates.Select(c => Invariant(c.NumberOfClusters)).ToArray();
        var series = new[] { new LineSeries("inertia", selection.Candidates.Select(c => (double?)c.Inertia).ToArray(), true, false) };
        var markup = LineChart("cluster-selection", o.Title ?? $"Choosing k: elbow at k = {Invariant(selection.ByElbow)}, best silhouette at k = {Invariant(selection.BySilhouette)}",
            o, ks, series, "number of clusters k", "inertia", null, "data-k", ks).Markup;
        var insert = markup.IndexOf('>', StringComparison.Ordinal);
        return HtmlFragment.FromTrustedMarkup(string.Concat(markup.AsSpan(0, insert),
            $" data-elbow=\"{Invariant(selection.ByElbow)}\" data-silhouette=\"{Invariant(selection.BySilhouette)}\"", markup.AsSpan(insert)));
    }

    /// <summary>Kaplan–Meier survival curves of one or more groups, each with its pointwise confidence band.</summary>
    /// <remarks>
    /// <c>data-chart="survival-curves"</c>. Per group one <c>&lt;g class="rm-group" data-group="NAME"&gt;</c> holding one
    /// <c>&lt;path class="rm-band"&gt;</c> (the log-log confidence band as a shaded step area) and one
    /// <c>&lt;path class="rm-curve"&gt;</c> (the step function, starting at S = 1 at time 0), both with <c>data-group</c>.
    /// The y axis is 0–100%; one <c>rm-legend</c> text per group gives subjects, events and the median.
    /// </remarks>
    /// <param name="curves">The curves by group name, in legend order.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curves"/> or a curve is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="curves"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment SurvivalCurves(IReadOnlyList<KeyValuePair<string, KaplanMeierCurve>> curves, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var o = Checked(options);
        if (curves.Count == 0)
        {
            throw new ArgumentException(RenderingErrorMessages.NothingToDraw, nameof(curves));
        }

        var maxTime = 0d;
        foreach (var (_, curve) in curves)
        {
            ArgumentNullException.ThrowIfNull(curve, nameof(curves));
            if (curve.Steps.Count > 0)
            {
                maxTime = Math.Max(maxTime, curve.Steps[^1].Time);
            }
        }

        var legendRows = (curves.Count + 2) / 3;
        var chart = SvgChart.Begin("survival-curves", o.Title ?? "Survival (Kaplan–Meier) with confidence bands", o.Width, o.Height + SvgChart.Top + SvgChart.Bottom + legendRows * 16,
            new Dictionary<string, string> { ["data-groups"] = Invariant(curves.Count) }, bottom: SvgChart.Bottom + legendRows * 16);
        var w = chart.Writer;
        var x = new LinearScale(0, maxTime <= 0 ? 1 : maxTime, chart.PlotLeft, chart.PlotRight);
        var y = new LinearScale(0, 1, chart.PlotBottom, chart.PlotTop);
        chart.YAxis(y, "surviving", SvgChart.Percent);
        chart.XAxis(x, "time");
        for (var g = 0; g < curves.Count; g++)
        {
            var (name, curve) = curves[g];
            var color = Styles.Category(g);
            w.Start("g").Attr("class", "rm-group").Attr("data-group", name).EndStart();
            w.Start("path").Attr("class", "rm-band").Attr("d", BandPath(curve, x, y)).Attr("fill", color).Attr("fill-opacity", 0.18)
                .Attr("stroke", "none").Attr("data-group", name).EndEmpty();
            w.Start("path").Attr("class", "rm-curve").Attr("d", StepPath(curve, x, y)).Attr("fill", "none").Attr("stroke", color)
                .Attr("stroke-width", 2).Attr("data-group", name).EndStart()
                .Element("title", $"{name}: {Invariant(curve.Subjects)} subjects, {Invariant(curve.Events)} events").Close("path");
            w.Close("g");
            var median = curve.Median is { } m ? SvgChart.Compact(m) : "not reached";
            chart.Label(chart.PlotLeft + (g % 3) * (chart.PlotRight - chart.PlotLeft) / 3, chart.PlotBottom + 40 + (g / 3) * 16,
                $"— {MarkupWriter.Shorten(name, 18)}: n={Invariant(curve.Subjects)}, events={Invariant(curve.Events)}, median={median}",
                maximumCharacters: 60, cssClass: "rm-legend", fill: color);
        }

        return chart.End();
    }

    /// <summary>One Kaplan–Meier curve with its confidence band.</summary>
    /// <remarks>The chart of <see cref="SurvivalCurves(IReadOnlyList{KeyValuePair{string, KaplanMeierCurve}}, ChartOptions?)"/> with one group.</remarks>
    /// <param name="curve">The curve.</param>
    /// <param name="name">The group name shown in the legend.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curve"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment SurvivalCurve(KaplanMeierCurve curve, string name = "all", ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(name);
        return SurvivalCurves([new KeyValuePair<string, KaplanMeierCurve>(name, curve)], options);
    }

    /// <summary>Predicted versus actual holdout purchases by calibration frequency (the calibration/holdout check of a transaction model).</summary>
    /// <remarks>
    /// <c>data-chart="holdout-comparison"</c>. Two series, <c>actual</c> and <c>predicted</c>: per frequency group one
    /// <c>&lt;circle class="rm-point"&gt;</c> per series (2 × groups, with <c>data-series</c>, <c>data-frequency</c>,
    /// <c>data-value</c>) and one <c>&lt;path class="rm-curve"&gt;</c> per series.
    /// </remarks>
    /// <param name="comparison">The comparison from <see cref="CalibrationHoldoutSplit.Compare"/>.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment HoldoutComparison(HoldoutComparison comparison, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var o = Checked(options);
        var groups = comparison.ByFrequency;
        var labels = groups.Select(g => Invariant(g.Frequency) + (g.AndAbove ? "+" : string.Empty)).ToArray();
        var series = new[]
        {
            new LineSeries("actual", groups.Select(g => (double?)g.MeanActual).ToArray(), true, false),
            new LineSeries("predicted", groups.Select(g => (double?)g.MeanPredicted).ToArray(), true, true),
        };
        return LineChart("holdout-comparison", o.Title ?? "Holdout purchases: actual and predicted by calibration frequency", o, labels, series,
            "calibration purchases (frequency)", "mean holdout purchases", null, "data-frequency", groups.Select(g => Invariant(g.Frequency)).ToArray());
    }

    /// <summary>Observed against fitted survival of a shifted-beta-geometric (sBG) contract model.</summary>
    /// <remarks>
    /// <c>data-chart="survival-fit"</c>. One <c>&lt;circle class="rm-point" data-series="observed"&gt;</c> per observed
    /// period (alive / alive at period 0), and one <c>&lt;path class="rm-curve"&gt;</c> for the observed series and one for
    /// the fitted series <c>S(t)</c> over periods 0 to max(observed, <paramref name="periods"/>) — the fitted curve has no points.
    /// </remarks>
    /// <param name="model">The fitted model.</param>
    /// <param name="aliveAtPeriodStart">The customers alive at the start of each period, as fitted; the first must be positive.</param>
    /// <param name="periods">The last period of the fitted curve; the observed length when null (use more to show a projection).</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="aliveAtPeriodStart"/> is null.</exception>
    /// <exception cref="ArgumentException">The counts are empty or do not start positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative, or an option is out of range.</exception>
    public static HtmlFragment SurvivalFit(ShiftedBetaGeometricModel model, IReadOnlyList<long> aliveAtPeriodStart, int? periods = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(aliveAtPeriodStart);
        var o = Checked(options);
        if (aliveAtPeriodStart.Count == 0 || aliveAtPeriodStart[0] <= 0)
        {
            throw new ArgumentException(RenderingErrorMessages.SurvivalCountsNotValid, nameof(aliveAtPeriodStart));
        }

        if (periods is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(periods), RenderingErrorMessages.PeriodsNegative);
        }

        var last = Math.Max(aliveAtPeriodStart.Count - 1, periods ?? 0);
        var fitted = model.SurvivalCurve(last);
        var observed = new double?[last + 1];
        for (var t = 0; t < aliveAtPeriodStart.Count; t++)
        {
            observed[t] = (double)aliveAtPeriodStart[t] / aliveAtPeriodStart[0];
        }

        var labels = Enumerable.Range(0, last + 1).Select(Invariant).ToArray();
        var series = new[]
        {
            new LineSeries("observed", observed, true, false),
            new LineSeries("fitted", fitted.Select(v => (double?)v).ToArray(), false, true),
        };
        return LineChart("survival-fit", o.Title ?? $"Survival: observed and fitted sBG (alpha {SvgChart.Compact(model.Alpha)}, beta {SvgChart.Compact(model.Beta)})",
            o, labels, series, "period", "surviving", (0d, 1d), "data-period", labels, SvgChart.Percent);
    }

    /// <summary>A histogram of values, such as lifetime value or spend per customer.</summary>
    /// <remarks>
    /// <para><c>data-chart="histogram"</c>. Exactly <see cref="ChartOptions.Bins"/> <c>&lt;rect class="rm-bar"&gt;</c> of
    /// equal width (empty bins have height 0), each with <c>data-from</c>, <c>data-to</c> and <c>data-count</c>; the
    /// counts add up to the number of values. The range runs from the smallest value to the
    /// <see cref="ChartOptions.HistogramUpperQuantile"/> quantile (nearest rank); values above it are counted in the last bar,
    /// which then has <c>data-open="true"</c>. The root carries <c>data-values</c>.</para>
    /// <para><b>Buffers</b> a sorted copy of the values (for the quantile).</para>
    /// </remarks>
    /// <param name="values">The values; each finite.</param>
    /// <param name="valueLabel">What the values are, for the x axis (for example "lifetime value").</param>
    /// <param name="options">Size, title, bins and quantile; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or <paramref name="valueLabel"/> is null.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment Histogram(IReadOnlyList<double> values, string valueLabel, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valueLabel);
        var o = Checked(options);
        var h = HistogramBins.From(values, o.Bins, o.HistogramUpperQuantile, nameof(values));
        var chart = SvgChart.Begin("histogram", o.Title ?? $"Distribution of {valueLabel}", o.Width, o.Height + SvgChart.Top + SvgChart.Bottom,
            new Dictionary<string, string> { ["data-values"] = Invariant(values.Count), ["data-bins"] = Invariant(o.Bins) });
        var w = chart.Writer;
        var x = new LinearScale(h.Low, h.High, chart.PlotLeft, chart.PlotRight);
        var y = new LinearScale(0, Math.Max(1, h.Counts.Max()), chart.PlotBottom, chart.PlotTop);
        chart.YAxis(y, "customers");
        chart.XAxis(x, h.Open ? $"{valueLabel} (last bar: {SvgChart.Compact(h.High)} and above)" : valueLabel);
        for (var b = 0; b < h.Counts.Length; b++)
        {
            var from = h.Low + b * (h.High - h.Low) / h.Counts.Length;
            var to = b == h.Counts.Length - 1 ? h.High : h.Low + (b + 1) * (h.High - h.Low) / h.Counts.Length;
            var top = y.Map(h.Counts[b]);
            var open = h.Open && b == h.Counts.Length - 1;
            w.Start("rect").Attr("class", "rm-bar").Attr("x", x.Map(from) + 0.5).Attr("y", top).Attr("width", Math.Max(0, x.Map(to) - x.Map(from) - 1))
                .Attr("height", Math.Max(0, y.Map(0) - top)).Attr("fill", open ? "#9aa5b1" : Styles.Category(0))
                .Attr("data-from", MarkupWriter.Data(from)).Attr("data-to", MarkupWriter.Data(to)).Attr("data-count", h.Counts[b]);
            if (open)
            {
                w.Attr("data-open", "true");
            }

            w.EndStart().Element("title", $"{SvgChart.Compact(from)} to {(open ? "above" : SvgChart.Compact(to))}: {Invariant(h.Counts[b])}").Close("rect");
        }

        return chart.End();
    }

    /// <summary>Customer churn per period as lines: churn rate and repeat-purchase rate.</summary>
    /// <remarks>
    /// <c>data-chart="churn-rates"</c>. Series <c>churn</c> (<see cref="CustomerChurnPeriod.ChurnRate"/>) and <c>repeat</c>
    /// (<see cref="CustomerChurnPeriod.RepeatPurchaseRate"/>): one <c>&lt;circle class="rm-point"&gt;</c> per period whose
    /// rate is defined (with <c>data-series</c>, <c>data-period</c>, <c>data-value</c>) and one <c>&lt;path class="rm-curve"&gt;</c>
    /// per series with at least one defined rate. The y axis is 0–100%.
    /// </remarks>
    /// <param name="table">The churn table.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment ChurnRates(CustomerChurnTable table, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var o = Checked(options);
        var labels = table.Rows.Select(r => r.Label).ToArray();
        var series = new[]
        {
            new LineSeries("churn", table.Rows.Select(r => r.ChurnRate).ToArray(), true, false),
            new LineSeries("repeat", table.Rows.Select(r => r.RepeatPurchaseRate).ToArray(), true, true),
        };
        return LineChart("churn-rates", o.Title ?? "Customer churn rate and repeat-purchase rate per period", o, labels, series, "period", "rate",
            (0d, 1d), "data-period", labels, SvgChart.Percent);
    }

    /// <summary>MRR movements per period as stacked bars: new, expansion and reactivation up; contraction and churn down.</summary>
    /// <remarks>
    /// <c>data-chart="mrr-movements"</c>. Exactly five <c>&lt;rect class="rm-bar"&gt;</c> per period (zero-height when a
    /// movement is 0), with <c>data-series</c> (<c>new</c>, <c>expansion</c>, <c>reactivation</c>, <c>contraction</c>,
    /// <c>churned</c>), <c>data-period</c> and <c>data-value</c> (signed: contraction and churn negative).
    /// </remarks>
    /// <param name="table">The MRR movement table.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment MrrMovements(MrrMovementTable table, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var o = Checked(options);
        string[] names = ["new", "expansion", "reactivation", "contraction", "churned"];
        var values = table.Rows.Select(r => new[]
        {
            (double)r.NewMrr, (double)r.ExpansionMrr, (double)r.ReactivationMrr, -(double)r.ContractionMrr, -(double)r.ChurnedMrr,
        }).ToArray();
        string[] colors = ["#59a14f", "#8cd17d", "#4e79a7", "#f28e2b", "#e15759"];
        var chart = SvgChart.Begin("mrr-movements", o.Title ?? "MRR movements per period", o.Width, o.Height + SvgChart.Top + SvgChart.Bottom + 16,
            new Dictionary<string, string> { ["data-periods"] = Invariant(values.Length) }, bottom: SvgChart.Bottom + 16);
        var w = chart.Writer;
        double up = 0, down = 0;
        foreach (var row in values)
        {
            up = Math.Max(up, row.Where(v => v > 0).Sum());
            down = Math.Min(down, row.Where(v => v < 0).Sum());
        }

        var y = new LinearScale(down, Math.Max(up, down == 0 ? 1 : 0), chart.PlotBottom, chart.PlotTop);
        chart.YAxis(y, "MRR");
        var slot = (chart.PlotRight - chart.PlotLeft) / Math.Max(1, values.Length);
        var zero = y.Map(0);
        chart.Line(chart.PlotLeft, zero, chart.PlotRight, zero, Styles.Axis);
        var every = Every(60, slot);
        for (var p = 0; p < values.Length; p++)
        {
            var x = chart.PlotLeft + p * slot + slot * 0.15;
            double positive = 0, negative = 0;
            for (var s = 0; s < names.Length; s++)
            {
                var v = values[p][s];
                double from, to;
                if (v >= 0)
                {
                    from = positive;
                    to = positive += v;
                }
                else
                {
                    from = negative;
                    to = negative += v;
                }

                var yTop = Math.Min(y.Map(from), y.Map(to));
                w.Start("rect").Attr("class", "rm-bar").Attr("x", x).Attr("y", yTop).Attr("width", slot * 0.7).Attr("height", Math.Abs(y.Map(to) - y.Map(from)))
                    .Attr("fill", colors[s]).Attr("data-series", names[s]).Attr("data-period", table.Rows[p].Label).Attr("data-value", MarkupWriter.Data(v))
                    .EndStart().Element("title", $"{table.Rows[p].Label} {names[s]}: {SvgChart.Compact(v)}").Close("rect");
            }

            if (p % every == 0)
            {
                chart.Label(x + slot * 0.35, chart.PlotBottom + 14, table.Rows[p].Label, "middle", 10, cssClass: "rm-tick-label", fill: Styles.Axis);
            }
        }

        for (var s = 0; s < names.Length; s++)
        {
            chart.Label(chart.PlotLeft + s * 100, chart.Height - 8, "■ " + names[s], cssClass: "rm-legend", fill: colors[s]);
        }

        return chart.End();
    }

    /// <summary>A Net Promoter Score: the shares of detractors, passives and promoters, and the score with its interval on −100…100.</summary>
    /// <remarks>
    /// <c>data-chart="nps"</c>. With responses: three <c>&lt;rect class="rm-bar"&gt;</c> (<c>data-series</c> <c>detractors</c>,
    /// <c>passives</c>, <c>promoters</c>, widths in proportion to the counts), one <c>&lt;rect class="rm-band"&gt;</c> for the
    /// confidence interval when there is one, and one <c>&lt;circle class="rm-point"&gt;</c> at the score. Without responses,
    /// none of these, only a note.
    /// </remarks>
    /// <param name="score">The score.</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>The SVG element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="score"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static HtmlFragment NetPromoterScore(NetPromoterScore score, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        var o = Checked(options);
        var chart = SvgChart.Begin("nps", o.Title ?? $"Net Promoter Score: {(score.Score is { } s ? SvgChart.Compact(s) : "no responses")}", o.Width, 150,
            new Dictionary<string, string> { ["data-responses"] = Invariant(score.Responses) });
        var w = chart.Writer;
        if (score.Responses == 0 || score.Score is null)
        {
            chart.Label(chart.PlotLeft, 60, "No responses.", cssClass: "rm-legend", fill: Styles.Axis);
            return chart.End();
        }

        var width = chart.PlotRight - chart.PlotLeft;
        var x = chart.PlotLeft;
        (string Name, long Count, string Color)[] parts =
            [("detractors", score.Detractors, "#e15759"), ("passives", score.Passives, "#bab0ac"), ("promoters", score.Promoters, "#59a14f")];
        foreach (var (name, count, color) in parts)
        {
            var share = (double)count / score.Responses;
            w.Start("rect").Attr("class", "rm-bar").Attr("x", x).Attr("y", 32).Attr("width", width * share).Attr("height", 24).Attr("fill", color)
                .Attr("data-series", name).Attr("data-count", count).EndStart().Element("title", $"{name}: {Invariant(count)} ({SvgChart.Percent(share)})").Close("rect");
            if (width * share > 70)
            {
                chart.Label(x + 4, 48, $"{name} {SvgChart.Percent(share)}", maximumCharacters: 24, style: "font-size:10px", fill: "#ffffff");
            }

            x += width * share;
        }

        var scale = new LinearScale(-100, 100, chart.PlotLeft, chart.PlotRight);
        chart.Line(chart.PlotLeft, 100, chart.PlotRight, 100, Styles.Axis);
        foreach (var tick in new[] { -100d, -50, 0, 50, 100 })
        {
            chart.Line(scale.Map(tick), 100, scale.Map(tick), 104, Styles.Axis, "rm-tick");
            chart.Label(scale.Map(tick), 118, SvgChart.Compact(tick), "middle", cssClass: "rm-tick-label", fill: Styles.Axis);
        }

        if (score.Interval is { } interval)
        {
            w.Start("rect").Attr("class", "rm-band").Attr("x", scale.Map(interval.Low)).Attr("y", 92).Attr("width", Math.Max(1, scale.Map(interval.High) - scale.Map(interval.Low)))
                .Attr("height", 16).Attr("fill", "#4e79a7").Attr("fill-opacity", 0.25)
                .EndStart().Element("title", $"{SvgChart.Percent(interval.Level)} interval: {SvgChart.Compact(interval.Low)} to {SvgChart.Compact(interval.High)}").Close("rect");
        }

        w.Start("circle").Attr("class", "rm-point").Attr("cx", scale.Map(score.Score.Value)).Attr("cy", 100).Attr("r", 5).Attr("fill", "#1f2933")
            .Attr("data-value", MarkupWriter.Data(score.Score.Value)).EndEmpty();
        chart.Label(chart.PlotLeft, 142, $"{Invariant(score.Responses)} responses", cssClass: "rm-legend", fill: Styles.Axis);
        return chart.End();
    }

    internal static ChartOptions Checked(ChartOptions? options) => (options ?? ChartOptions.Default).Validate(nameof(options));

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static bool IsShare(CohortMeasure measure) => measure is CohortMeasure.Retention or CohortMeasure.UnboundedRetention;

    internal static string FormatMeasure(CohortMeasure measure, double value) =>
        IsShare(measure) ? SvgChart.Percent(value) : SvgChart.Compact(value);

    internal static string MeasureName(CohortMeasure measure) => measure switch
    {
        CohortMeasure.ActiveCustomers => "active customers",
        CohortMeasure.Retention => "retention",
        CohortMeasure.UnboundedCustomers => "unbounded active customers",
        CohortMeasure.UnboundedRetention => "unbounded retention",
        CohortMeasure.Revenue => "revenue",
        CohortMeasure.CumulativeRevenuePerCustomer => "cumulative revenue per customer",
        CohortMeasure.ChurnedCustomers => "churned customers",
        _ => measure.ToString(),
    };

    internal static string PeriodName(CohortPeriod period) => period.ToString().ToLowerInvariant();

    /// <summary>Label every n-th item so labels of <paramref name="room"/> pixels do not overlap on items <paramref name="size"/> pixels apart.</summary>
    private static int Every(double room, double size) =>
        size >= room ? 1 : (int)Math.Min(1_000_000, Math.Ceiling(room / Math.Max(size, 1e-6)));

    private static void CheckFeature(int feature, int columns, string name)
    {
        if (feature < 0 || feature >= columns)
        {
            throw new ArgumentOutOfRangeException(name, feature, RenderingErrorMessages.FeatureOutOfRange);
        }
    }

    private static void Extend(double value, ref double min, ref double max)
    {
        if (double.IsFinite(value))
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
    }

    private static void DrawXAxis(SvgChart chart, LinearScale x, double bottom, string label)
    {
        chart.Line(chart.PlotLeft, bottom, chart.PlotRight, bottom, Styles.Axis);
        foreach (var tick in x.Ticks(Math.Max(2, (int)((chart.PlotRight - chart.PlotLeft) / 80))))
        {
            chart.Line(x.Map(tick), bottom, x.Map(tick), bottom + 4, Styles.Axis, "rm-tick");
            chart.Label(x.Map(tick), bottom + 16, SvgChart.Compact(tick), "middle", cssClass: "rm-tick-label", fill: Styles.Axis);
        }

        chart.Label((chart.PlotLeft + chart.PlotRight) / 2, bottom + 32, label, "middle", 60, cssClass: "rm-axis-label", fill: Styles.Axis);
    }

    private static string StepPath(KaplanMeierCurve curve, LinearScale x, LinearScale y)
    {
        var d = new StringBuilder(32 + curve.Steps.Count * 24);
        d.Append('M').Append(MarkupWriter.Number(x.Map(0))).Append(' ').Append(MarkupWriter.Number(y.Map(1)));
        foreach (var step in curve.Steps)
        {
            d.Append(" H").Append(MarkupWriter.Number(x.Map(step.Time))).Append(" V").Append(MarkupWriter.Number(y.Map(step.Survival)));
        }

        return d.ToString();
    }

    private static string BandPath(KaplanMeierCurve curve, LinearScale x, LinearScale y)
    {
        // The upper limit as a step function forward, then the lower one backward: a closed step-shaped area.
        var steps = curve.Steps;
        var d = new StringBuilder(32 + steps.Count * 48);
        d.Append('M').Append(MarkupWriter.Number(x.Map(0))).Append(' ').Append(MarkupWriter.Number(y.Map(1)));
        foreach (var step in steps)
        {
            d.Append(" H").Append(MarkupWriter.Number(x.Map(step.Time))).Append(" V").Append(MarkupWriter.Number(y.Map(step.Upper)));
        }

        for (var i = steps.Count - 1; i >= 0; i--)
        {
            d.Append(" V").Append(MarkupWriter.Number(y.Map(steps[i].Lower)));
            d.Append(" H").Append(MarkupWriter.Number(x.Map(i == 0 ? 0 : steps[i - 1].Time)));
        }

        d.Append(" Z");
        return d.ToString();
    }

    private static HtmlFragment LineChart(
        string chartName, string title, ChartOptions o, string[] categories, IReadOnlyList<LineSeries> series, string xLabel, string yLabel,
        (double Min, double Max)? domain, string categoryAttribute, string[] categoryValues, Func<double, string>? format = null)
    {
        var chart = SvgChart.Begin(chartName, title, o.Width, o.Height + SvgChart.Top + SvgChart.Bottom + 16,
            new Dictionary<string, string> { ["data-categories"] = Invariant(categories.Length) }, bottom: SvgChart.Bottom + 16);
        var w = chart.Writer;
        var max = series.SelectMany(s => s.Values).Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        var (low, high) = domain ?? (0d, max <= 0 ? 1 : max * 1.08);
        var y = new LinearScale(low, high, chart.PlotBottom, chart.PlotTop);
        var slot = (chart.PlotRight - chart.PlotLeft) / Math.Max(1, categories.Length);
        chart.YAxis(y, yLabel, format);
        chart.Line(chart.PlotLeft, chart.PlotBottom, chart.PlotRight, chart.PlotBottom, Styles.Axis);
        var every = Every(56, slot);
        for (var i = 0; i < categories.Length; i += every)
        {
            chart.Label(chart.PlotLeft + (i + 0.5) * slot, chart.PlotBottom + 14, categories[i], "middle", 10, cssClass: "rm-tick-label", fill: Styles.Axis);
        }

        chart.Label((chart.PlotLeft + chart.PlotRight) / 2, chart.PlotBottom + 32, xLabel, "middle", 60, cssClass: "rm-axis-label", fill: Styles.Axis);
        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            var color = Styles.Category(s);
            var d = new StringBuilder();
            var pen = false;
            for (var i = 0; i < line.Values.Length; i++)
            {
                if (line.Values[i] is not { } v || !double.IsFinite(v))
                {
                    pen = false;
                    continue;
                }

                d.Append(pen ? " L" : (d.Length == 0 ? "M" : " M")).Append(MarkupWriter.Number(chart.PlotLeft + (i + 0.5) * slot)).Append(' ').Append(MarkupWriter.Number(y.Map(v)));
                pen = true;
            }

            if (d.Length > 0)
            {
                w.Start("path").Attr("class", "rm-curve").Attr("d", d.ToString()).Attr("fill", "none").Attr("stroke", color).Attr("stroke-width", 2)
                    .Attr("data-series", line.Name);
                if (line.Dashed)
                {
                    w.Attr("stroke-dasharray", "6 3");
                }

                w.EndEmpty();
            }

            if (line.Points)
            {
                for (var i = 0; i < line.Values.Length; i++)
                {
                    if (line.Values[i] is { } v && double.IsFinite(v))
                    {
                        w.Start("circle").Attr("class", "rm-point").Attr("cx", chart.PlotLeft + (i + 0.5) * slot).Attr("cy", y.Map(v)).Attr("r", 3.5)
                            .Attr("fill", color).Attr("data-series", line.Name).Attr(categoryAttribute, categoryValues[i]).Attr("data-value", MarkupWriter.Data(v))
                            .EndStart().Element("title", $"{line.Name}, {categories[i]}: {(format ?? SvgChart.Compact)(v)}").Close("circle");
                    }
                }
            }

            chart.Label(chart.PlotLeft + s * 120, chart.Height - 8, (line.Dashed ? "- - " : "— ") + line.Name, cssClass: "rm-legend", fill: color);
        }

        return chart.End();
    }

    private sealed record LineSeries(string Name, double?[] Values, bool Points, bool Dashed);
}
