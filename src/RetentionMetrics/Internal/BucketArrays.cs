using System.Runtime.CompilerServices;

namespace RetentionMetrics.Internal;

/// <summary>
/// The output of a radix-partitioning pass: items appended to numbered buckets, each bucket an array that doubles
/// when full. <see cref="Reset"/> keeps every array that is large enough, whatever the new bucket count, so passes
/// one after another allocate nothing once the arrays have grown to the work.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class BucketArrays<T>
{
    private T[][] items = [];
    private int[] counts = [];

    /// <summary>Makes <paramref name="bucketCount"/> empty buckets with room for <paramref name="capacity"/> items each.</summary>
    public BucketArrays(int bucketCount, int capacity) => Reset(bucketCount, capacity);

    /// <summary>
    /// Empties the buckets and makes <paramref name="bucketCount"/> of them with room for <paramref name="capacity"/>
    /// items each, reusing the arrays that have room.
    /// </summary>
    public void Reset(int bucketCount, int capacity)
    {
        Clear();
        if (items.Length < bucketCount)
        {
            Array.Resize(ref items, bucketCount);
        }

        if (counts.Length != bucketCount)
        {
            counts = new int[bucketCount];
        }

        for (var b = 0; b < bucketCount; b++)
        {
            if (items[b] is null || items[b].Length < capacity)
            {
                items[b] = GC.AllocateUninitializedArray<T>(capacity);
            }
        }
    }

    /// <summary>Empties the buckets, keeping their arrays.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Cleared so that the buffers do not keep the last batch's keys or texts alive.
            for (var b = 0; b < counts.Length; b++)
            {
                items[b].AsSpan(0, counts[b]).Clear();
            }
        }

        Array.Clear(counts);
    }

    /// <summary>Appends <paramref name="item"/> to bucket <paramref name="bucket"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int bucket, in T item)
    {
        var array = items[bucket];
        var n = counts[bucket];
        if ((uint)n >= (uint)array.Length)
        {
            array = Grow(bucket);
        }

        array[n] = item;
        counts[bucket] = n + 1;
    }

    /// <summary>The items of bucket <paramref name="bucket"/>, in the order they were added.</summary>
    public ReadOnlySpan<T> this[int bucket] => items[bucket].AsSpan(0, counts[bucket]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T[] Grow(int bucket)
    {
        Array.Resize(ref items[bucket], Math.Max(16, items[bucket].Length * 2));
        return items[bucket];
    }
}
