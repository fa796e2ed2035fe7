using RetentionMetrics.Internal;

namespace RetentionMetrics.Survival;

// Snapshot and restore for RetentionMetrics.Serialization: reads and writes the private per-customer state only.
public sealed partial class CustomerLifetimeAccumulator<TKey>
{
    internal long LastCountedTicks => lastCountedTicks;

    internal (TKey Key, long FirstTicks, int LastDay, string? Group) SnapshotAt(int index)
    {
        var state = states[index];
        return (customers.KeyAt(index), state.FirstTicks, state.LastDay, state.Group);
    }

    /// <summary>Adds a customer from a validated snapshot; false when the key is already present.</summary>
    internal bool TryRestore(TKey key, long firstTicks, int lastDay, string? group)
    {
        var index = customers.GetOrAdd(key, out var added);
        if (!added)
        {
            return false;
        }

        EnsureCapacity(index);
        states[index] = new State { FirstTicks = firstTicks, FirstDay = PeriodCalendar.DayNumber(firstTicks), LastDay = lastDay, Group = group };
        latestDay = Math.Max(latestDay, lastDay);
        return true;
    }

    internal void RestoreCounters(long recordsAfterAsOf) => RecordsAfterAsOf = recordsAfterAsOf;
}
