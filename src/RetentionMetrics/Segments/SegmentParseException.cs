using System.Globalization;
using System.Text;

namespace RetentionMetrics.Segments;

/// <summary>A segment rule that does not parse or does not type-check: where, why, what was expected and a suggestion.</summary>
/// <remarks>
/// The message is a heading with the 1-based line and column (the line alone at the end of the text), then the
/// source line and a caret under the offending column:
/// <code>
/// Segment rule error (line 1, column 37): unexpected `>=`, expected a value.
///     count(app_session) >= 3 and plan >= >= 3
///                                         ^
/// </code>
/// </remarks>
public sealed class SegmentParseException : FormatException
{
    private const int ExcerptWidth = 100;

    /// <summary>Creates the exception for a problem at <paramref name="offset"/> of <paramref name="source"/>.</summary>
    /// <param name="reason">What is wrong, as one sentence in the rule's vocabulary.</param>
    /// <param name="source">The whole rule text.</param>
    /// <param name="offset">The 0-based offset of the problem.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="expected">What would have been accepted there (may be empty).</param>
    /// <param name="suggestion">A name the user may have meant, or null.</param>
    /// <param name="isAtEnd">Whether the problem is the end of the text.</param>
    public SegmentParseException(
        string reason, string source, int offset, int line, int column, IReadOnlyList<string> expected, string? suggestion, bool isAtEnd)
        : base(Describe(reason, source, offset, line, column, suggestion, isAtEnd))
    {
        Reason = reason;
        Source = source;
        Offset = offset;
        Line = line;
        Column = column;
        Expected = expected;
        Suggestion = suggestion;
        IsAtEnd = isAtEnd;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The whole message.</param>
    public SegmentParseException(string message)
        : base(message)
    {
        Reason = message;
        Source = string.Empty;
        Expected = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="innerException">The cause.</param>
    public SegmentParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Source = string.Empty;
        Expected = [];
    }

    /// <summary>Creates the exception with the default message.</summary>
    public SegmentParseException()
        : this("The segment rule is not valid.")
    {
    }

    /// <summary>What is wrong, without the position (one of the <see cref="SegmentErrorMessages"/> texts, filled in).</summary>
    public string Reason { get; }

    /// <summary>The rule text that was read.</summary>
    public new string Source { get; }

    /// <summary>The 0-based offset of the problem in <see cref="Source"/>.</summary>
    public int Offset { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>What would have been accepted at the problem, such as "a value" or "`)`".</summary>
    public IReadOnlyList<string> Expected { get; }

    /// <summary>The name the user probably meant, for a misspelt keyword, function, unit or name; otherwise null.</summary>
    public string? Suggestion { get; }

    /// <summary>Whether the problem is that the text ended too soon.</summary>
    public bool IsAtEnd { get; }

    /// <summary>The source line of the problem and a caret under its column (two lines), shortened around the column when long.</summary>
    public string Excerpt => MakeExcerpt(Source, Offset);

    private static string Describe(string reason, string source, int offset, int line, int column, string? suggestion, bool isAtEnd)
    {
        var text = suggestion is null ? reason : reason + string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.DidYouMean, suggestion);
        var heading = isAtEnd
            ? string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.HeadingAtEnd, line, text)
            : string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.Heading, line, column, text);
        return heading + "\n" + MakeExcerpt(source, offset);
    }

    private static string MakeExcerpt(string source, int offset)
    {
        if (source.Length == 0)
        {
            return "    \n    ^";
        }

        offset = Math.Clamp(offset, 0, source.Length);
        var lineStart = offset == 0 ? 0 : source.LastIndexOf('\n', offset - 1) + 1;
        var lineEnd = source.IndexOf('\n', offset);
        if (lineEnd < 0)
        {
            lineEnd = source.Length;
        }

        var caret = offset - lineStart;
        var from = Math.Max(lineStart, offset - (ExcerptWidth / 2));
        var to = Math.Min(lineEnd, from + ExcerptWidth);
        var builder = new StringBuilder("    ");
        if (from > lineStart)
        {
            builder.Append("...");
            caret = offset - from + 3;
        }

        foreach (var c in source.AsSpan(from, to - from))
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        if (to < lineEnd)
        {
            builder.Append("...");
        }

        builder.Append('\n').Append(' ', 4 + caret).Append('^');
        return builder.ToString();
    }
}
