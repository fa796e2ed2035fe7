using NodaTime;

namespace RetentionMetrics.Segments.Syntax;

/// <summary>The window <c>between FROM and TO</c>: events on the days FROM to TO inclusive, in the evaluation's zone.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day; not before <paramref name="From"/>.</param>
public sealed record DateRangeWindow(LocalDate From, LocalDate To) : SegmentWindow
{
    /// <inheritdoc/>
    public bool Equals(DateRangeWindow? other) => other is not null && From == other.From && To == other.To;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(From, To);
}
