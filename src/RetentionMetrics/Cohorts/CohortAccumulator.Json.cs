using RetentionMetrics.Internal;

namespace RetentionMetrics.Cohorts;

// Snapshot and restore for RetentionMetrics.Serialization: reads and writes the private per-customer state only.
public sealed partial class CohortAccumulator<TKey>
{
    internal int LatestDay => latestDay;

    internal long LastCountedTicks => lastCountedTicks;

    /// <summary>A customer's state: signup period (-1 for none), sorted active periods and, when tracked, their revenue.</summary>
    internal (TKey Key, long FirstTicks, int SignupPeriod, string? Group, int[] Periods, decimal[]? Revenue) SnapshotAt(int index)
    {
        ref var state = ref customers.StateAt(index);
        var periods = new List<int>(8);
        AppendPeriods(periods, state.Block, state.Bits);
        for (var c = state.Extra; c != ActivityBlocks.Empty; c = blocks.Next(c))
        {
            AppendPeriods(periods, blocks.Block(c), blocks.Bits(c));
        }

        periods.Sort();
        var sorted = periods.ToArray();
        decimal[]? amounts = null;
        if (trackRevenue)
        {
            amounts = new decimal[sorted.Length];
            for (var e = state.Revenue; e != NoRevenue; e = revenue[e].Next)
            {
                amounts[Array.BinarySearch(sorted, revenue[e].Period)] += revenue[e].Amount;
            }
        }

        return (customers.KeyAt(index), state.FirstTicks, state.Signup == NoSignup ? -1 : state.Signup, GroupName(state.Group), sorted, amounts);
    }

    /// <summary>Adds a customer from a validated snapshot; false when the key is already present.</summary>
    internal bool TryRestore(TKey key, long firstTicks, int signupPeriod, string? group, int[] periods, decimal[]? amounts)
    {
        ref var state = ref customers.GetOrAdd(key, CustomerStates<TKey, State>.Hash(key), out var added);
        if (!added)
        {
            return false;
        }

        state = new State
        {
            FirstTicks = firstTicks,
            Block = periods[0] >> 6,
            Bits = 0,
            Extra = ActivityBlocks.Empty,
            Signup = signupPeriod < 0 ? NoSignup : signupPeriod,
            Group = Intern(group),
            Revenue = NoRevenue,
        };
        for (var i = 0; i < periods.Length; i++)
        {
            SetBits(ref state, periods[i] >> 6, 1UL << (periods[i] & 63));
            if (trackRevenue)
            {
                AddRevenue(ref state.Revenue, periods[i], amounts![i], key, null, newPeriod: true);
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
