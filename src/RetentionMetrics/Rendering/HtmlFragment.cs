namespace RetentionMetrics.Rendering;

/// <summary>A piece of well-formed, self-contained HTML or SVG markup: no script, no external resource, inline styles only.</summary>
/// <remarks>
/// <para>The views of this namespace return fragments, and <see cref="HtmlReportBuilder"/> composes them into a page.
/// Every fragment the views produce parses as XML (so it is also valid inside HTML) and every text in it is escaped.
/// Two fragments are equal when their markup is equal.</para>
/// <para>Text from outside enters only through <see cref="FromText"/>, which escapes it, or <see cref="FromTrustedMarkup"/>,
/// which the caller vouches for.</para>
/// </remarks>
public sealed record HtmlFragment
{
    private HtmlFragment(string markup) => Markup = markup;

    /// <summary>The markup.</summary>
    public string Markup { get; }

    /// <summary>A paragraph of plain text, escaped.</summary>
    /// <param name="text">The text; any characters.</param>
    /// <returns>A <c>&lt;p&gt;</c> element holding the escaped text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static HtmlFragment FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new HtmlFragment(new MarkupWriter().Element("p", text, Styles.Paragraph).ToString());
    }

    /// <summary>Wraps markup the caller has already made safe; it is inserted as it is.</summary>
    /// <param name="markup">The markup; it must be well formed for the page to stay well formed.</param>
    /// <returns>The fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="markup"/> is null.</exception>
    public static HtmlFragment FromTrustedMarkup(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        return new HtmlFragment(markup);
    }

    /// <summary>The markup.</summary>
    /// <returns><see cref="Markup"/>.</returns>
    public override string ToString() => Markup;

    internal static HtmlFragment Of(MarkupWriter writer) => new(writer.ToString());
}
