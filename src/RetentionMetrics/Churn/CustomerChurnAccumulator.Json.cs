using RetentionMetrics.Internal;

namespace RetentionMetrics.Churn;

// Snapshot and restore for RetentionMetrics.Serialization: reads and writes the private per-customer state only.
public sealed partial class CustomerChurnAccumulator<TKey>
{
    internal int LatestDay => latestDay;

    internal int LastDay => lastDay;

    internal bool HasWindow => !ReferenceEquals(purchases, active);

    internal (TKey Key, int FirstDay, long Records, int[] Active, int[] Purchases) SnapshotAt(int index)
    {
        var state = states[index];
        var activePeriods = active.ToArray(state.Active);
        return (customers.KeyAt(index), state.FirstDay, state.Records, activePeriods, HasWindow ? purchases.ToArray(state.Purchases) : activePeriods);
    }

    /// <summary>Adds a customer from a validated snapshot; false when the key is already present.</summary>
    internal bool TryRestore(TKey key, int firstDay, long records, int[] activePeriods, int[] purchasePeriods)
    {
        var index = customers.GetOrAdd(key, out var added);
        if (!added)
        {
            return false;
        }

        EnsureCapacity(index);
        states[index] = new State { FirstDay = firstDay, Records = records, Active = PeriodSetArena.Empty, Purchases = PeriodSetArena.Empty };
        ref var state = ref states[index];
        foreach (var p in activePeriods)
        {
            active.Add(ref state.Active, p);
        }

        if (HasWindow)
        {
            foreach (var p in purchasePeriods)
            {
                purchases.Add(ref state.Purchases, p);
            }
        }

        return true;
    }

    internal void RestoreCounters(long recordsRead, long recordsAfterAsOf, int latest)
    {
        RecordsRead = recordsRead;
        RecordsAfterAsOf = recordsAfterAsOf;
        latestDay = latest;
    }
}
