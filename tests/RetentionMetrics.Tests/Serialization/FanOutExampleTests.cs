using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Samples.Docs;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>The fan-out/merge example of docs/serialization.md (a region of the samples), checked against one pass.</summary>
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
                .Select(partition => SerializationSnippets.SummarisePartition(partition, Options))
                .ToList();
            var single = new CustomerSummaryAccumulator<string>(Options);
            foreach (var order in orders)
            {
                single.Add(order.CustomerId, order.Time, order.Amount);
            }

            return SerializationSnippets.MergePartitions(states, Options).Equals(single.ToSummaries());
        });

    [Fact]
    public async Task ApiAsync_StateAndCohortStream_RoundTripsTheStateAndWritesItAfterTheCohortDocument()
    {
        var state = new CustomerSummaryAccumulator<string>(Options);
        state.Add("a", new LocalDate(2025, 1, 5), 10m);
        state.Add("a", new LocalDate(2025, 2, 7), 5m);
        state.Add("b", new LocalDate(2025, 2, 1), 7m);
        var cohortJson = System.Text.Encoding.UTF8.GetBytes(RetentionMetrics.Serialization.RetentionMetricsJson.Serialize(new RetentionMetrics.Cohorts.CohortAccumulator<long>()));
        using var stream = new MemoryStream();
        stream.Write(cohortJson);
        stream.Position = 0;

        var restored = await SerializationSnippets.ApiAsync(state, stream, CancellationToken.None);

        Assert.Equal(state.ToSummaries(), restored.ToSummaries());
        Assert.True(stream.Length > cohortJson.Length, "the state is written after the cohort document");
    }

    [Fact]
    public void OtherKeys_StateWithAnApplicationKeyType_RoundTrips()
    {
        var state = new CustomerSummaryAccumulator<MyCustomerId>(Options);
        state.Add(new MyCustomerId(1), new LocalDate(2025, 1, 5), 10m);
        state.Add(new MyCustomerId(1), new LocalDate(2025, 2, 7), 5m);
        state.Add(new MyCustomerId(2), new LocalDate(2025, 2, 1), 7m);

        var back = SerializationSnippets.OtherKeys(state);

        Assert.Equal(state.ToSummaries(), back.ToSummaries());
    }
}
