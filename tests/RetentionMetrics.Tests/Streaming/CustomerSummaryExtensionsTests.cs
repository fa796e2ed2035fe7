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

    private sealed class SynchronousProgress(List<StreamProgress> reports) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value) => reports.Add(value);
    }
}
