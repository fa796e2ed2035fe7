using RetentionMetrics.Internal;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Customers;

// Snapshot and restore for RetentionMetrics.Serialization: reads and writes the private per-customer state only.
public sealed partial class CustomerSummaryAccumulator<TKey>
{
    internal TKey KeyAt(int index) => customers.KeyAt(index);

    internal long LastCountedTicks => lastCountedTicks;

    internal CustomerSummarySnapshot SnapshotAt(int index)
    {
        ref var state = ref customers.StateAt(index);
        return new CustomerSummarySnapshot(state.Transactions, state.TotalSpend, state.FirstPeriodSpend, state.FirstTicks, state.LastTicks, periods.ToArray(state.Periods));
    }

    /// <summary>Adds a customer from a validated snapshot; false when the key is already present.</summary>
    internal bool TryRestore(TKey key, CustomerSummarySnapshot snapshot)
    {
        ref var state = ref customers.GetOrAdd(key, CustomerStates<TKey, State>.Hash(key), out var added);
        if (!added)
        {
            return false;
        }

        state = new State
        {
            FirstTicks = snapshot.FirstTicks,
            LastTicks = snapshot.LastTicks,
            TotalSpend = snapshot.TotalSpend,
            FirstPeriodSpend = snapshot.FirstPeriodSpend,
            FirstPeriod = snapshot.Periods[0],
            LastPeriod = snapshot.Periods[^1],
            Transactions = snapshot.Transactions,
        };
        foreach (var purchasePeriod in snapshot.Periods)
        {
            periods.Add(ref state.Periods, purchasePeriod);
        }

        latestDay = Math.Max(latestDay, PeriodCalendar.DayNumber(snapshot.LastTicks));
        return true;
    }

    internal void RestoreCounters(long recordsRead, long recordsAfterAsOf, long refundsIgnored)
    {
        RecordsRead = recordsRead;
        RecordsAfterAsOf = recordsAfterAsOf;
        RefundsIgnored = refundsIgnored;
    }
}
