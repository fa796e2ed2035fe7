namespace RetentionMetrics.Internal;

/// <summary>
/// A customer's distinct purchase periods as a sorted list: the newest up to four inline in the customer's state,
/// older ones in a shared pool of ints.
/// </summary>
/// <remarks>
/// Memory grows with distinct periods per customer, never with records. Time-ordered input appends to the inline
/// tail and moves four periods at a time to the pool, so it touches the pool once per four new periods. An earlier
/// period is found by binary search and inserted. A pool part that outgrows its room moves to twice the room at
/// the end of the pool; the room it leaves is not reused, so the pool holds at most about twice what is in use.
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
    public bool Add(ref PeriodList list, int period) =>
        list.Count == 0 ? AppendNewest(ref list, period) : Add(ref list, period, Last(list));

    /// <summary>
    /// Adds <paramref name="period"/> to a non-empty list whose largest period the caller already knows, so that
    /// time-ordered input never reads the pool.
    /// </summary>
    public bool Add(ref PeriodList list, int period, int last)
    {
        if (period == last)
        {
            return false;
        }

        if (period > last)
        {
            return AppendNewest(ref list, period);
        }

        if (list.PoolCount > 0 && period <= pool[list.Offset + list.PoolCount - 1])
        {
            return InsertInPool(ref list, period);
        }

        // Between the pool's largest period and the tail's: it belongs in the tail.
        for (var i = 0; i < list.TailCount; i++)
        {
            if (list.Tail(i) == period)
            {
                return false;
            }
        }

        if (list.TailCount == PeriodList.TailRoom)
        {
            // The tail moves to the pool and the period, now below the pool's largest, is inserted there.
            FlushTail(ref list);
            return InsertInPool(ref list, period);
        }

        var at = list.TailCount;
        while (at > 0 && list.Tail(at - 1) > period)
        {
            list.SetTail(at, list.Tail(at - 1));
            at--;
        }

        list.SetTail(at, period);
        list.TailCount++;
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
    public int[] ToArray(PeriodList list)
    {
        var result = new int[list.Count];
        pool.AsSpan(list.Offset, list.PoolCount).CopyTo(result);
        for (var i = 0; i < list.TailCount; i++)
        {
            result[list.PoolCount + i] = list.Tail(i);
        }

        return result;
    }

    public bool Contains(PeriodList list, int period)
    {
        for (var i = 0; i < list.TailCount; i++)
        {
            if (list.Tail(i) == period)
            {
                return true;
            }
        }

        return pool.AsSpan(list.Offset, list.PoolCount).BinarySearch(period) >= 0;
    }

    private int Last(PeriodList list) => list.TailCount > 0 ? list.Tail(list.TailCount - 1) : pool[list.Offset + list.PoolCount - 1];

    private bool AppendNewest(ref PeriodList list, int period)
    {
        if (list.TailCount == PeriodList.TailRoom)
        {
            FlushTail(ref list);
        }

        list.SetTail(list.TailCount++, period);
        return true;
    }

    /// <summary>Moves the four tail periods, all larger than the pool's, to the end of the pool part.</summary>
    private void FlushTail(ref PeriodList list)
    {
        EnsureRoom(ref list, list.PoolCount + PeriodList.TailRoom);
        var at = list.Offset + list.PoolCount;
        pool[at] = list.Tail0;
        pool[at + 1] = list.Tail1;
        pool[at + 2] = list.Tail2;
        pool[at + 3] = list.Tail3;
        list.PoolCount += PeriodList.TailRoom;
        list.TailCount = 0;
    }

    private bool InsertInPool(ref PeriodList list, int period)
    {
        var at = pool.AsSpan(list.Offset, list.PoolCount).BinarySearch(period);
        if (at >= 0)
        {
            return false;
        }

        at = ~at;
        EnsureRoom(ref list, list.PoolCount + 1);
        pool.AsSpan(list.Offset + at, list.PoolCount - at).CopyTo(pool.AsSpan(list.Offset + at + 1));
        pool[list.Offset + at] = period;
        list.PoolCount++;
        return true;
    }

    private void EnsureRoom(ref PeriodList list, int count)
    {
        if (count <= list.Capacity)
        {
            return;
        }

        var capacity = Math.Max(8, checked(list.Capacity * 2));
        while (capacity < count)
        {
            capacity = checked(capacity * 2);
        }

        if (list.Capacity > 0 && list.Offset + list.Capacity == used)
        {
            // The pool part is the last thing in the pool: grow it where it stands.
            Allocate(capacity - list.Capacity);
        }
        else
        {
            var offset = Allocate(capacity);
            pool.AsSpan(list.Offset, list.PoolCount).CopyTo(pool.AsSpan(offset));
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
/// <remarks>The list is the pool part (sorted) followed by the inline tail (sorted, every period larger than the pool's).</remarks>
internal struct PeriodList
{
    public const int TailRoom = 4;

    public int Offset;
    public int PoolCount;

    /// <summary>Room in the pool; 0 until the first four periods move there.</summary>
    public int Capacity;

    public int TailCount;
    public int Tail0;
    public int Tail1;
    public int Tail2;
    public int Tail3;

    public readonly int Count => PoolCount + TailCount;

    public readonly int Tail(int i) => i switch { 0 => Tail0, 1 => Tail1, 2 => Tail2, _ => Tail3 };

    public void SetTail(int i, int period)
    {
        switch (i)
        {
            case 0: Tail0 = period; break;
            case 1: Tail1 = period; break;
            case 2: Tail2 = period; break;
            default: Tail3 = period; break;
        }
    }
}
