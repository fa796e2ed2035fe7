namespace RetentionMetrics.Segments;

/// <summary>The traits, event properties and events a data source has, with their kinds, so rules are checked against them.</summary>
/// <remarks>
/// Every part is optional. A null <see cref="Traits"/> means "any trait name; kinds inferred from how the rule uses
/// them"; a dictionary makes an unlisted trait a compile error (with a suggestion) and a comparison with the wrong
/// kind a compile error. <see cref="Properties"/> do the same for event properties, by property name across all
/// events; <see cref="Events"/> for event names. Kinds <see cref="SegmentValueKind.Date"/> and
/// <see cref="SegmentValueKind.Instant"/> are both times; <see cref="SegmentValueKind.Missing"/> means "any kind".
/// </remarks>
public sealed record SegmentSchema
{
    /// <summary>No schema: names are free and kinds are inferred from each rule.</summary>
    public static SegmentSchema None { get; } = new();

    /// <summary>Trait names and kinds, compared ordinally; null when unknown.</summary>
    public IReadOnlyDictionary<string, SegmentValueKind>? Traits { get; init; }

    /// <summary>Event property names and kinds, compared ordinally; null when unknown.</summary>
    public IReadOnlyDictionary<string, SegmentValueKind>? Properties { get; init; }

    /// <summary>Event names, compared ordinally; null when unknown.</summary>
    public IReadOnlySet<string>? Events { get; init; }
}
