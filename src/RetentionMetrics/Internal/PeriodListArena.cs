namespace RetentionMetrics.Internal;

/// <summary>
/// A customer's distinct purchase periods as a sorted list: the first two inline, more in a shared pool of ints.
/// </summary>
/// <remarks>
/// Memory grows with distinct periods per customer, never with records. Time-ordered input only ever appends
/// (one write at the end of the list); an earlier period is found by binary search and inserted. Two lists merge
/// with a sorted union. A list that outgrows its room moves to twice the room at the end of the pool; the room it
/// leaves is not reused, so the pool holds at most about twice what is in use.
/// </remarks>
internal sealed class PeriodListArena
{
    private int[] pool;
    private int used;

    /// <param name="expectedCustomers">A capacity hint: room for a few periods per customer is reserved up front.</param>
    public PeriodListArena(int expectedCustomers = 1024) => pool = new int[Math.Max(4096, Math.Min(expectedCustomers, int.MaxValue / 8) * 4)];

    /// <summary>Ints of pool in use (for memory reporting).</summary>
    public int PoolSize => used;

    /// <summary>Adds <paramref name="period"/>; true when the list did not hold it.</summary>
    public bool Add(ref PeriodList list, int period) => list.Count == 0 ? AddInline(ref list, period) : Add(ref list, period, Last(list));

    /// <summary>
    /// Adds <paramref name="period"/> to a non-empty list whose largest period the caller already knows, so that
    /// time-ordered input only writes to the pool and never reads it.
    /// </summary>
    public bool Add(ref PeriodList list, int period, int last)
    {
        if (period == last)
        {
            return false;
        }

        if (list.Capacity == 0)
        {
            return AddInline(ref list, period);
        }

        if (period > last)
        {
            EnsureRoom(ref list, list.Count + 1);
            pool[list.Offset + list.Count++] = period;
            return true;
        }

        var items = pool.AsSpan(list.Offset, list.Count);
        var at = items.BinarySearch(period);
        if (at >= 0)
        {
            return false;
        }

        at = ~at;
        EnsureRoom(ref list, list.Count + 1);
        var moved = pool.AsSpan(list.Offset + at, list.Count - at);
        moved.CopyTo(pool.AsSpan(list.Offset + at + 1));
        pool[list.Offset + at] = period;
        list.Count++;
        return true;
    }

    /// <summary>Adds every period of <paramref name="source"/> (held in <paramref name="other"/>) to <paramref name="list"/>.</summary>
    public void UnionWith(ref PeriodList list, PeriodListArena other, PeriodList source)
    {
        foreach (var period in other.ToArray(source))
        {
            Add(ref list, period);
        }
    }

    /// <summary>The periods in ascending order.</summary>
    public int[] ToArray(PeriodList list) => list.Capacity == 0
        ? list.Count switch { 0 => [], 1 => [list.Inline0], _ => [list.Inline0, list.Inline1] }
        : pool.AsSpan(list.Offset, list.Count).ToArray();

    public bool Contains(PeriodList list, int period) => list.Capacity == 0
        ? (list.Count > 0 && list.Inline0 == period) || (list.Count > 1 && list.Inline1 == period)
        : pool.AsSpan(list.Offset, list.Count).BinarySearch(period) >= 0;

    private int Last(PeriodList list) => list.Capacity == 0
        ? (list.Count == 1 ? list.Inline0 : list.Inline1)
        : pool[list.Offset + list.Count - 1];

    private bool AddInline(ref PeriodList list, int period)
    {
        switch (list.Count)
        {
            case 0:
                list.Inline0 = period;
                list.Count = 1;
                return true;
            case 1:
                if (period == list.Inline0)
                {
                    return false;
                }

                (list.Inline0, list.Inline1) = period > list.Inline0 ? (list.Inline0, period) : (period, list.Inline0);
                list.Count = 2;
                return true;
            default:
                if (period == list.Inline0 || period == list.Inline1)
                {
                    return false;
                }

                // A third period: move to the pool, sorted.
                var offset = Allocate(4);
                Span<int> three = [list.Inline0, list.Inline1, period];
                three.Sort();
                three.CopyTo(pool.AsSpan(offset));
                list = new PeriodList { Offset = offset, Count = 3, Capacity = 4 };
                return true;
        }
    }

    private void EnsureRoom(ref PeriodList list, int count)
    {
        if (count <= list.Capacity)
        {
            return;
        }

        var capacity = checked(list.Capacity * 2);
        if (list.Offset + list.Capacity == used)
        {
            // The list is the last thing in the pool: grow it where it stands.
            Allocate(capacity - list.Capacity);
        }
        else
        {
            var offset = Allocate(capacity);
            pool.AsSpan(list.Offset, list.Count).CopyTo(pool.AsSpan(offset));
            list.Offset = offset;
        }

        list.Capacity = capacity;
    }

    private int Allocate(int ints)
    {
        if (used + ints > pool.Length)
        {
            Array.Resize(ref pool, Math.Max(checked(pool.Length * 2), used + ints));
        }

        var offset = used;
        used += ints;
        return offset;
    }
}

/// <summary>The handle of one customer's period list in a <see cref="PeriodListArena"/>; <c>default</c> is empty.</summary>
internal struct PeriodList
{
    public int Offset;
    public int Count;

    /// <summary>Room in the pool; 0 while the periods are inline.</summary>
    public int Capacity;

    public int Inline0;
    public int Inline1;
}
