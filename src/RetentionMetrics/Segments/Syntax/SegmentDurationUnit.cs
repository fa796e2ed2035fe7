namespace RetentionMetrics.Segments.Syntax;

/// <summary>The calendar unit of a <see cref="SegmentDuration"/>.</summary>
public enum SegmentDurationUnit
{
    /// <summary>Calendar days in the evaluation's zone.</summary>
    Days,

    /// <summary>Seven calendar days.</summary>
    Weeks,

    /// <summary>Calendar months (the day of month is kept, clamped to the month's last day).</summary>
    Months,
}
