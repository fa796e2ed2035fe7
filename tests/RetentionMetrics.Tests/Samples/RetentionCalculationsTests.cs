using System.Text;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Functions;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Samples;

/// <summary>The Functions sample's per-invocation calculations, driven from CSV text as a blob trigger would.</summary>
public class RetentionCalculationsTests
{
    private static readonly LocalDate AsOf = new(2024, 7, 1);

    // a: two orders, 110.00, last on 06-20; b: one order of 30.00 on 02-01; c: two orders, 205.00, last on 03-15.
    private const string Blob = """
        customer_id,time,amount
        a,2024-01-10,60.00
        b,2024-02-01,30.00
        c,2024-03-01,200.00
        c,2024-03-15,5.00
        a,2024-06-20,50.00
        """;

    [Fact]
    public async Task CountAudiencesAsync_Blob_CountsEachAudienceAsWorkedByHand()
    {
        // As of 2024-07-01 00:00 UTC, "more than 90 days ago" is before 2024-04-02:
        // repeat_buyers {a, c}; big_spenders (sum >= 100) {a, c}; lapsed {b, c}.
        using var blob = new MemoryStream(Encoding.UTF8.GetBytes(Blob));

        var sizes = await RetentionCalculations.CountAudiencesAsync(OrderCsv.ReadAsync(blob), AsOf, CancellationToken.None);

        Assert.Equal(["repeat_buyers", "big_spenders", "lapsed"], sizes.Keys);
        Assert.Equal([2, 2, 2], sizes.Values);
    }

    [Fact]
    public void Audiences_AcrossInvocations_IsParsedOnceAndShared() =>
        Assert.Same(RetentionCalculations.Audiences, RetentionCalculations.Audiences);

    [Fact]
    public async Task ScoreAsync_Blob_ScoresEveryCustomer()
    {
        using var blob = new MemoryStream(Encoding.UTF8.GetBytes(Blob));

        var table = await RetentionCalculations.ScoreAsync(OrderCsv.ReadAsync(blob), AsOf, CancellationToken.None);

        // Recency in days from the last order to 2024-07-01: a 11, b 151, c 108; transactions a 2, b 1, c 2.
        Assert.Equal(3, table.Count);
        Assert.True(table.TryGet("a", out var a));
        Assert.Equal((11, 2, 110.00m), (a.Recency, a.Frequency, a.Monetary));
        Assert.True(table.TryGet("b", out var b));
        Assert.Equal((151, 1, 30.00m), (b.Recency, b.Frequency, b.Monetary));
    }

    [Fact]
    public async Task CohortsAsync_Blob_BuildsMonthlyCohortsOfFirstOrders()
    {
        using var blob = new MemoryStream(Encoding.UTF8.GetBytes(Blob));

        var table = await RetentionCalculations.CohortsAsync(OrderCsv.ReadAsync(blob), new LocalDate(2024, 6, 30), CancellationToken.None);

        // First orders: a in January, b in February, c in March; a returns in June (offset 5), c within March only.
        Assert.Equal(["2024-01", "2024-02", "2024-03"], table.Cohorts.Select(c => c.Label));
        Assert.All(table.Cohorts, c => Assert.Equal(1, c.Size));
        Assert.Equal(1d, table[0, 5]);
        Assert.Equal(0d, table[2, 1]);
    }

    [Fact]
    public async Task CountAudiencesAsync_HostCancels_StopsWithOperationCanceled()
    {
        using var host = new CancellationTokenSource();
        var orders = Enumerable.Range(0, 200_000).Select(i => new Order($"c{i % 100}", Instant.FromUtc(2024, 1, 1, 0, 0), 1m));
        await host.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await RetentionCalculations.CountAudiencesAsync(orders.ToAsyncSequence(), AsOf, host.Token));
    }
}
