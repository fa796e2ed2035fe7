namespace RetentionMetrics.Segments.Syntax;

/// <summary>The time range an event aggregate looks at: <c>last N days|weeks|months</c> or <c>between DATE and DATE</c>.</summary>
public abstract record SegmentWindow : SegmentNode;
