using System.Runtime.CompilerServices;

namespace RetentionMetrics.Internal;

/// <summary>
/// Maps each customer key once to a dense index 0, 1, 2, … so per-customer state can live in plain arrays indexed
/// by it. A <see cref="CustomerStates{TKey, TState}"/> without state; use that type directly to keep each state
/// beside its key (one cache miss per lookup instead of two).
/// </summary>
/// <remarks>Not thread-safe: the parallel paths give each worker its own table over a disjoint hash partition.</remarks>
internal sealed class CustomerTable<TKey>(int expectedCustomers = 16)
    where TKey : notnull
{
    private readonly CustomerStates<TKey, byte> states = new(expectedCustomers);
    private TKey[] keys = new TKey[Math.Max(16, expectedCustomers)];

    /// <summary>The number of distinct keys seen.</summary>
    public int Count => states.Count;

    /// <summary>The keys in index order.</summary>
    public ReadOnlySpan<TKey> Keys => keys.AsSpan(0, Count);

    public TKey KeyAt(int index) => keys[index];

    /// <inheritdoc cref="CustomerStates{TKey, TState}.Hash"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(TKey key) => CustomerStates<TKey, byte>.Hash(key);

    /// <inheritdoc cref="CustomerStates{TKey, TState}.Partition"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Partition(ulong hash, int partitions) => CustomerStates<TKey, byte>.Partition(hash, partitions);

    /// <summary>The index of <paramref name="key"/>, adding it when new.</summary>
    public int GetOrAdd(TKey key, out bool added) => GetOrAdd(key, Hash(key), out added);

    /// <summary>The index of <paramref name="key"/> whose hash is known, adding it when new.</summary>
    public int GetOrAdd(TKey key, ulong hash, out bool added)
    {
        var index = states.GetOrAddIndex(key, hash, out added);
        if (added)
        {
            if (index == keys.Length)
            {
                Array.Resize(ref keys, checked(keys.Length * 2));
            }

            keys[index] = key;
        }

        return index;
    }

    /// <summary>The index of <paramref name="key"/>, or -1 when it was never added.</summary>
    public int IndexOf(TKey key) => states.IndexOf(key);
}
