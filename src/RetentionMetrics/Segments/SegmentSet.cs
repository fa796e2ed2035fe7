using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RetentionMetrics.Segments;

/// <summary>Named segments, in order, read from lines <c>name: rule</c>; assigns customers by first match or all matches.</summary>
/// <remarks>
/// A line that starts with a name and a colon begins a segment; the following lines that do not continue it, so a
/// rule may span lines. Blank lines and <c>--</c> comments are ignored. Immutable and thread-safe; two sets are equal
/// when they have the same names and equal rules in the same order.
/// </remarks>
public sealed class SegmentSet : IReadOnlyList<NamedSegment>, IEquatable<SegmentSet>
{
    private readonly NamedSegment[] segments;

    /// <summary>Creates a set from named rules.</summary>
    /// <param name="segments">At least one segment, with distinct names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">No segments, a duplicate name, or a name that is not a word.</exception>
    public SegmentSet(IEnumerable<NamedSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        this.segments = [.. segments];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in this.segments)
        {
            ArgumentNullException.ThrowIfNull(segment, nameof(segments));
            if (!IsName(segment.Name) || !names.Add(segment.Name))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.DuplicateSegment, segment.Name), nameof(segments));
            }
        }

        if (this.segments.Length == 0)
        {
            throw new ArgumentException(SegmentErrorMessages.EmptySegmentSet, nameof(segments));
        }
    }

    /// <summary>The number of segments.</summary>
    public int Count => segments.Length;

    /// <summary>The segment at <paramref name="index"/>.</summary>
    /// <param name="index">The 0-based index.</param>
    public NamedSegment this[int index] => segments[index];

    /// <summary>A set with one segment.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="name">The segment name (default <c>segment</c>).</param>
    /// <returns>The set.</returns>
    public static SegmentSet FromRule(SegmentRule rule, string name = "segment")
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(name);
        return new SegmentSet([new NamedSegment(name, rule)]);
    }

    /// <summary>Reads lines <c>name: rule</c>.</summary>
    /// <param name="text">The set text.</param>
    /// <param name="schema">The traits, properties and events to check against; null for none.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="SegmentParseException">A line is not <c>name: rule</c>, a name repeats, or a rule is invalid; positions are in the whole text.</exception>
    public static SegmentSet Parse(string text, SegmentSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        schema ??= SegmentSchema.None;
        var starts = new List<(string Name, int NameOffset, int Line, int LineStart, int RuleStart)>();
        var lineNumber = 0;
        for (var lineStart = 0; lineStart <= text.Length;)
        {
            lineNumber++;
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var i = lineStart;
            while (i < lineEnd && text[i] is ' ' or '\t' or '\r')
            {
                i++;
            }

            var nameStart = i;
            while (i < lineEnd && (SegmentLexer.IsIdentifierPart(text[i]) || text[i] == '-') && !(text[i] == '-' && i + 1 < lineEnd && text[i + 1] == '-'))
            {
                i++;
            }

            var nameEnd = i;
            while (i < lineEnd && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (nameEnd > nameStart && i < lineEnd && text[i] == ':' && SegmentLexer.IsIdentifierStart(text[nameStart]))
            {
                starts.Add((text[nameStart..nameEnd], nameStart, lineNumber, lineStart, i + 1));
            }
            else if (starts.Count == 0 && !IsBlankOrComment(text.AsSpan(nameStart, lineEnd - nameStart)))
            {
                throw new SegmentParseException(SegmentErrorMessages.SegmentNameExpected, text, nameStart, lineNumber, nameStart - lineStart + 1, ["`name: rule`"], null, false);
            }

            lineStart = lineEnd + 1;
        }

        if (starts.Count == 0)
        {
            throw new SegmentParseException(SegmentErrorMessages.EmptySegmentSet, text, text.Length, Math.Max(1, lineNumber), 1, ["`name: rule`"], null, true);
        }

        var result = new List<NamedSegment>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < starts.Count; s++)
        {
            var (name, nameOffset, line, lineStart, ruleStart) = starts[s];
            if (!names.Add(name))
            {
                throw new SegmentParseException(
                    string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.DuplicateSegment, SegmentLexer.Show(name)), text, nameOffset, line, nameOffset - lineStart + 1, [], null, false);
            }

            var ruleEnd = s + 1 < starts.Count ? starts[s + 1].LineStart : text.Length;
            result.Add(new NamedSegment(name, SegmentRule.Parse(text, ruleStart, ruleEnd, line, lineStart, schema)));
        }

        return new SegmentSet(result);
    }

    /// <summary>Reads lines <c>name: rule</c> without throwing for bad text.</summary>
    /// <param name="text">The set text; null gives the empty-set error.</param>
    /// <param name="schema">The traits, properties and events to check against; null for none.</param>
    /// <param name="set">The set, when the text is valid.</param>
    /// <param name="error">The positioned error, when it is not.</param>
    /// <returns>Whether the text is a valid set.</returns>
    public static bool TryParse(string? text, SegmentSchema? schema, [NotNullWhen(true)] out SegmentSet? set, [NotNullWhen(false)] out SegmentParseException? error)
    {
        try
        {
            set = Parse(text ?? string.Empty, schema);
            error = null;
            return true;
        }
        catch (SegmentParseException e)
        {
            set = null;
            error = e;
            return false;
        }
    }

    /// <summary>The index of the segment named <paramref name="name"/>, or -1.</summary>
    /// <param name="name">The segment name.</param>
    /// <returns>The index or -1.</returns>
    public int IndexOf(string name) => Array.FindIndex(segments, s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <inheritdoc/>
    public IEnumerator<NamedSegment> GetEnumerator() => ((IEnumerable<NamedSegment>)segments).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The set as canonical text, one <c>name: rule</c> line per segment.</summary>
    public override string ToString() => string.Join("\n", segments.Select(s => s.ToString()));

    /// <inheritdoc/>
    public bool Equals(SegmentSet? other) =>
        other is not null && segments.Length == other.segments.Length
        && segments.Zip(other.segments).All(p => p.First.Name == p.Second.Name && p.First.Rule.Equals(p.Second.Rule));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SegmentSet other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => segments.Aggregate(0, (h, s) => HashCode.Combine(h, s.Name, s.Rule));

    private static bool IsName(string name) =>
        name.Length > 0 && SegmentLexer.IsIdentifierStart(name[0]) && name.All(c => SegmentLexer.IsIdentifierPart(c) || c == '-');

    private static bool IsBlankOrComment(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        return trimmed.IsEmpty || trimmed.StartsWith("--", StringComparison.Ordinal);
    }
}
