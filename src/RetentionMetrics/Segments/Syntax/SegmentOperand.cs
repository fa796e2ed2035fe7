namespace RetentionMetrics.Segments.Syntax;

/// <summary>A node that has a value for a customer: a literal, a trait (or, inside a filter, an event property) or an event aggregate.</summary>
public abstract record SegmentOperand : SegmentNode;
