namespace RetentionMetrics.Segments.Syntax;

/// <summary>A node that is true, false or unknown for a customer: a comparison, a test, or a combination of them.</summary>
public abstract record SegmentCondition : SegmentNode;
