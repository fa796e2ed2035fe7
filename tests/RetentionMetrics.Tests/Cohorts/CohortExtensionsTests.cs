using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Cohorts;

public class CohortExtensionsTests
{
    private static readonly CohortOptions Options = CohortTestData.Generated() with { Measure = CohortMeasure.Revenue };

    private static async IAsyncEnumerable<ReadOnlyMemory<Order>> Batches(Order[] orders, int size)
    {
        for (var i = 0; i < orders.Length; i += size)
        {
            await Task.Yield();
            yield return orders.AsMemory(i, Math.Min(size, orders.Length - i));
        }
    }

    private static IEnumerable<Order> Lazily(Order[] orders)
    {
        foreach (var order in orders)
        {
            yield return order;
        }
    }

    [Property(MaxTest = 100)]
    public Property EveryInputShape_EqualsTheAccumulator() =>
        Prop.ForAll(CohortTestData.Logs, orders =>
        {
            var expected = CohortTestData.Accumulate(Options, orders, grouped: true).ToTable();
            var parallel = Options with { MaximumDegreeOfParallelism = 3 };
            var fromStream = orders.ToAsyncSequence().ToCohortTableAsync(o => o.CustomerId, o => o.Time, o => o.Amount, Options, CohortTestData.GroupOf).AsTask().Result;
            var fromBatches = Batches(orders, 7).ToCohortTableAsync(o => o.CustomerId, o => o.Time, o => o.Amount, parallel, CohortTestData.GroupOf).AsTask().Result;
            var fromMemory = new ReadOnlyMemory<Order>(orders).ToCohortTable(o => o.CustomerId, o => o.Time, o => o.Amount, parallel, CohortTestData.GroupOf);
            var fromSequence = Lazily(orders).ToCohortTable(o => o.CustomerId, o => o.Time, o => o.Amount, Options, CohortTestData.GroupOf);
            return expected.Equals(fromStream) && expected.Equals(fromBatches) && expected.Equals(fromMemory) && expected.Equals(fromSequence);
        });

    [Fact]
    public async Task ToCohortTableAsync_Dates_MatchesTheWorkedExample()
    {
        var table = await CohortTestData.Example.ToAsyncSequence().ToCohortTableAsync(
            r => r.Customer, r => r.Date, r => r.Amount, new CohortOptions { AsOf = CohortTestData.AsOf, Measure = CohortMeasure.ActiveCustomers });

        Assert.Equal([2, 1, 0, 1], table.Row(0));
    }

    [Fact]
    public void ToCohortTable_LargeArrayOnAllCores_EqualsSingleWorker()
    {
        // Above the parallel threshold, so the workers really split the customers.
        var random = new Random(5);
        var start = new LocalDate(2023, 1, 1);
        var records = Enumerable.Range(0, 150_000)
            .Select(_ => (Customer: random.Next(20_000), Date: start.PlusDays(random.Next(700)), Amount: random.Next(100) / 4m))
            .ToArray();
        var single = new CohortOptions { AsOf = new LocalDate(2024, 12, 31), MaximumDegreeOfParallelism = 1, Measure = CohortMeasure.Revenue };

        var one = new ReadOnlyMemory<(int Customer, LocalDate Date, decimal Amount)>(records).ToCohortTable(r => r.Customer, r => r.Date, r => r.Amount, single);
        var two = new ReadOnlyMemory<(int Customer, LocalDate Date, decimal Amount)>(records).ToCohortTable(r => r.Customer, r => r.Date, r => r.Amount, single with { MaximumDegreeOfParallelism = 2 });

        Assert.Equal(one, two);
        Assert.Equal(records.Select(r => r.Customer).Distinct().Count(), one.TotalCustomers);
    }

    [Fact]
    public void ToCohortTableAsync_NullArguments_ThrowAtTheCallWithoutEnumerating()
    {
        var records = new ThrowingAsyncEnumerable<Order>();

        Assert.Equal("customer", Assert.Throws<ArgumentNullException>(() => records.ToCohortTableAsync<Order, string>(null!, o => o.Time, o => o.Amount)).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentNullException>(() => records.ToCohortTableAsync(o => o.CustomerId, (Func<Order, Instant>)null!, o => o.Amount)).ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentNullException>(() => records.ToCohortTableAsync(o => o.CustomerId, o => o.Time, null!)).ParamName);
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() => ((IAsyncEnumerable<Order>)null!).ToCohortTableAsync(o => o.CustomerId, o => o.Time, o => o.Amount)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => records.ToCohortTableAsync(o => o.CustomerId, o => o.Time, o => o.Amount, new CohortOptions { MaximumOffset = -2 })).ParamName);
    }

    [Fact]
    public async Task ToCohortTableAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var orders = new[] { new Order("a", OrderGenerators.Start, 1m) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => orders.ToAsyncSequence().ToCohortTableAsync(cancellationToken: cancellation.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Batches(orders, 1).ToCohortTableAsync(o => o.CustomerId, o => o.Time, o => o.Amount, cancellationToken: cancellation.Token).AsTask());
        Assert.ThrowsAny<OperationCanceledException>(() => new ReadOnlyMemory<Order>(orders).ToCohortTable(o => o.CustomerId, o => o.Time, o => o.Amount, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task ToCohortTableAsync_ReadsOnceDisposesAndReportsProgress()
    {
        var orders = Enumerable.Range(0, 2000).Select(i => new Order($"c{i % 300}", OrderGenerators.Start + Duration.FromHours(i), 1m)).ToArray();
        var source = new CountingAsyncEnumerable<Order>(orders);
        var reports = new List<StreamProgress>();

        var table = await source.ToCohortTableAsync(progress: new SynchronousProgress(reports));

        Assert.Equal((1, 1), (source.Enumerations, source.Disposals));
        Assert.Equal(new StreamProgress(2000, 300), reports[^1]);
        Assert.Equal(300, table.TotalCustomers);
    }

    [Fact]
    public async Task ToCohortTableAsync_MissingCustomer_NamesThePosition()
    {
        var orders = new[] { new Order("a", OrderGenerators.Start, 1m), new Order("b", OrderGenerators.Start, 1m), new Order(null!, OrderGenerators.Start, 1m) };

        var error = await Assert.ThrowsAsync<RetentionDataException>(() => orders.ToAsyncSequence().ToCohortTableAsync().AsTask());

        Assert.Equal((CustomerErrorMessages.MissingCustomer, 2L), (error.Reason, error.Position));
    }

    private sealed class SynchronousProgress(List<StreamProgress> reports) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value) => reports.Add(value);
    }
}
