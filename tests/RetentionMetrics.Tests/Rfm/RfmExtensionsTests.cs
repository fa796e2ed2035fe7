using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;
using RetentionMetrics.Streaming;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Rfm;

public class RfmExtensionsTests
{
    private static readonly Order[] Orders =
    [
        new("a", Instant.FromUtc(2024, 1, 1, 10, 0), 10m),
        new("a", Instant.FromUtc(2024, 1, 20, 10, 0), 30m),
        new("b", Instant.FromUtc(2024, 1, 5, 10, 0), 5m),
        new("c", Instant.FromUtc(2024, 1, 30, 23, 0), 100m),
    ];

    [Fact]
    public async Task ToRfmTableAsync_Orders_MatchesHandCalculation()
    {
        // As of the day after the last order, 2024-01-31: recency a 11, b 26, c 1; transactions 2, 1, 1; spend 40, 5, 100.
        // below (n = 5, N = 3): recency a 1 → 1 + ⌊5/3⌋ = 2, b 0 → 1, c 2 → 1 + ⌊10/3⌋ = 4;
        // frequency a 2 → 4, b, c 0 → 1; spend a 1 → 2, b 0 → 1, c 2 → 4.
        var table = await Orders.ToAsyncSequence().ToRfmTableAsync();

        Assert.Equal(new LocalDate(2024, 1, 31), table.AsOf);
        Assert.True(table.TryGet("a", out var a));
        Assert.True(table.TryGet("b", out var b));
        Assert.True(table.TryGet("c", out var c));
        Assert.Equal((11, "242"), (a.Recency, a.Score.ToString()));
        Assert.Equal((26, "111"), (b.Recency, b.Score.ToString()));
        Assert.Equal((1, "414"), (c.Recency, c.Score.ToString()));
    }

    [Fact]
    public async Task ToRfmTableAsync_EqualsScoringTheSummaries()
    {
        var summaryOptions = new CustomerSummaryOptions { AsOf = new LocalDate(2024, 2, 10) };
        var options = new RfmOptions { Bins = 3, Monetary = RfmMonetary.MeanSpend };

        var streamed = await Orders.ToAsyncSequence().ToRfmTableAsync(summaryOptions, options);
        var direct = Orders.ToCustomerSummaries(summaryOptions).ToRfmTable(options);

        Assert.True(direct.Equals(streamed));
    }

    [Fact]
    public async Task ToRfmTableAsync_WeeklySummaryOptions_StillCountsPurchaseDays()
    {
        // The stream path always groups by day: a has purchases on 2 days even though both fall in one ISO week.
        var options = new RfmOptions { Frequency = RfmFrequency.PurchaseDays };
        Order[] orders = [new("a", Instant.FromUtc(2024, 1, 1, 0, 0), 1m), new("a", Instant.FromUtc(2024, 1, 2, 0, 0), 1m)];

        var table = await orders.ToAsyncSequence().ToRfmTableAsync(new CustomerSummaryOptions { Period = PurchasePeriod.Week }, options);

        Assert.Equal(2, table[0].Frequency);
    }

    [Fact]
    public void ToRfmTableAsync_NullSource_ThrowsAtTheCall() =>
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() =>
            ((IAsyncEnumerable<Order>)null!).ToRfmTableAsync(o => o.CustomerId, o => o.Time, o => o.Amount)).ParamName);

    [Fact]
    public void ToRfmTableAsync_BadOptions_ThrowsBeforeEnumerating()
    {
        var source = new ThrowingAsyncEnumerable<Order>();

        var error = Assert.Throws<ArgumentException>(() => source.ToRfmTableAsync(options: new RfmOptions { Bins = 1 }));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public async Task ToRfmTableAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Orders.ToAsyncSequence().ToRfmTableAsync(cancellationToken: cancellation.Token));
    }

    [Fact]
    public void ToRfmTable_Null_Throws() =>
        Assert.Equal("summaries", Assert.Throws<ArgumentNullException>(() => ((CustomerSummaries<string>)null!).ToRfmTable()).ParamName);
}
