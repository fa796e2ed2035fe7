using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Streaming;

public class CustomerSummaryExtensionsTests
{
    private static readonly CustomerSummaryOptions Options = new() { AsOf = new LocalDate(2025, 3, 1) };

    [Fact]
    public void ToCustomerSummariesAsync_NullSelector_ThrowsAtTheCallWithoutEnumerating()
    {
        var records = new ThrowingAsyncEnumerable<Order>();

        var error = Assert.Throws<ArgumentNullException>(() =>
            records.ToCustomerSummariesAsync<Order, string>(o => o.CustomerId, (Func<Order, Instant>)null!, o => o.Amount));

        Assert.Equal("time", error.ParamName);
    }

    [Fact]
    public void ToCustomerSummariesAsync_InvalidOptions_ThrowsAtTheCall()
    {
        var records = new ThrowingAsyncEnumerable<Order>();

        var error = Assert.Throws<ArgumentException>(() =>
            records.ToCustomerSummariesAsync(new CustomerSummaryOptions { MaximumDegreeOfParallelism = -1 }));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public async Task ToCustomerSummariesAsync_ReadsOnceAndDisposes()
    {
        var records = new CountingAsyncEnumerable<Order>(Enumerable.Range(0, 10)
            .Select(i => new Order($"c{i % 3}", OrderGenerators.Start + Duration.FromDays(i), 1m)).ToList());

        var summaries = await records.ToCustomerSummariesAsync(Options);

        Assert.Equal((1, 1, 3), (records.Enumerations, records.Disposals, summaries.Count));
    }

    [Fact]
    public async Task ToCustomerSummariesAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var records = Enumerable.Range(0, 10).Select(i => new Order("a", OrderGenerators.Start, 1m)).ToAsyncSequence();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await records.ToCustomerSummariesAsync(Options, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task ToCustomerSummariesAsync_BatchesCancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var batches = new[] { new ReadOnlyMemory<Order>([new Order("a", OrderGenerators.Start, 1m)]) }.ToAsyncSequence();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await batches.ToCustomerSummariesAsync(o => o.CustomerId, o => o.Time, o => o.Amount, Options, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void ToCustomerSummaries_InMemoryCancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var records = new Order[200_000];
        Array.Fill(records, new Order("a", OrderGenerators.Start, 1m));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new ReadOnlyMemory<Order>(records).ToCustomerSummaries(o => o.CustomerId, o => o.Time, o => o.Amount, Options, cancellation.Token));
    }

    [Fact]
    public async Task ToCustomerSummariesAsync_ReportsProgress()
    {
        var reports = new List<StreamProgress>();
        var records = Enumerable.Range(0, 70_000).Select(i => new Order($"c{i % 5}", OrderGenerators.Start, 1m));

        await records.ToAsyncSequence().ToCustomerSummariesAsync(Options, new SynchronousProgress(reports));

        Assert.Equal([new StreamProgress(65_536, 5), new StreamProgress(70_000, 5)], reports);
    }

    [Fact]
    public void ToCustomerSummaries_BadRecordOnParallelPath_NamesTheEarliestBadRecord()
    {
        // Two bad records far apart, owned by different workers: the error must name the first, whatever the timing.
        var records = Enumerable.Range(0, 300_000).Select(i => new Order($"c{i % 1000}", OrderGenerators.Start, 1m)).ToArray();
        records[150_001] = new Order("late", Instant.MaxValue, 1m);
        records[200_003] = new Order("later", Instant.MaxValue, 1m);

        var error = Assert.Throws<RetentionDataException>(() => records.ToCustomerSummaries(Options with { MaximumDegreeOfParallelism = 2 }));

        Assert.Equal((150_001L, "late"), (error.Position, error.Customer));
    }

    [Fact]
    public void ToCustomerSummaries_MissingCustomerKey_ThrowsNamingThePosition()
    {
        var records = new[] { new Order("a", OrderGenerators.Start, 1m), default };

        var error = Assert.Throws<RetentionDataException>(() => records.ToCustomerSummaries(Options));

        Assert.Equal((1L, CustomerErrorMessages.MissingCustomer), (error.Position, error.Reason));
    }

    [Property(MaxTest = 50)]
    public Property ToCustomerSummaries_ParallelPath_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, Arb.From(Gen.Choose(1, 4)), (orders, workers) =>
        {
            // Repeat the log so the parallel threshold is crossed; per-customer results stay comparable.
            var large = Enumerable.Repeat(orders, 1 + 100_000 / Math.Max(1, orders.Length)).SelectMany(o => o).ToArray();
            var parallel = large.ToCustomerSummaries(Options with { MaximumDegreeOfParallelism = workers });
            var single = new CustomerSummaryAccumulator<string>(Options);
            foreach (var order in large)
            {
                single.Add(order.CustomerId, order.Time, order.Amount);
            }

            return parallel.Equals(single.ToSummaries());
        });

    [Property(MaxTest = 100)]
    public Property SummarisePartitioned_AnyBucketsAndWorkers_EqualsSinglePass()
    {
        // Many customers, so that every bucket and every owner gets some; refunds under each policy but Reject.
        var order =
            from customer in Gen.Choose(0, 999)
            from minutes in Gen.Choose(0, 400 * 24 * 60)
            from cents in Gen.Choose(-5_000, 50_000)
            select new Order($"c{customer}", OrderGenerators.Start + Duration.FromMinutes(minutes), cents / 100m);
        var setup =
            from bits in Gen.Choose(0, 8)
            from workers in Gen.Choose(1, 4)
            from ignoreRefunds in Gen.Elements(true, false)
            select (Bits: bits, Workers: workers, Refunds: ignoreRefunds ? RefundPolicy.Ignore : RefundPolicy.Subtract);
        return Prop.ForAll(Arb.From(order.ArrayOf()), Arb.From(setup), (orders, s) =>
        {
            var options = Options with { MaximumDegreeOfParallelism = s.Workers, Refunds = s.Refunds, AsOf = new LocalDate(2024, 11, 1) };
            var partitioned = CustomerSummaryExtensions.SummarisePartitioned<Order, string>(orders, o => o.CustomerId, o => o.Time, o => o.Amount, options, s.Bits);
            var single = new CustomerSummaryAccumulator<string>(options);
            foreach (var o in orders)
            {
                single.Add(o.CustomerId, o.Time, o.Amount);
            }

            var expected = single.ToSummaries();
            return partitioned.Equals(expected)
                && partitioned.RecordsRead == expected.RecordsRead
                && partitioned.RecordsAfterAsOf == expected.RecordsAfterAsOf
                && partitioned.RefundsIgnored == expected.RefundsIgnored;
        });
    }

    [Fact]
    public void SummarisePartitioned_RefundRejected_NamesTheEarliestBadRecord()
    {
        var records = Enumerable.Range(0, 1000).Select(i => new Order($"c{i}", OrderGenerators.Start, 1m)).ToArray();
        records[700] = new Order("second", OrderGenerators.Start, -1m);
        records[300] = new Order("first", OrderGenerators.Start, -1m);
        var options = Options with { MaximumDegreeOfParallelism = 2, Refunds = RefundPolicy.Reject };

        var error = Assert.Throws<RetentionDataException>(() =>
            CustomerSummaryExtensions.SummarisePartitioned<Order, string>(records, o => o.CustomerId, o => o.Time, o => o.Amount, options, radixBits: 3));

        Assert.Equal((300L, "first"), (error.Position, error.Customer));
    }

    [Fact]
    public void RadixBits_TenMillionRecords_UsesTheLargestFanOut() =>
        // 10,000,000 / 8 / 2 = 625,000 customers per owner; halving until at most 4,096 stops at the 7-bit cap.
        Assert.Equal((7, 0), (CustomerSummaryExtensions.RadixBits(10_000_000, 2), CustomerSummaryExtensions.RadixBits(50_000, 2)));

    private sealed class SynchronousProgress(List<StreamProgress> reports) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value) => reports.Add(value);
    }
}
