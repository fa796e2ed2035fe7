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
/// A property value copied by the first pass of a partitioned batch: a <see cref="SegmentValue"/> without its text,
/// which waits in a list beside the buckets (<see cref="Text"/> is its place there + 1, or 0). Holding no reference,
/// it is copied as plain bytes; a <see cref="SegmentValue"/> is copied field by field behind a GC write barrier.
/// </summary>
internal readonly struct SegmentPendingValue(decimal number, long bits, SegmentValueKind kind, int text)
{
    public readonly decimal Number = number;
    public readonly long Bits = bits;
    public readonly SegmentValueKind Kind = kind;
    public readonly int Text = text;
}

/// <summary>
/// The first pass's output: events bucketed by the top bits of their customer's hash, beside a list per bucket of the
/// property values its events carry (in event order). A partitioned pass takes them with <see cref="Take"/> and gives
/// them back when it ends, so that passes one after another (of any engine) reuse one set of arrays.
/// </summary>
internal sealed class SegmentPendingBuckets<TKey>
{
    // Buckets for 4 million events take some 150 MB: kept for the next partitioned pass (see Spare).
    private static readonly Spare<SegmentPendingBuckets<TKey>> Spare = new();

    private readonly BucketArrays<SegmentPendingEvent<TKey>> events = new(0, 0);
    private readonly BucketArrays<SegmentPendingValue> values = new(0, 0);
    private readonly List<string> texts = [];

    /// <summary>The buckets an earlier pass gave back (see <see cref="Give"/>), or new ones.</summary>
    public static SegmentPendingBuckets<TKey> Take() => Spare.Take() ?? new();

    /// <summary>Empties <paramref name="buckets"/> and keeps them for the next <see cref="Take"/>, on any thread.</summary>
    public static void Give(SegmentPendingBuckets<TKey> buckets)
    {
        buckets.events.Clear();
        buckets.values.Clear();
        buckets.texts.Clear();
        Spare.Give(buckets);
    }

    /// <summary>Empties the buckets and makes <paramref name="bucketCount"/> of them, each with room for about <paramref name="capacity"/> events.</summary>
    public void Reset(int bucketCount, int capacity, int valuesPerEvent)
    {
        events.Reset(bucketCount, capacity);
        values.Reset(bucketCount, valuesPerEvent == 0 ? 0 : Math.Max(16, capacity * valuesPerEvent / 4));
        texts.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int bucket, in SegmentPendingEvent<TKey> pending) => events.Add(bucket, pending);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddValue(int bucket, in SegmentValue value)
    {
        var text = 0;
        if (value.RawText is { } s)
        {
            texts.Add(s);
            text = texts.Count;
        }

        values.Add(bucket, new SegmentPendingValue(value.RawNumber, value.RawBits, value.Kind, text));
    }

    public ReadOnlySpan<SegmentPendingEvent<TKey>> Events(int bucket) => events[bucket];

    public ReadOnlySpan<SegmentPendingValue> Values(int bucket) => values[bucket];

    /// <summary>The value <paramref name="pending"/> stands for.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SegmentValue ValueOf(in SegmentPendingValue pending) =>
        SegmentValue.FromParts(pending.Kind, pending.Text == 0 ? null : texts[pending.Text - 1], pending.Number, pending.Bits);
}
