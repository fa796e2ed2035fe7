using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;
using RetentionMetrics.Survival;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Survival;

public class CustomerLifetimeExtensionsTests
{
    private static readonly CustomerLifetimeOptions Options = new() { AsOf = new LocalDate(2025, 3, 1) };

    private static string? Group(Order order) => order.Amount > 250m ? "large" : null;

    /// <summary>The reference: one accumulator fed one record at a time.</summary>
    private static string Reference(IEnumerable<Order> orders)
    {
        var accumulator = new CustomerLifetimeAccumulator<string>(Options);
        foreach (var order in orders)
        {
            accumulator.Add(order.CustomerId, order.Time, Group(order));
        }

        return Describe(accumulator.ToGroups());
    }

    private static string Describe(IReadOnlyList<SurvivalGroup> groups) =>
        string.Join(";", groups.Select(g => g.Name + ":" + string.Join(",", g.Observations.Select(o => $"{o.Time}{(o.IsEvent ? "e" : "c")}").Order(StringComparer.Ordinal))));

    private static async IAsyncEnumerable<ReadOnlyMemory<Order>> Batches(Order[] orders, int size)
    {
        for (var start = 0; start < orders.Length; start += size)
        {
            await Task.Yield();
            yield return orders.AsMemory(start, Math.Min(size, orders.Length - start));
        }
    }

    /// <summary>Many customers and records: enough for the parallel in-memory path (100,000 records or more).</summary>
    private static Order[] LargeLog(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => new Order($"c{random.Next(20_000)}", OrderGenerators.Start + Duration.FromHours(random.Next(0, 24 * 500)), random.Next(1, 400)))
            .ToArray();
    }

    [Property(MaxTest = 150)]
    public Property ToCustomerLifetimes_InMemory_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.Logs, orders =>
            Describe(new ReadOnlyMemory<Order>(orders).ToCustomerLifetimes(o => o.CustomerId, o => o.Time, Options, Group)) == Reference(orders));

    [Property(MaxTest = 100)]
    public Property ToCustomerLifetimesAsync_AnyBatching_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.Logs, Arb.From(Gen.Choose(1, 20)), (orders, size) =>
            Describe(Batches(orders, size).ToCustomerLifetimesAsync(o => o.CustomerId, o => o.Time, Options, Group).AsTask().Result) == Reference(orders));

    [Property(MaxTest = 100)]
    public Property ToCustomerLifetimes_Sequence_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.Logs, orders =>
            Describe(orders.Select(o => o).ToCustomerLifetimes(o => o.CustomerId, o => o.Time, Options, Group)) == Reference(orders)
            && Describe(orders.ToList().ToCustomerLifetimes(o => o.CustomerId, o => o.Time, Options, Group)) == Reference(orders));

    [Fact]
    public async Task EveryPath_LargeLog_EqualsSinglePass()
    {
        var orders = LargeLog(150_000, seed: 7);
        var expected = Reference(orders);

        Assert.Equal(expected, Describe(new ReadOnlyMemory<Order>(orders).ToCustomerLifetimes(o => o.CustomerId, o => o.Time, Options, Group)));
        Assert.Equal(expected, Describe(await Batches(orders, 120_000).ToCustomerLifetimesAsync(o => o.CustomerId, o => o.Time, Options, Group)));
        Assert.Equal(expected, Describe(await orders.ToAsyncEnumerable().ToCustomerLifetimesAsync(o => o.CustomerId, o => o.Time, Options, Group)));
        Assert.Equal(expected, Describe(orders.AsEnumerable().Select(o => o).ToCustomerLifetimes(o => o.CustomerId, o => o.Time, Options, Group)));
    }

    [Fact]
    public void ToCustomerLifetimes_DatedRecords_WorkedExample()
    {
        // a: 1 Jan to 1 Jun 2024, 152 days; 1 Jun + 90 days is before the as-of date: churned at 152 days.
        // b: only 1 Nov 2024; 1 Nov + 90 days = 30 Jan 2025, after the as-of date 31 Dec: censored at 60 days.
        (string Customer, LocalDate Date)[] records =
            [("a", new LocalDate(2024, 1, 1)), ("b", new LocalDate(2024, 11, 1)), ("a", new LocalDate(2024, 6, 1))];
        var options = new CustomerLifetimeOptions { AsOf = new LocalDate(2024, 12, 31) };

        var groups = records.ToCustomerLifetimes(r => r.Customer, r => r.Date, options);

        var all = Assert.Single(groups);
        Assert.Equal([SurvivalObservation.Event(152), SurvivalObservation.Censored(60)], all.Observations.OrderByDescending(o => o.Time));
    }

    [Fact]
    public async Task ToCustomerLifetimesAsync_Batches_ReportsProgressAfterEveryBatch()
    {
        var orders = LargeLog(1_000, seed: 3);
        var reports = new List<StreamProgress>();

        await Batches(orders, 300).ToCustomerLifetimesAsync(o => o.CustomerId, o => o.Time, Options, progress: new Synchronous(reports.Add));

        Assert.Equal([300L, 600L, 900L, 1_000L], reports.Select(r => r.RecordsRead));
        // Records after the as-of date are left out, so customers seen only after it are not counted.
        var lastCounted = Instant.FromUtc(2025, 3, 2, 0, 0);
        Assert.Equal(orders.Where(o => o.Time < lastCounted).Select(o => o.CustomerId).Distinct().Count(), reports[^1].Customers);
    }

    [Fact]
    public async Task ToCustomerLifetimesAsync_Records_ReportsProgressAtTheEnd()
    {
        var orders = LargeLog(70_000, seed: 4);
        var reports = new List<StreamProgress>();

        await orders.ToAsyncEnumerable().ToCustomerLifetimesAsync(o => o.CustomerId, o => o.Time, Options, progress: new Synchronous(reports.Add));

        Assert.Equal([(long)StreamProgress.ReportInterval, 70_000L], reports.Select(r => r.RecordsRead));
    }

    [Fact]
    public async Task EveryPath_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var orders = LargeLog(10, seed: 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Batches(orders, 3).ToCustomerLifetimesAsync(o => o.CustomerId, o => o.Time, cancellationToken: cancellation.Token).AsTask());
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new ReadOnlyMemory<Order>(orders).ToCustomerLifetimes(o => o.CustomerId, o => o.Time, cancellationToken: cancellation.Token));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            orders.Select(o => o).ToCustomerLifetimes(o => o.CustomerId, o => o.Time, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void EveryPath_NullArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("batches", Assert.Throws<ArgumentNullException>(() =>
            ((IAsyncEnumerable<ReadOnlyMemory<Order>>)null!).ToCustomerLifetimesAsync(o => o.CustomerId, o => o.Time)).ParamName);
        Assert.Equal("customer", Assert.Throws<ArgumentNullException>(() =>
            new ThrowingAsyncEnumerable<ReadOnlyMemory<Order>>().ToCustomerLifetimesAsync<Order, string>(null!, o => o.Time)).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentNullException>(() =>
            new ReadOnlyMemory<Order>([]).ToCustomerLifetimes(o => o.CustomerId, (Func<Order, Instant>)null!)).ParamName);
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() =>
            ((IEnumerable<Order>)null!).ToCustomerLifetimes(o => o.CustomerId, o => o.Time)).ParamName);
    }

    [Fact]
    public void ToCustomerLifetimes_InMemoryMissingKey_NamesTheEarliestPosition()
    {
        var orders = LargeLog(120_000, seed: 9);
        orders[90_000] = orders[90_000] with { CustomerId = null! };
        orders[100_001] = orders[100_001] with { CustomerId = null! };

        var error = Assert.Throws<RetentionDataException>(() =>
            new ReadOnlyMemory<Order>(orders).ToCustomerLifetimes(o => o.CustomerId, o => o.Time, Options));

        Assert.Equal(90_000, error.Position);
    }

    private sealed class Synchronous(Action<StreamProgress> report) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value) => report(value);
    }
}
