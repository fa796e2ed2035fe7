using NodaTime;
using RetentionMetrics.Benchmarks.Support;

namespace RetentionMetrics.Benchmarks.Customers;

/// <summary>
/// Hand-written versions of the customer summary that the library is measured against. Each returns the sum of
/// frequencies so callers (and the agreement test) can check they computed the same thing.
/// </summary>
public static class CustomerSummaryBaselines
{
    /// <summary>The textbook LINQ: group by customer, then by day.</summary>
    public static long LinqGroupBy(SyntheticOrder[] orders) =>
        orders.GroupBy(o => o.CustomerId)
            .Select(g =>
            {
                var days = g.GroupBy(o => o.Date).Select(d => (Day: d.Key, Spend: d.Sum(o => o.Amount))).OrderBy(d => d.Day).ToList();
                var repeat = days.Count - 1;
                var monetary = repeat == 0 ? 0m : days.Skip(1).Sum(d => d.Spend) / repeat;
                return (Frequency: repeat, Recency: Period.DaysBetween(days[0].Day, days[^1].Day), Monetary: monetary, Total: g.Sum(o => o.Amount));
            })
            .Sum(s => (long)s.Frequency);

    /// <summary>
    /// A plain dictionary of per-customer state, counting a new purchase day when the day changes. Correct only
    /// because the synthetic log is in time order; the library does not assume that.
    /// </summary>
    public static long Dictionary(SyntheticOrder[] orders)
    {
        var states = new Dictionary<long, State>();
        foreach (var order in orders)
        {
            ref var state = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(states, order.CustomerId, out var exists);
            state.Add(order, exists);
        }

        return states.Values.Sum(s => (long)s.Days - 1);
    }

    /// <summary>
    /// The fastest possible single pass: customer numbers used directly as array indexes (the synthetic ids are
    /// dense 0…n−1), time-ordered input assumed. A floor for what a general engine can reach.
    /// </summary>
    public static long DenseArray(SyntheticOrder[] orders, int customers)
    {
        var states = new State[customers];
        foreach (var order in orders)
        {
            ref var state = ref states[order.CustomerId];
            state.Add(order, state.Transactions > 0);
        }

        var total = 0L;
        foreach (var state in states)
        {
            total += state.Transactions > 0 ? state.Days - 1 : 0;
        }

        return total;
    }

    private struct State
    {
        public LocalDate First;
        public LocalDate Last;
        public int Transactions;
        public int Days;
        public decimal Total;
        public decimal FirstDaySpend;

        public void Add(SyntheticOrder order, bool exists)
        {
            if (!exists)
            {
                First = Last = order.Date;
                Days = 1;
                FirstDaySpend = order.Amount;
            }
            else if (order.Date != Last)
            {
                Last = order.Date;
                Days++;
            }
            else if (order.Date == First)
            {
                FirstDaySpend += order.Amount;
            }

            Transactions++;
            Total += order.Amount;
        }
    }
}
