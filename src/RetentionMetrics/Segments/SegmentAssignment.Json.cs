namespace RetentionMetrics.Segments;

// Restore for RetentionMetrics.Serialization: an assignment from its customers and the members of each segment.
public sealed partial class SegmentAssignment<TKey>
{
    internal static SegmentAssignment<TKey> Restore(SegmentSet segments, SegmentAssignmentMode mode, TKey[] customers, List<TKey>[] members, long eventsRead) =>
        new(segments, mode, customers, members, eventsRead);
}
