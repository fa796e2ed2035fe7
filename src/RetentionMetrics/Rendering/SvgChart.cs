using System.Globalization;

namespace RetentionMetrics.Rendering;

/// <summary>The frame every SVG chart shares: the root element with its contract attributes, the title, axes and labels.</summary>
internal sealed class SvgChart
{
    internal const double Left = 64;
    internal const double Right = 16;
    internal const double Top = 34;
    internal const double Bottom = 46;

    private SvgChart(MarkupWriter writer, double width, double height, double left, double top, double bottom)
    {
        Writer = writer;
        Width = width;
        Height = height;
        PlotLeft = left;
        PlotRight = width - Right;
        PlotTop = top;
        PlotBottom = height - bottom;
    }

    internal MarkupWriter Writer { get; }

    internal double Width { get; }

    internal double Height { get; }

    internal double PlotLeft { get; }

    internal double PlotRight { get; }

    internal double PlotTop { get; }

    internal double PlotBottom { get; }

    /// <summary>Opens <c>&lt;svg class="rm-chart" data-chart="…"&gt;</c> with a title element and a visible title.</summary>
    internal static SvgChart Begin(
        string chart, string title, double width, double height, IEnumerable<KeyValuePair<string, string>>? data = null,
        double left = Left, double top = Top, double bottom = Bottom)
    {
        var w = new MarkupWriter();
        w.Start("svg").Attr("xmlns", "http://www.w3.org/2000/svg").Attr("class", "rm-chart").Attr("data-chart", chart)
            .Attr("width", width).Attr("height", height).Attr("viewBox", $"0 0 {MarkupWriter.Number(width)} {MarkupWriter.Number(height)}")
            .Attr("role", "img").Attr("style", Styles.Svg);
        foreach (var (key, value) in data ?? [])
        {
            w.Attr(key, value);
        }

        w.EndStart();
        w.Element("title", title);
        w.Start("text").Attr("class", "rm-title").Attr("x", 8).Attr("y", 18).Attr("style", "font-size:13px;font-weight:600").Attr("fill", "#1f2933")
            .EndStart().Text(MarkupWriter.Shorten(title, Math.Max(10, (int)(width / 7.5)))).Close("text");
        return new SvgChart(w, width, height, left, top, bottom);
    }

    internal HtmlFragment End()
    {
        Writer.Close("svg");
        return HtmlFragment.Of(Writer);
    }

    internal void Label(double x, double y, string? text, string anchor = "start", int maximumCharacters = 40, string? style = null, string cssClass = "rm-label", string fill = "#1f2933")
    {
        Writer.Start("text").Attr("class", cssClass).Attr("x", x).Attr("y", y).Attr("text-anchor", anchor).Attr("fill", fill);
        if (style is not null)
        {
            Writer.Attr("style", style);
        }

        Writer.EndStart().Text(MarkupWriter.Shorten(text, maximumCharacters)).Close("text");
    }

    internal void Line(double x1, double y1, double x2, double y2, string stroke, string cssClass = "rm-axis", double strokeWidth = 1)
    {
        Writer.Start("line").Attr("class", cssClass).Attr("x1", x1).Attr("y1", y1).Attr("x2", x2).Attr("y2", y2)
            .Attr("stroke", stroke).Attr("stroke-width", strokeWidth).EndEmpty();
    }

    /// <summary>The x axis along the bottom of the plot, with round ticks.</summary>
    internal void XAxis(LinearScale x, string label, Func<double, string>? format = null)
    {
        Line(PlotLeft, PlotBottom, PlotRight, PlotBottom, Styles.Axis);
        foreach (var tick in x.Ticks(Math.Max(2, (int)((PlotRight - PlotLeft) / 80))))
        {
            var px = x.Map(tick);
            Line(px, PlotBottom, px, PlotBottom + 4, Styles.Axis, "rm-tick");
            Label(px, PlotBottom + 16, (format ?? Compact)(tick), "middle", cssClass: "rm-tick-label", fill: Styles.Axis);
        }

        Label((PlotLeft + PlotRight) / 2, Height - 8, label, "middle", 80, cssClass: "rm-axis-label", fill: Styles.Axis);
    }

    /// <summary>The y axis along the left of the plot, with round ticks and light grid lines.</summary>
    internal void YAxis(LinearScale y, string label, Func<double, string>? format = null)
    {
        Line(PlotLeft, PlotTop, PlotLeft, PlotBottom, Styles.Axis);
        foreach (var tick in y.Ticks(Math.Max(2, (int)((PlotBottom - PlotTop) / 50))))
        {
            var py = y.Map(tick);
            Line(PlotLeft + 1, py, PlotRight, py, Styles.Grid, "rm-grid");
            Label(PlotLeft - 6, py + 4, (format ?? Compact)(tick), "end", cssClass: "rm-tick-label", fill: Styles.Axis);
        }

        Writer.Start("text").Attr("class", "rm-axis-label").Attr("x", 12).Attr("y", (PlotTop + PlotBottom) / 2)
            .Attr("text-anchor", "middle").Attr("fill", Styles.Axis)
            .Attr("transform", $"rotate(-90 12 {MarkupWriter.Number((PlotTop + PlotBottom) / 2)})")
            .EndStart().Text(MarkupWriter.Shorten(label, 60)).Close("text");
    }

    /// <summary>A short invariant label for a number: 0.25, 12, 1,234, 1.2M.</summary>
    internal static string Compact(double value)
    {
        if (!double.IsFinite(value))
        {
            return "0";
        }

        var abs = Math.Abs(value);
        return abs switch
        {
            >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
            >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
            >= 1e4 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
            >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
            _ => value.ToString("0.##", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A share as a percentage: 0.4213 → 42.1%.</summary>
    internal static string Percent(double value) =>
        double.IsFinite(value) ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "0%";
}
