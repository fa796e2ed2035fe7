using System.Numerics;
using System.Runtime.CompilerServices;

namespace RetentionMetrics.Internal;

/// <summary>
/// Per-customer state in one dense array: each customer key is mapped once to an index 0, 1, 2, … and its state
/// lives beside the key, so the hot loop is "hash, probe, update a struct" with one cache miss per record.
/// </summary>
/// <remarks>
/// Open addressing with linear probing over compact slots that pack a 32-bit hash tag with the entry index + 1
/// (0 = empty): a probe compares tags without touching the entries, and the key is compared only when the tags
/// agree. Not thread-safe: the parallel paths give each worker its own table over a disjoint hash partition.
/// </remarks>
internal sealed class CustomerStates<TKey, TState>
    where TKey : notnull
    where TState : struct
{
    private const double MaximumLoad = 0.7;
    private long[] slots;
    private int shift;
    private Entry[] entries;

    public CustomerStates(int expectedCustomers = 16)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (int)Math.Min(int.MaxValue / 4, expectedCustomers / MaximumLoad + 1)));
        slots = new long[capacity];
        shift = 64 - BitOperations.Log2((uint)capacity);
        entries = new Entry[Math.Max(16, expectedCustomers)];
    }

    /// <summary>The number of distinct keys seen.</summary>
    public int Count { get; private set; }

    public TKey KeyAt(int index) => entries[index].Key;

    public ref TState StateAt(int index) => ref entries[index].State;

    /// <summary>A well-mixed 64-bit hash of the key: the table uses its top bits, partitioning its middle bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(TKey key) => unchecked((ulong)(uint)EqualityComparer<TKey>.Default.GetHashCode(key) * 0x9E3779B97F4A7C15UL);

    /// <summary>Which of <paramref name="partitions"/> workers owns a key with this hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Partition(ulong hash, int partitions) => unchecked((int)((uint)(hash >> 16) % (uint)partitions));

    /// <summary>The state of <paramref name="key"/>, added as <c>default</c> when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TState GetOrAdd(TKey key, ulong hash, out bool added)
    {
        // The index first: adding may replace the entries array.
        var index = GetOrAddIndex(key, hash, out added);
        return ref entries[index].State;
    }

    /// <summary>The index of <paramref name="key"/>, added with a <c>default</c> state when new.</summary>
    public int GetOrAddIndex(TKey key, ulong hash, out bool added)
    {
        var tag = unchecked((long)(hash >> 32) << 32);
        var mask = slots.Length - 1;
        var slot = (int)(hash >> shift);
        while (true)
        {
            var packed = slots[slot];
            if (packed == 0)
            {
                added = true;
                return Insert(key, tag, slot);
            }

            if ((packed & unchecked((long)0xFFFFFFFF00000000UL)) == tag)
            {
                var index = unchecked((int)packed) - 1;
                if (EqualityComparer<TKey>.Default.Equals(entries[index].Key, key))
                {
                    added = false;
                    return index;
                }
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>
    /// Reads the slots of one hash range (keys whose top <paramref name="bits"/> hash bits are <paramref name="range"/>)
    /// and the entries they point to, so that lookups of many keys of that range find them in cache. These reads do
    /// not depend on each other, so their cache misses overlap, where a lookup pays its slot's and then its entry's
    /// one after the other. The value is meaningless (returned so that the reads are kept).
    /// </summary>
    public long Touch(int range, int bits)
    {
        var log = 64 - shift;
        if (bits > log)
        {
            return 0;
        }

        var slots = this.slots;
        var entries = this.entries;
        var sink = 0L;
        var last = Unsafe.SizeOf<Entry>() - 1;
        for (int s = range << (log - bits), end = (range + 1) << (log - bits); s < end; s++)
        {
            var packed = slots[s];
            if (packed != 0)
            {
                ref var entry = ref Unsafe.As<Entry, byte>(ref entries[unchecked((int)packed) - 1]);
                sink += entry + Unsafe.Add(ref entry, last);
            }
        }

        return sink;
    }

    /// <summary>The index of <paramref name="key"/>, or -1 when it was never added.</summary>
    public int IndexOf(TKey key)
    {
        var hash = Hash(key);
        var tag = unchecked((long)(hash >> 32) << 32);
        var mask = slots.Length - 1;
        for (var slot = (int)(hash >> shift); slots[slot] != 0; slot = (slot + 1) & mask)
        {
            var packed = slots[slot];
            if ((packed & unchecked((long)0xFFFFFFFF00000000UL)) == tag)
            {
                var index = unchecked((int)packed) - 1;
                if (EqualityComparer<TKey>.Default.Equals(entries[index].Key, key))
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
        if (index == entries.Length)
        {
            Array.Resize(ref entries, checked(entries.Length * 2));
        }

        entries[index].Key = key;
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
        foreach (var packed in old)
        {
            if (packed == 0)
            {
                continue;
            }

            var slot = (int)(Hash(entries[unchecked((int)packed) - 1].Key) >> shift);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = packed;
        }
    }

    private struct Entry
    {
        public TKey Key;
        public TState State;
    }
}
