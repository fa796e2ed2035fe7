namespace RetentionMetrics.Segments;

/// <summary>The kind of a <see cref="SegmentValue"/>: what a trait, an event property or a literal holds.</summary>
public enum SegmentValueKind : byte
{
    /// <summary>No value: an absent trait or property. Comparisons with it are unknown.</summary>
    Missing = 0,

    /// <summary>A decimal number (money is a number).</summary>
    Number,

    /// <summary>Text, compared ordinally.</summary>
    String,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A calendar date, compared as the start of its day in the evaluation's time zone.</summary>
    Date,

    /// <summary>A point in time.</summary>
    Instant,
}
