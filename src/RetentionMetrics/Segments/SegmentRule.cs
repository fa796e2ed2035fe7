using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Segments;

/// <summary>A parsed and type-checked segment rule, such as <c>sum(order_completed.amount) &gt; $500 and last(order_completed) more than 60 days ago</c>.</summary>
/// <remarks>
/// Immutable and thread-safe. Two rules are equal when their syntax trees are equal (positions and spelling aside),
/// so <c>Parse(rule.ToString())</c> equals <c>rule</c>. The grammar and every error are in docs/segments.md.
/// </remarks>
public sealed class SegmentRule : IEquatable<SegmentRule>
{
    private SegmentRule(SegmentCondition condition, string text, IReadOnlyDictionary<string, ValueType> traitTypes)
    {
        Condition = condition;
        Text = text;
        TraitTypes = traitTypes;
    }

    /// <summary>The syntax tree.</summary>
    public SegmentCondition Condition { get; }

    /// <summary>The text the rule was read from (for a rule built in code, its canonical text).</summary>
    public string Text { get; }

    /// <summary>The trait names the rule reads, in ordinal order.</summary>
    public IReadOnlyList<string> Traits => [.. TraitTypes.Keys.Order(StringComparer.Ordinal)];

    internal IReadOnlyDictionary<string, ValueType> TraitTypes { get; }

    /// <summary>Reads and type-checks a rule.</summary>
    /// <param name="text">The rule text.</param>
    /// <param name="schema">The traits, properties and events to check names and kinds against; null for none.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="SegmentParseException">The text does not parse or does not type-check.</exception>
    public static SegmentRule Parse(string text, SegmentSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text, 0, text.Length, 1, 0, schema ?? SegmentSchema.None);
    }

    /// <summary>Reads and type-checks a rule without throwing for bad text.</summary>
    /// <param name="text">The rule text; null gives the empty-rule error.</param>
    /// <param name="rule">The rule, when the text is valid.</param>
    /// <param name="error">The positioned error, when it is not.</param>
    /// <returns>Whether the text is a valid rule.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SegmentRule? rule, [NotNullWhen(false)] out SegmentParseException? error) =>
        TryParse(text, null, out rule, out error);

    /// <summary>Reads and type-checks a rule against a schema without throwing for bad text.</summary>
    /// <param name="text">The rule text; null gives the empty-rule error.</param>
    /// <param name="schema">The traits, properties and events to check against; null for none.</param>
    /// <param name="rule">The rule, when the text is valid.</param>
    /// <param name="error">The positioned error, when it is not.</param>
    /// <returns>Whether the text is a valid rule.</returns>
    public static bool TryParse(
        string? text, SegmentSchema? schema, [NotNullWhen(true)] out SegmentRule? rule, [NotNullWhen(false)] out SegmentParseException? error)
    {
        try
        {
            rule = Parse(text ?? string.Empty, schema);
            error = null;
            return true;
        }
        catch (SegmentParseException e)
        {
            rule = null;
            error = e;
            return false;
        }
    }

    /// <summary>Makes a rule from a syntax tree built in code (see <see cref="Segment"/>), checking it as if it were parsed.</summary>
    /// <param name="condition">The tree.</param>
    /// <param name="schema">The traits, properties and events to check against; null for none.</param>
    /// <returns>The rule; its <see cref="Text"/> is the canonical text of the tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="SegmentParseException">The tree does not type-check, or holds a name or value that has no text form.</exception>
    public static SegmentRule FromCondition(SegmentCondition condition, SegmentSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Parse(SegmentPrinter.Print(condition), schema);
    }

    internal static SegmentRule Parse(string text, int start, int end, int line, int lineStart, SegmentSchema schema)
    {
        SegmentCondition condition;
        IReadOnlyDictionary<string, ValueType> traits;
        try
        {
            condition = SegmentParser.Parse(text, start, end, line, lineStart);
            traits = SegmentTypeChecker.Check(condition, text, schema);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new SegmentParseException(
                string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.NestingTooDeep, SegmentParser.MaximumNesting),
                text, start, line, start - lineStart + 1, [], null, false);
        }

        return new SegmentRule(condition, text[start..end].Trim(), traits);
    }

    /// <summary>The canonical text of the rule.</summary>
    public override string ToString() => SegmentPrinter.Print(Condition);

    /// <inheritdoc/>
    public bool Equals(SegmentRule? other) => other is not null && Condition.Equals(other.Condition);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SegmentRule other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Condition.GetHashCode();
}
