using System.Runtime.CompilerServices;

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
/// The first pass's output: events bucketed by the top bits of their customer's hash, each bucket an array that
/// doubles when full, beside a list of the property values its events carry (in event order). Kept by an engine
/// and reused from batch to batch, so a long run allocates it once.
/// </summary>
internal sealed class SegmentPendingBuckets<TKey>
{
    private SegmentPendingEvent<TKey>[][] events = [];
    private int[] counts = [];
    private SegmentValue[][] values = [];
    private int[] valueCounts = [];

    /// <summary>Empties the buckets and makes <paramref name="bucketCount"/> of them, each with room for about <paramref name="capacity"/> events.</summary>
    public void Reset(int bucketCount, int capacity, int valuesPerEvent)
    {
        if (counts.Length != bucketCount)
        {
            events = new SegmentPendingEvent<TKey>[bucketCount][];
            counts = new int[bucketCount];
            values = new SegmentValue[bucketCount][];
            valueCounts = new int[bucketCount];
            for (var b = 0; b < bucketCount; b++)
            {
                events[b] = GC.AllocateUninitializedArray<SegmentPendingEvent<TKey>>(capacity);
                values[b] = valuesPerEvent == 0 ? [] : new SegmentValue[Math.Max(16, capacity * valuesPerEvent / 4)];
            }
        }
        else
        {
            Array.Clear(counts);
            for (var b = 0; b < bucketCount; b++)
            {
                // Values hold references (text): clear them so the buffers do not keep the last batch's strings alive.
                values[b].AsSpan(0, valueCounts[b]).Clear();
            }

            Array.Clear(valueCounts);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int bucket, in SegmentPendingEvent<TKey> pending)
    {
        var array = events[bucket];
        var n = counts[bucket];
        if ((uint)n >= (uint)array.Length)
        {
            array = Grow(ref events[bucket]);
        }

        array[n] = pending;
        counts[bucket] = n + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddValue(int bucket, in SegmentValue value)
    {
        var array = values[bucket];
        var n = valueCounts[bucket];
        if ((uint)n >= (uint)array.Length)
        {
            array = Grow(ref values[bucket]);
        }

        array[n] = value;
        valueCounts[bucket] = n + 1;
    }

    public ReadOnlySpan<SegmentPendingEvent<TKey>> Events(int bucket) => events[bucket].AsSpan(0, counts[bucket]);

    public ReadOnlySpan<SegmentValue> Values(int bucket) => values[bucket].AsSpan(0, valueCounts[bucket]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Grow<T>(ref T[] array)
    {
        Array.Resize(ref array, Math.Max(16, array.Length * 2));
        return array;
    }
}
