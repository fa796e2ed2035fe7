using System.Text;

namespace RetentionMetrics.Rendering;

/// <summary>Composes one self-contained HTML page: a title, headline KPI tiles, sections of views, and the inputs and settings used.</summary>
/// <remarks>
/// <para>A builder: each <c>Add…</c> call appends and returns the same builder; <see cref="ToHtml"/> can be called
/// any number of times. Not thread-safe.</para>
/// <para><b>Structure contract.</b> The page is <c>&lt;!DOCTYPE html&gt;</c> followed by an <c>&lt;html&gt;</c> element that
/// parses as XML: <c>&lt;head&gt;</c> holds only <c>&lt;meta charset="utf-8"/&gt;</c>, a viewport <c>&lt;meta/&gt;</c> and the
/// <c>&lt;title&gt;</c>; <c>&lt;body&gt;</c> holds <c>&lt;main class="rm-report"&gt;</c> with the <c>&lt;h1&gt;</c>, the
/// paragraphs (<c>rm-intro</c>), one <c>&lt;div class="rm-kpis"&gt;</c> holding one <c>&lt;div class="rm-kpi"&gt;</c> per KPI
/// (each with <c>rm-kpi-label</c>, <c>rm-kpi-value</c> and, when given, <c>rm-kpi-detail</c>), one
/// <c>&lt;section class="rm-section" data-section="SLUG"&gt;</c> per section in the order added (an <c>&lt;h2&gt;</c> and the
/// fragments), and, when settings were added, <c>&lt;section class="rm-settings"&gt;</c> with the
/// <c>settings</c> table (one <c>rm-row</c> per setting). No script, no link, no external resource; styles inline.</para>
/// </remarks>
public sealed class HtmlReportBuilder
{
    private readonly List<string> paragraphs = [];
    private readonly List<(string Label, string Value, string? Detail)> kpis = [];
    private readonly List<(string Heading, HtmlFragment[] Content)> sections = [];
    private readonly List<KeyValuePair<string, string>> settings = [];
    private string settingsHeading = "Inputs and settings";

    /// <summary>Starts a page with a title.</summary>
    /// <param name="title">The page title and its first heading; not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="title"/> is empty or white space.</exception>
    public HtmlReportBuilder(string title)
    {
        Title = CheckText(title, nameof(title));
    }

    /// <summary>The page title.</summary>
    public string Title { get; }

    /// <summary>Adds a paragraph of plain text under the title (escaped).</summary>
    /// <param name="text">The text.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public HtmlReportBuilder AddParagraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        paragraphs.Add(text);
        return this;
    }

    /// <summary>Adds a headline KPI tile: a label, a value and an optional detail line.</summary>
    /// <param name="label">What the number is, such as "Customers".</param>
    /// <param name="value">The value as the reader should see it, such as "2,357" or "38.1%".</param>
    /// <param name="detail">A short explanation under the value, or null.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="label"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> is empty or white space.</exception>
    public HtmlReportBuilder AddKpi(string label, string value, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        kpis.Add((CheckText(label, nameof(label)), value, detail));
        return this;
    }

    /// <summary>Adds a section: a heading and the views or other fragments under it.</summary>
    /// <param name="heading">The section heading; not empty.</param>
    /// <param name="content">The fragments, in order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="heading"/>, <paramref name="content"/> or one fragment is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="heading"/> is empty or white space.</exception>
    public HtmlReportBuilder AddSection(string heading, params HtmlFragment[] content)
    {
        var checkedHeading = CheckText(heading, nameof(heading));
        ArgumentNullException.ThrowIfNull(content);
        foreach (var fragment in content)
        {
            ArgumentNullException.ThrowIfNull(fragment, nameof(content));
        }

        sections.Add((checkedHeading, [.. content]));
        return this;
    }

    /// <summary>Adds settings (input file, as-of date, options) to the settings table at the end of the page.</summary>
    /// <param name="values">The settings by name, in order; later calls append.</param>
    /// <param name="heading">The heading of the settings section; "Inputs and settings" when null.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/>, a name or a value is null.</exception>
    public HtmlReportBuilder AddSettings(IEnumerable<KeyValuePair<string, string>> values, string? heading = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var added = new List<KeyValuePair<string, string>>();
        foreach (var pair in values)
        {
            ArgumentNullException.ThrowIfNull(pair.Key, nameof(values));
            ArgumentNullException.ThrowIfNull(pair.Value, nameof(values));
            added.Add(pair);
        }

        settings.AddRange(added);
        if (heading is not null)
        {
            settingsHeading = CheckText(heading, nameof(heading));
        }

        return this;
    }

    /// <summary>The page as one self-contained HTML document.</summary>
    /// <returns>The document, starting with <c>&lt;!DOCTYPE html&gt;</c>.</returns>
    public string ToHtml()
    {
        var w = new MarkupWriter(16_384 + sections.Sum(s => s.Content.Sum(c => c.Markup.Length)));
        w.Raw("<!DOCTYPE html>\n");
        w.Start("html").Attr("lang", "en").Attr("xmlns", "http://www.w3.org/1999/xhtml").EndStart();
        w.Start("head").EndStart();
        w.Start("meta").Attr("charset", "utf-8").EndEmpty();
        w.Start("meta").Attr("name", "viewport").Attr("content", "width=device-width, initial-scale=1").EndEmpty();
        w.Element("title", Title);
        w.Close("head");
        w.Start("body").Attr("style", Styles.Font + ";margin:0;background:#f5f7fa;color:#1f2933").EndStart();
        w.Start("main").Attr("class", "rm-report").Attr("style", "max-width:1100px;margin:0 auto;padding:24px;background:#ffffff").EndStart();
        w.Element("h1", Title, "font-size:24px;margin:0 0 8px 0");
        foreach (var text in paragraphs)
        {
            w.Start("p").Attr("class", "rm-intro").Attr("style", Styles.Paragraph + ";color:#52606d").EndStart().Text(text).Close("p");
        }

        if (kpis.Count > 0)
        {
            w.Start("div").Attr("class", "rm-kpis").Attr("style", "display:flex;flex-wrap:wrap;gap:12px;margin:16px 0").EndStart();
            foreach (var (label, value, detail) in kpis)
            {
                w.Start("div").Attr("class", "rm-kpi").Attr("style", "flex:1 1 150px;border:1px solid #e4e7eb;border-radius:6px;padding:10px 14px;background:#fbfcfd").EndStart();
                w.Start("div").Attr("class", "rm-kpi-label").Attr("style", "font-size:12px;color:#52606d").EndStart().Text(label).Close("div");
                w.Start("div").Attr("class", "rm-kpi-value").Attr("style", "font-size:22px;font-weight:600;overflow-wrap:anywhere").EndStart().Text(value).Close("div");
                if (detail is not null)
                {
                    w.Start("div").Attr("class", "rm-kpi-detail").Attr("style", "font-size:11px;color:#7b8794").EndStart().Text(detail).Close("div");
                }

                w.Close("div");
            }

            w.Close("div");
        }

        foreach (var (heading, content) in sections)
        {
            w.Start("section").Attr("class", "rm-section").Attr("data-section", Slug(heading)).Attr("style", "margin:24px 0;overflow-x:auto").EndStart();
            w.Element("h2", heading, "font-size:19px;margin:0 0 8px 0;border-bottom:1px solid #e4e7eb;padding-bottom:4px");
            foreach (var fragment in content)
            {
                w.Raw(fragment.Markup);
            }

            w.Close("section");
        }

        if (settings.Count > 0)
        {
            var table = new TableData("settings", ["setting", "value"], [false, false]);
            foreach (var (name, value) in settings)
            {
                table.Add(name, value);
            }

            w.Start("section").Attr("class", "rm-settings").Attr("style", "margin:24px 0").EndStart();
            w.Element("h2", settingsHeading, "font-size:19px;margin:0 0 8px 0;border-bottom:1px solid #e4e7eb;padding-bottom:4px");
            table.WriteHtml(w);
            w.Close("section");
        }

        w.Close("main").Close("body").Close("html");
        return w.ToString();
    }

    /// <summary>The heading as a <c>data-section</c> value: lower-case letters and digits joined by single hyphens.</summary>
    internal static string Slug(string heading)
    {
        var sb = new StringBuilder(heading.Length);
        foreach (var c in heading.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "section" : slug;
    }

    private static string CheckText(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text, name);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException(RenderingErrorMessages.TextEmpty, name);
        }

        return text;
    }
}
