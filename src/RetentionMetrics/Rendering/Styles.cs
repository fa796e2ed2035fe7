using System.Globalization;

namespace RetentionMetrics.Rendering;

/// <summary>The inline styles and colours every view shares (no style sheet: notebooks and exported pages keep them).</summary>
internal static class Styles
{
    internal const string Font = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
    internal const string Svg = Font + ";font-size:11px;background:#ffffff";
    internal const string View = Font + ";font-size:13px;color:#1f2933;margin:12px 0";
    internal const string Heading = "font-size:15px;font-weight:600;margin:6px 0";
    internal const string Paragraph = "margin:4px 0";
    internal const string Table = "border-collapse:collapse;font-size:12px;margin:6px 0";
    internal const string HeaderCell = "text-align:left;padding:3px 8px;border-bottom:2px solid #9aa5b1;background:#f5f7fa";
    internal const string Cell = "padding:2px 8px;border-bottom:1px solid #e4e7eb;text-align:left;max-width:28em;overflow-wrap:anywhere";
    internal const string NumberCell = "padding:2px 8px;border-bottom:1px solid #e4e7eb;text-align:right;font-variant-numeric:tabular-nums";
    internal const string Axis = "#52606d";
    internal const string Grid = "#e4e7eb";
    internal const string Unobserved = "#f0f0f0";

    // Ten distinguishable colours (the Tableau 10 palette), reused in order.
    private static readonly string[] Categorical =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    internal static string Category(int index) => Categorical[((index % Categorical.Length) + Categorical.Length) % Categorical.Length];

    /// <summary>
    /// A sequential colour for t in [0, 1]: from a pale blue at 0 to a dark blue at 1. Each channel falls linearly
    /// with t, so the luminance falls strictly: a larger value is always a darker cell.
    /// </summary>
    internal static string Sequential(double t)
    {
        t = double.IsFinite(t) ? Math.Clamp(t, 0d, 1d) : 0d;
        return Rgb(Lerp(0xf7, 0x08, t), Lerp(0xfb, 0x30, t), Lerp(0xff, 0x6b, t));
    }

    /// <summary>A band colour by rank among <paramref name="count"/> ordered bands: red for the lowest, through amber, to green.</summary>
    internal static string BandColor(int rank, int count)
    {
        var t = count <= 1 ? 1d : (double)rank / (count - 1);
        return t < 0.5
            ? Rgb(Lerp(0xd7, 0xfd, t * 2), Lerp(0x30, 0xae, t * 2), Lerp(0x27, 0x61, t * 2))
            : Rgb(Lerp(0xfd, 0x1a, (t - 0.5) * 2), Lerp(0xae, 0x98, (t - 0.5) * 2), Lerp(0x61, 0x50, (t - 0.5) * 2));
    }

    private static int Lerp(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);

    private static string Rgb(int r, int g, int b) => string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
}
