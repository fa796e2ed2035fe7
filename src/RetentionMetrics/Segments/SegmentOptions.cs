using NodaTime;

namespace RetentionMetrics.Segments;

/// <summary>When and where rules are evaluated: the as-of instant A, the zone Z for calendar arithmetic, the assignment mode.</summary>
/// <remarks>
/// Events at or after <see cref="AsOf"/> are left out of every aggregate. Relative times (<c>last 30 days</c>,
/// <c>more than 60 days ago</c>) are counted back from A as a local date-time in <see cref="Zone"/>, with NodaTime's
/// calendar arithmetic; see docs/segments.md.
/// </remarks>
public sealed record SegmentOptions
{
    /// <summary>Options for the as-of instant <paramref name="asOf"/>, in UTC, assigning all matches.</summary>
    /// <param name="asOf">The as-of instant A.</param>
    public SegmentOptions(Instant asOf) => AsOf = asOf;

    /// <summary>The as-of instant A.</summary>
    public Instant AsOf { get; init; }

    /// <summary>The zone Z that dates, days, weeks and months are reckoned in (default UTC).</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>First match or all matches (default all matches).</summary>
    public SegmentAssignmentMode Assignment { get; init; } = SegmentAssignmentMode.AllMatches;

    /// <summary>Options whose as-of instant is the start of <paramref name="date"/> in <paramref name="zone"/>.</summary>
    /// <param name="date">The as-of date.</param>
    /// <param name="zone">The zone (null for UTC).</param>
    /// <returns>The options.</returns>
    public static SegmentOptions ForDate(LocalDate date, DateTimeZone? zone = null)
    {
        var z = zone ?? DateTimeZone.Utc;
        return new SegmentOptions(date.AtStartOfDayInZone(z).ToInstant()) { Zone = z };
    }
}
