namespace RetentionMetrics.Segments.Syntax;

/// <summary>An event aggregate such as <c>count(order_completed where amount &gt;= 100, last 90 days)</c>.</summary>
/// <param name="Function">What is computed.</param>
/// <param name="EventName">The event name the aggregate reads, compared ordinally.</param>
/// <param name="Property">The event property (<c>sum(order_completed.amount)</c>), or null for the event itself.</param>
/// <param name="Filter">The <c>where</c> filter over the event's properties, or null.</param>
/// <param name="Window">The time window, or null for all events before the as-of instant.</param>
public sealed record AggregateOperand(
    AggregateFunction Function, string EventName, string? Property = null, SegmentCondition? Filter = null, SegmentWindow? Window = null)
    : SegmentOperand
{
    /// <inheritdoc/>
    public bool Equals(AggregateOperand? other) =>
        other is not null && Function == other.Function
        && string.Equals(EventName, other.EventName, StringComparison.Ordinal)
        && string.Equals(Property, other.Property, StringComparison.Ordinal)
        && Equals(Filter, other.Filter) && Equals(Window, other.Window);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Function, StringComparer.Ordinal.GetHashCode(EventName), Property is null ? 0 : StringComparer.Ordinal.GetHashCode(Property), Filter, Window);
}
