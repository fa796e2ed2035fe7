using System.Runtime.CompilerServices;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Segments;

/// <summary>
/// An event copied out of the caller's type by the first pass of a partitioned batch: the customer, the time, the
/// event's offset in the batch and its event id (-1 when the event only makes its customer known: it is at or
/// after the as-of instant, or of a name the rules never read). Its property values, if any, follow in the
/// bucket's value list.
/// </summary>
internal readonly struct SegmentPendingEvent<TKey>(TKey key, long ticks, int offset, int eventId)
{
    public readonly TKey Key = key;
    public readonly long Ticks = ticks;
    public readonly int Offset = offset;
    public readonly int EventId = eventId;
}

/// <summary>
/// The first pass's output: events bucketed by the top bits of their customer's hash, beside a list per bucket of the
/// property values its events carry (in event order). Kept by an engine and reused from batch to batch, so a long run
/// allocates it once.
/// </summary>
internal sealed class SegmentPendingBuckets<TKey>
{
    private readonly BucketArrays<SegmentPendingEvent<TKey>> events = new(0, 0);
    private readonly BucketArrays<SegmentValue> values = new(0, 0);

    /// <summary>Empties the buckets and makes <paramref name="bucketCount"/> of them, each with room for about <paramref name="capacity"/> events.</summary>
    public void Reset(int bucketCount, int capacity, int valuesPerEvent)
    {
        events.Reset(bucketCount, capacity);
        values.Reset(bucketCount, valuesPerEvent == 0 ? 0 : Math.Max(16, capacity * valuesPerEvent / 4));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int bucket, in SegmentPendingEvent<TKey> pending) => events.Add(bucket, pending);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddValue(int bucket, in SegmentValue value) => values.Add(bucket, value);

    public ReadOnlySpan<SegmentPendingEvent<TKey>> Events(int bucket) => events[bucket];

    public ReadOnlySpan<SegmentValue> Values(int bucket) => values[bucket];
}
