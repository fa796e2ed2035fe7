using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>The fan-out/merge example of docs/serialization.md, compiled and checked against one pass.</summary>
public class FanOutExampleTests
{
    private static readonly CustomerSummaryOptions Options = new() { Period = PurchasePeriod.Month, AsOf = new LocalDate(2025, 3, 1) };

    [Property(MaxTest = 50)]
    public Property MergePartitions_OfAnyPartitioning_EqualsOnePass() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, Arb.From(Gen.Choose(1, 5)), (orders, partitions) =>
        {
            var states = orders
                .Select((order, i) => (order, i))
                .GroupBy(x => x.i % partitions, x => x.order)
                .Select(partition => SummarisePartition(partition, Options))
                .ToList();
            var single = new CustomerSummaryAccumulator<string>(Options);
            foreach (var order in orders)
            {
                single.Add(order.CustomerId, order.Time, order.Amount);
            }

            return MergePartitions(states, Options).Equals(single.ToSummaries());
        });

    // Activity: one partition of the orders (one blob, one file, one day).
    public static string SummarisePartition(IEnumerable<Order> orders, CustomerSummaryOptions options)
    {
        var state = new CustomerSummaryAccumulator<string>(options);
        foreach (var order in orders)
        {
            state.Add(order.CustomerId, order.Time, order.Amount);
        }

        return RetentionMetricsJson.Serialize(state);
    }

    // Orchestrator: merge the partial states as they arrive, then read the summaries.
    public static CustomerSummaries<string> MergePartitions(IEnumerable<string> partialStates, CustomerSummaryOptions options)
    {
        var total = new CustomerSummaryAccumulator<string>(options);
        foreach (var json in partialStates)
        {
            total.Merge(RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>(json));
        }

        return total.ToSummaries();
    }
}
