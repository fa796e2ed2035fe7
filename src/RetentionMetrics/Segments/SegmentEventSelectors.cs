using NodaTime;

namespace RetentionMetrics.Segments;

/// <summary>How to read the customer, event name, time and properties of a user's event type.</summary>
/// <typeparam name="T">The event type.</typeparam>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <param name="Customer">The customer key of an event.</param>
/// <param name="EventName">The event's name.</param>
/// <param name="Time">When the event happened.</param>
/// <param name="Property">A named property of the event, or <see cref="SegmentValue.Missing"/>; null when events have no properties.</param>
public sealed record SegmentEventSelectors<T, TKey>(
    Func<T, TKey> Customer, Func<T, string> EventName, Func<T, Instant> Time, Func<T, string, SegmentValue>? Property = null)
    where TKey : notnull;
