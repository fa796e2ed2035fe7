namespace RetentionMetrics.Segments.Syntax;

/// <summary>A node of a segment rule's syntax tree.</summary>
/// <remarks>
/// Nodes are immutable and compare by value: two nodes are equal when they have the same shape and values,
/// whatever their <see cref="Position"/>, so a parsed rule equals the same rule built in code.
/// </remarks>
public abstract record SegmentNode
{
    /// <summary>Where the node starts in the rule text; <c>default</c> for nodes built in code.</summary>
    public SourcePosition Position { get; init; }

    /// <summary>The node as canonical rule text.</summary>
    public sealed override string ToString() => SegmentPrinter.Print(this);
}
