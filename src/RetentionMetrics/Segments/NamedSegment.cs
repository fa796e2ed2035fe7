namespace RetentionMetrics.Segments;

/// <summary>A segment of a <see cref="SegmentSet"/>: a name and its rule.</summary>
/// <param name="Name">The segment name (letters, digits, <c>_</c> and <c>-</c>).</param>
/// <param name="Rule">The rule its members satisfy.</param>
public sealed record NamedSegment(string Name, SegmentRule Rule)
{
    /// <summary>The segment as a line of a segment set: <c>name: rule</c>.</summary>
    public override string ToString() => Name + ": " + Rule;
}
