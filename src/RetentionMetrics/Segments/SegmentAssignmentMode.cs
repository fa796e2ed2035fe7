namespace RetentionMetrics.Segments;

/// <summary>How a <see cref="SegmentSet"/> assigns a customer who matches several segments.</summary>
public enum SegmentAssignmentMode
{
    /// <summary>The customer belongs to every segment whose rule is true.</summary>
    AllMatches,

    /// <summary>The customer belongs only to the first segment, in set order, whose rule is true.</summary>
    FirstMatch,
}
