using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Functions;
using RetentionMetrics.Segments;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Samples;

/// <summary>Fan-out activities and the orchestrator's merge equal one pass over all the orders.</summary>
public class FanOutTests
{
    private static readonly LocalDate AsOf = new(2025, 3, 1);

    private static readonly Arbitrary<(Order[] Orders, int Partitions)> Cases = Arb.From(
        from orders in OrderGenerators.Purchase.ArrayOf()
        from partitions in Gen.Choose(1, 5)
        select (orders, partitions));

    [Property(MaxTest = 60)]
    public Property Merge_CohortPartitionsInAnyOrder_EqualsASinglePass() =>
        Prop.ForAll(Cases, c =>
        {
            var single = RetentionCalculations.CohortsAsync(c.Orders.ToAsyncSequence(), AsOf, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var partials = Partition(c.Orders, c.Partitions)
                .Select(p => FanOut.CohortPartitionAsync(p.ToAsyncSequence(), AsOf, CancellationToken.None).AsTask().GetAwaiter().GetResult())
                .Reverse()
                .ToList();

            return c.Orders.Length == 0 || FanOut.Merge(partials).Equals(single);
        });

    [Property(MaxTest = 60)]
    public Property Merge_AudiencePartitions_EqualsASinglePass() =>
        Prop.ForAll(Cases, c =>
        {
            var single = RetentionCalculations.CountAudiencesAsync(c.Orders.ToAsyncSequence(), AsOf, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var partials = Partition(c.Orders, c.Partitions)
                .Select(p => FanOut.AudiencePartitionAsync(p.ToAsyncSequence(), AsOf, CancellationToken.None).AsTask().GetAwaiter().GetResult())
                .ToList();

            return FanOut.Merge(partials).SequenceEqual(single);
        });

    [Property(MaxTest = 40)]
    public Property MergeJson_ActivityStatesThroughJson_EqualsASinglePass() =>
        Prop.ForAll(Cases, c =>
        {
            var single = RetentionCalculations.CohortsAsync(c.Orders.ToAsyncSequence(), AsOf, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var documents = Partition(c.Orders, c.Partitions)
                .Select(p => FanOut.CohortPartitionJsonAsync(p.ToAsyncSequence(), AsOf, CancellationToken.None).GetAwaiter().GetResult())
                .ToList();

            return c.Orders.Length == 0 || FanOut.MergeJson(documents).Equals(single);
        });

    [Property(MaxTest = 40)]
    public Property MergeAudiencesJson_ActivityStatesThroughJson_EqualsASinglePass() =>
        Prop.ForAll(Cases, c =>
        {
            var single = RetentionCalculations.CountAudiencesAsync(c.Orders.ToAsyncSequence(), AsOf, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var documents = Partition(c.Orders, c.Partitions)
                .Select(p => FanOut.AudiencePartitionJsonAsync(p.ToAsyncSequence(), AsOf, CancellationToken.None).GetAwaiter().GetResult())
                .Reverse()
                .ToList();

            return FanOut.MergeAudiencesJson(documents).SequenceEqual(single);
        });

    [Fact]
    public async Task MergeAudiencesJson_TwoBlobs_EqualsTheHandCountedAudiences()
    {
        // As of 2025-03-01: a buys 60 on 5 Jan (blob 1) and 50 on 10 Feb (blob 2): 2 orders, 110 in total → repeat buyer
        // and big spender, but neither blob alone knows it. b buys 20 on 1 Oct 2024 (blob 1): last order more than
        // 90 days ago (before 1 Dec 2024) → lapsed.
        Order[] first = [new("a", Instant.FromUtc(2025, 1, 5, 0, 0), 60m), new("b", Instant.FromUtc(2024, 10, 1, 0, 0), 20m)];
        Order[] second = [new("a", Instant.FromUtc(2025, 2, 10, 0, 0), 50m)];

        var sizes = FanOut.MergeAudiencesJson([
            await FanOut.AudiencePartitionJsonAsync(first.ToAsyncSequence(), AsOf, CancellationToken.None),
            await FanOut.AudiencePartitionJsonAsync(second.ToAsyncSequence(), AsOf, CancellationToken.None)]);

        Assert.Equal(new Dictionary<string, int> { ["repeat_buyers"] = 1, ["big_spenders"] = 1, ["lapsed"] = 1 }, sizes);
    }

    [Fact]
    public void MergeAudiencesJson_NotASegmentState_ThrowsJsonException() =>
        Assert.Throws<System.Text.Json.JsonException>(() => FanOut.MergeAudiencesJson([RetentionMetrics.Serialization.RetentionMetricsJson.Serialize(new CohortAccumulator<string>())]));

    [Fact]
    public void MergeJson_NotACohortState_ThrowsJsonException() =>
        Assert.Throws<System.Text.Json.JsonException>(() => FanOut.MergeJson(["{\"type\":\"something else\"}"]));

    [Fact]
    public async Task Merge_TwoBlobs_EqualsTheHandCountedCohorts()
    {
        // Blob 1 has a's January order and b; blob 2 has a's March order: a is one January customer who returns at
        // offset 2, so the merged January cohort has size 1 and retention 1 at offset 2 — neither blob alone knows that.
        Order[] first = [new("a", Instant.FromUtc(2024, 1, 5, 0, 0), 10m), new("b", Instant.FromUtc(2024, 2, 5, 0, 0), 5m)];
        Order[] second = [new("a", Instant.FromUtc(2024, 3, 5, 0, 0), 10m)];
        var asOf = new LocalDate(2024, 3, 31);

        var table = FanOut.Merge([
            await FanOut.CohortPartitionAsync(second.ToAsyncSequence(), asOf, CancellationToken.None),
            await FanOut.CohortPartitionAsync(first.ToAsyncSequence(), asOf, CancellationToken.None)]);

        Assert.Equal(["2024-01", "2024-02"], table.Cohorts.Select(c => c.Label));
        Assert.Equal([1d, 0d, 1d], table.Row(0));
    }

    [Fact]
    public async Task CohortsOfPartitionsAsync_ThreeBlobs_EqualsTheSinglePassOverAllRows()
    {
        string[] blobs =
        [
            "customer_id,time,amount\na,2024-01-05,10\nb,2024-02-05,5\n",
            "customer_id,time,amount\na,2024-03-05,10\nc,2024-01-20T08:00:00Z,3\n",
            "customer_id,time,amount\nb,2024-03-01,1\n",
        ];
        var asOf = new LocalDate(2024, 3, 31);
        var all = "customer_id,time,amount\n" + string.Concat(blobs.Select(b => b[(b.IndexOf('\n', StringComparison.Ordinal) + 1)..]));

        var merged = await FanOut.CohortsOfPartitionsAsync(
            blobs.Select(b => (Func<CancellationToken, Task<Stream>>)(_ => Task.FromResult<Stream>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(b))))),
            asOf, CancellationToken.None);
        var single = await RetentionCalculations.CohortsAsync(OrderCsv.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(all))), asOf, CancellationToken.None);

        // January: a and c, a back in March (offset 2); February: b, back in March (offset 1).
        Assert.Equal(single, merged);
        Assert.Equal([2, 1], merged.Cohorts.Select(c => c.Size));
        Assert.Equal([1d, 0d, 0.5], merged.Row(0));
    }

    [Fact]
    public async Task CohortsOfPartitionsAsync_HostCancels_StopsWithOperationCanceled()
    {
        using var host = new CancellationTokenSource();
        await host.CancelAsync();
        var pipe = new System.IO.Pipelines.Pipe(); // a blob that never ends: only the token stops the read

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FanOut.CohortsOfPartitionsAsync(
            [_ => Task.FromResult(pipe.Reader.AsStream())], AsOf, host.Token));
    }

    [Fact]
    public async Task CohortPartitionAsync_HostCancels_StopsWithOperationCanceled()
    {
        using var host = new CancellationTokenSource();
        await host.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await FanOut.CohortPartitionAsync(new[] { new Order("a", Instant.FromUtc(2024, 1, 1, 0, 0), 1m) }.ToAsyncSequence(), AsOf, host.Token));
    }

    [Fact]
    public void Merge_NoPartials_ThrowsArgumentException()
    {
        Assert.Equal("partials", Assert.Throws<ArgumentException>(() => FanOut.Merge(Array.Empty<CohortAccumulator<string>>())).ParamName);
        Assert.Equal("partials", Assert.Throws<ArgumentException>(() => FanOut.Merge(Array.Empty<SegmentAccumulator<string>>())).ParamName);
    }

    private static IEnumerable<Order[]> Partition(Order[] orders, int partitions) =>
        Enumerable.Range(0, partitions).Select(p => orders.Where((_, i) => i % partitions == p).ToArray());
}
