using System.Numerics;
using System.Runtime.CompilerServices;

namespace RetentionMetrics.Internal;

/// <summary>
/// Maps each customer key once to a dense index 0, 1, 2, … so per-customer state can live in plain arrays.
/// </summary>
/// <remarks>
/// Open addressing with linear probing. Each slot packs the key's 32-bit hash with its index + 1 (0 = empty), so a
/// probe compares hashes without touching the key array and a lookup costs one key comparison almost always.
/// Not thread-safe: the parallel paths give each worker its own table over a disjoint hash partition.
/// </remarks>
internal sealed class CustomerTable<TKey>
    where TKey : notnull
{
    private const double MaximumLoad = 0.7;
    private long[] slots;
    private int shift;
    private TKey[] keys;

    public CustomerTable(int expectedCustomers = 16)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (int)Math.Min(int.MaxValue / 2, expectedCustomers / MaximumLoad + 1)));
        slots = new long[capacity];
        shift = 64 - BitOperations.Log2((uint)capacity);
        keys = new TKey[Math.Max(16, expectedCustomers)];
    }

    /// <summary>The number of distinct keys seen.</summary>
    public int Count { get; private set; }

    /// <summary>The keys in index order; only the first <see cref="Count"/> are in use.</summary>
    public ReadOnlySpan<TKey> Keys => keys.AsSpan(0, Count);

    public TKey KeyAt(int index) => keys[index];

    /// <summary>A well-mixed 64-bit hash of the key: the table uses its top bits, partitioning its middle bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(TKey key) => unchecked((ulong)(uint)EqualityComparer<TKey>.Default.GetHashCode(key) * 0x9E3779B97F4A7C15UL);

    /// <summary>Which of <paramref name="partitions"/> workers owns a key with this hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Partition(ulong hash, int partitions) => unchecked((int)((uint)(hash >> 16) % (uint)partitions));

    /// <summary>The index of <paramref name="key"/>, adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(TKey key, out bool added) => GetOrAdd(key, Hash(key), out added);

    public int GetOrAdd(TKey key, ulong hash, out bool added)
    {
        var tag = unchecked((long)(hash >> 32) << 32);
        var mask = slots.Length - 1;
        var slot = (int)(hash >> shift);
        while (true)
        {
            var entry = slots[slot];
            if (entry == 0)
            {
                break;
            }

            if ((entry & unchecked((long)0xFFFFFFFF00000000L)) == tag)
            {
                var index = unchecked((int)(uint)entry) - 1;
                if (EqualityComparer<TKey>.Default.Equals(keys[index], key))
                {
                    added = false;
                    return index;
                }
            }

            slot = (slot + 1) & mask;
        }

        added = true;
        return Insert(key, tag, slot);
    }

    /// <summary>The index of <paramref name="key"/>, or -1 when it was never added.</summary>
    public int IndexOf(TKey key)
    {
        var hash = Hash(key);
        var tag = unchecked((long)(hash >> 32) << 32);
        var mask = slots.Length - 1;
        for (var slot = (int)(hash >> shift); slots[slot] != 0; slot = (slot + 1) & mask)
        {
            var entry = slots[slot];
            if ((entry & unchecked((long)0xFFFFFFFF00000000L)) == tag)
            {
                var index = unchecked((int)(uint)entry) - 1;
                if (EqualityComparer<TKey>.Default.Equals(keys[index], key))
                {
                    return index;
                }
            }
        }

        return -1;
    }

    private int Insert(TKey key, long tag, int slot)
    {
        var index = Count;
        if (index == keys.Length)
        {
            Array.Resize(ref keys, checked(keys.Length * 2));
        }

        keys[index] = key;
        slots[slot] = tag | (uint)(index + 1);
        Count = index + 1;
        if (Count > slots.Length * MaximumLoad)
        {
            Grow();
        }

        return index;
    }

    private void Grow()
    {
        var old = slots;
        slots = new long[checked(old.Length * 2)];
        shift--;
        var mask = slots.Length - 1;
        foreach (var entry in old)
        {
            if (entry == 0)
            {
                continue;
            }

            var hash = Hash(keys[unchecked((int)(uint)entry) - 1]);
            var slot = (int)(hash >> shift);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }
    }
}
