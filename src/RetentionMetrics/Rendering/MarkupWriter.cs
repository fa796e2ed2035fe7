using System.Globalization;
using System.Text;

namespace RetentionMetrics.Rendering;

/// <summary>Writes well-formed SVG/HTML markup: every text and attribute value escaped, every number finite and invariant.</summary>
internal sealed class MarkupWriter
{
    private readonly StringBuilder builder;

    internal MarkupWriter(int capacity = 4096) => builder = new StringBuilder(capacity);

    internal int Length => builder.Length;

    /// <summary>Writes <c>&lt;name</c>; close it with <see cref="EndEmpty"/> or <see cref="EndStart"/>.</summary>
    internal MarkupWriter Start(string name)
    {
        builder.Append('<').Append(name);
        return this;
    }

    internal MarkupWriter Attr(string name, string? value)
    {
        builder.Append(' ').Append(name).Append("=\"");
        AppendEscaped(builder, value, attribute: true);
        builder.Append('"');
        return this;
    }

    internal MarkupWriter Attr(string name, double value)
    {
        builder.Append(' ').Append(name).Append("=\"").Append(Number(value)).Append('"');
        return this;
    }

    internal MarkupWriter Attr(string name, long value)
    {
        builder.Append(' ').Append(name).Append("=\"").Append(value.ToString(CultureInfo.InvariantCulture)).Append('"');
        return this;
    }

    internal MarkupWriter EndEmpty()
    {
        builder.Append("/>");
        return this;
    }

    internal MarkupWriter EndStart()
    {
        builder.Append('>');
        return this;
    }

    internal MarkupWriter Close(string name)
    {
        builder.Append("</").Append(name).Append('>');
        return this;
    }

    internal MarkupWriter Text(string? text)
    {
        AppendEscaped(builder, text, attribute: false);
        return this;
    }

    /// <summary>An element holding only text: <c>&lt;name&gt;text&lt;/name&gt;</c>.</summary>
    internal MarkupWriter Element(string name, string? text, string? style = null)
    {
        Start(name);
        if (style is not null)
        {
            Attr("style", style);
        }

        return EndStart().Text(text).Close(name);
    }

    /// <summary>Markup already known to be well formed (written by this namespace).</summary>
    internal MarkupWriter Raw(string markup)
    {
        builder.Append(markup);
        return this;
    }

    public override string ToString() => builder.ToString();

    /// <summary>A finite number as short invariant text (at most two decimals); anything not finite is written as 0.</summary>
    internal static string Number(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>A number for a <c>data-</c> attribute: the shortest invariant text that reads back to the same double; not finite gives 0.</summary>
    internal static string Data(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "0";

    /// <summary>A number with up to <paramref name="decimals"/> significant decimals, invariant; not finite gives 0.</summary>
    internal static string Precise(double value, int decimals = 6) =>
        double.IsFinite(value) ? value.ToString("G" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "0";

    /// <summary>Escapes text for element content or an attribute value; characters XML cannot carry become U+FFFD.</summary>
    internal static string Escape(string? text)
    {
        var sb = new StringBuilder((text?.Length ?? 0) + 8);
        AppendEscaped(sb, text, attribute: true);
        return sb.ToString();
    }

    /// <summary>Shortens text to at most <paramref name="maximum"/> characters, ending in an ellipsis, without splitting a surrogate pair.</summary>
    internal static string Shorten(string? text, int maximum)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= maximum)
        {
            return text;
        }

        var cut = Math.Max(0, maximum - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static void AppendEscaped(StringBuilder sb, string? text, bool attribute)
    {
        if (text is null)
        {
            return;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"' when attribute: sb.Append("&quot;"); break;
                case '\'' when attribute: sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r' when attribute: sb.Append("&#").Append((int)c).Append(';'); break;
                case '\r': sb.Append("&#13;"); break;
                case '\t' or '\n': sb.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (c < ' ' || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
    }
}
