using RetentionMetrics.Internal;

namespace RetentionMetrics.Churn;

// Snapshot and restore for RetentionMetrics.Serialization: reads and writes the private change log only.
public sealed partial class MrrMovementAccumulator<TKey>
{
    internal int LastDay => lastDay;

    internal TKey KeyAt(int index) => customers.KeyAt(index);

    /// <summary>Each customer's changes (local ticks, MRR) in arrival order, by customer index.</summary>
    internal List<(long Ticks, decimal Mrr)>[] ChangesByCustomer()
    {
        var byCustomer = new List<(long, decimal)>[customers.Count];
        for (var c = 0; c < byCustomer.Length; c++)
        {
            byCustomer[c] = [];
        }

        for (var i = 0; i < count; i++)
        {
            byCustomer[owners[i]].Add((ticks[i], amounts[i]));
        }

        return byCustomer;
    }

    /// <summary>Adds a customer's changes from a validated snapshot; false when the key is already present.</summary>
    internal bool TryRestore(TKey key, IReadOnlyList<(long Ticks, decimal Mrr)> changes)
    {
        var owner = customers.GetOrAdd(key, out var added);
        if (!added)
        {
            return false;
        }

        foreach (var (at, mrr) in changes)
        {
            Append(owner, at, mrr);
            latestDay = Math.Max(latestDay, PeriodCalendar.DayNumber(at));
        }

        return true;
    }

    internal void RestoreCounters(long changesRead, long changesAfterAsOf)
    {
        ChangesRead = changesRead;
        ChangesAfterAsOf = changesAfterAsOf;
    }
}
