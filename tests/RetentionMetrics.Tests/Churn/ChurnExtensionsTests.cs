using NodaTime;
using RetentionMetrics.Churn;
using RetentionMetrics.Streaming;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Churn;

public class CustomerChurnExtensionsTests
{
    private static readonly Activity[] Log =
    [
        new("a", new LocalDate(2024, 1, 5)), new("a", new LocalDate(2024, 2, 10)), new("b", new LocalDate(2024, 1, 20)),
        new("c", new LocalDate(2024, 2, 1)), new("b", new LocalDate(2024, 3, 15)),
    ];

    [Fact]
    public async Task ToCustomerChurnAsync_EqualsAccumulator()
    {
        var counting = new CountingAsyncEnumerable<Activity>(Log);

        var table = await counting.ToCustomerChurnAsync(a => a.Customer, a => a.Date);

        Assert.Equal(CustomerChurnAccumulatorTests.Accumulate(Log, CustomerChurnOptions.Default).ToTable().Rows, table.Rows);
        Assert.Equal(Log.ToCustomerChurn(a => a.Customer, a => a.Date).Rows, table.Rows);
        Assert.Equal((1, 1), (counting.Enumerations, counting.Disposals));
    }

    [Fact]
    public async Task ToCustomerChurnAsync_Instants_EqualsDates()
    {
        var table = await Log.ToAsyncSequence().ToCustomerChurnAsync(a => a.Customer, a => a.Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());

        Assert.Equal(Log.ToCustomerChurn(a => a.Customer, a => a.Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()).Rows, table.Rows);
        Assert.Equal([2, 2, 1], table.Rows.Select(r => r.EndCustomers));
    }

    [Fact]
    public void ToCustomerChurnAsync_NullSelector_ThrowsBeforeEnumerating() =>
        Assert.Equal("customer", Assert.Throws<ArgumentNullException>(() =>
            new ThrowingAsyncEnumerable<Activity>().ToCustomerChurnAsync<Activity, string>(null!, a => a.Date)).ParamName);

    [Fact]
    public void ToCustomerChurnAsync_BadOptions_ThrowsBeforeEnumerating() =>
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            new ThrowingAsyncEnumerable<Activity>().ToCustomerChurnAsync(a => a.Customer, a => a.Date,
                new CustomerChurnOptions { InactivityWindow = Period.FromDays(0) })).ParamName);

    [Fact]
    public async Task ToCustomerChurnAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Log.ToAsyncSequence().ToCustomerChurnAsync(a => a.Customer, a => a.Date, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task ToCustomerChurnAsync_MissingCustomer_ThrowsPositionedDataError()
    {
        Activity[] log = [new("a", new LocalDate(2024, 1, 1)), new(null!, new LocalDate(2024, 1, 2))];

        var error = await Assert.ThrowsAsync<RetentionDataException>(async () => await log.ToAsyncSequence().ToCustomerChurnAsync(a => a.Customer, a => a.Date));

        Assert.Equal((ChurnErrorMessages.MissingCustomer, 1L), (error.Reason, error.Position!.Value));
    }

    [Fact]
    public async Task ToCustomerChurnBySegmentAsync_SplitsBySegmentOverTheSamePeriods()
    {
        // Segment "x" holds a and c, "y" holds b; both tables span Jan–Mar.
        var progress = new List<StreamProgress>();
        var tables = await Log.ToAsyncSequence().ToCustomerChurnBySegmentAsync(
            a => a.Customer, a => a.Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), a => a.Customer == "b" ? "y" : "x",
            progress: new SynchronousProgress(progress));

        Assert.Equal(["x", "y"], tables.Select(t => t.Key));
        Assert.Equal([1, 2, 0], tables[0].Value.Rows.Select(r => r.EndCustomers));
        Assert.Equal([1, 0, 1], tables[1].Value.Rows.Select(r => r.EndCustomers));
        Assert.Equal(new StreamProgress(5, 3), Assert.Single(progress));
    }

    private sealed class SynchronousProgress(List<StreamProgress> reports) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value) => reports.Add(value);
    }
}

public class MrrMovementExtensionsTests
{
    private static readonly MrrChange[] Log =
    [
        new("a", new LocalDate(2024, 1, 5), 100m), new("b", new LocalDate(2024, 1, 20), 50m), new("a", new LocalDate(2024, 2, 10), 150m),
    ];

    [Fact]
    public async Task ToMrrMovementsAsync_EqualsAccumulator()
    {
        var table = await Log.ToAsyncSequence().ToMrrMovementsAsync(c => c.Customer, c => c.Effective, c => c.Mrr);

        Assert.Equal(MrrMovementAccumulatorTests.Accumulate(Log, MrrMovementOptions.Default).ToTable().Rows, table.Rows);
        Assert.Equal(Log.ToMrrMovements(c => c.Customer, c => c.Effective, c => c.Mrr).Rows, table.Rows);
        Assert.Equal([150m, 200m], table.Rows.Select(r => r.EndMrr));
    }

    [Fact]
    public async Task ToMrrMovementsAsync_Instants_PlaceChangesInTheZone()
    {
        // 31 Jan 23:30 UTC is 1 Feb in Paris, so b's cancellation is a February movement there.
        (string Customer, Instant At, decimal Mrr)[] log = [("b", Instant.FromUtc(2024, 1, 2, 0, 0), 50m), ("b", Instant.FromUtc(2024, 1, 31, 23, 30), 0m)];
        var table = await log.ToAsyncSequence()
            .ToMrrMovementsAsync(c => c.Customer, c => c.At, c => c.Mrr, new MrrMovementOptions { Zone = DateTimeZoneProviders.Tzdb["Europe/Paris"] });

        Assert.Equal([0m, 50m], table.Rows.Select(r => r.ChurnedMrr));
    }

    [Fact]
    public void ToMrrMovementsAsync_NullSelector_ThrowsBeforeEnumerating() =>
        Assert.Equal("mrr", Assert.Throws<ArgumentNullException>(() =>
            new ThrowingAsyncEnumerable<MrrChange>().ToMrrMovementsAsync(c => c.Customer, c => c.Effective, null!)).ParamName);

    [Fact]
    public async Task ToMrrMovementsAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Log.ToAsyncSequence().ToMrrMovementsAsync(c => c.Customer, c => c.Effective, c => c.Mrr, cancellationToken: cancellation.Token));
    }
}

public class SurveyExtensionsTests
{
    private static readonly (string Region, int Score)[] Responses = [("eu", 10), ("eu", 9), ("us", 8), ("us", 3), ("us", 10)];

    [Fact]
    public async Task ToNetPromoterScoresAsync_GroupsInFirstSeenOrder()
    {
        // eu: 2 promoters of 2 → 100. us: 1 promoter, 1 passive, 1 detractor → 0.
        var scores = await Responses.ToAsyncSequence().ToNetPromoterScoresAsync(r => r.Score, r => r.Region);

        Assert.Equal(["eu", "us"], scores.Select(s => s.Key));
        Assert.Equal([100d, 0d], scores.Select(s => s.Value.Score!.Value));
    }

    [Fact]
    public async Task ToNetPromoterScoreAsync_Overall_MatchesCounts()
    {
        // 3 promoters, 1 passive, 1 detractor of 5 → (3 − 1) / 5 = 40.
        var score = await Responses.ToAsyncSequence().ToNetPromoterScoreAsync(r => r.Score);

        Assert.Equal(40d, score.Score!.Value, 12);
    }

    [Fact]
    public async Task ToNetPromoterScoreAsync_AnswerOffTheScale_ThrowsWithPosition()
    {
        var error = await Assert.ThrowsAsync<RetentionDataException>(async () =>
            await new[] { 1, 2, 12 }.ToAsyncSequence().ToNetPromoterScoreAsync(a => a));

        Assert.Equal(2L, error.Position);
    }

    [Fact]
    public async Task ToCustomerSatisfactionsAsync_GroupsAndCounts()
    {
        (string Team, int Answer)[] answers = [("a", 5), ("a", 3), ("b", 4)];

        var scores = await answers.ToAsyncSequence().ToCustomerSatisfactionsAsync(r => r.Answer, r => r.Team);

        Assert.Equal([0.5, 1d], scores.Select(s => s.Value.Share!.Value));
        Assert.Equal(2d / 3, (await answers.ToAsyncSequence().ToCustomerSatisfactionAsync(r => r.Answer)).Share!.Value, 12);
    }

    [Fact]
    public async Task ToNetPromoterScoreAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Responses.ToAsyncSequence().ToNetPromoterScoreAsync(r => r.Score, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void ToNetPromoterScoresAsync_NullGroup_ThrowsBeforeEnumerating() =>
        Assert.Equal("group", Assert.Throws<ArgumentNullException>(() =>
            new ThrowingAsyncEnumerable<int>().ToNetPromoterScoresAsync<int, string>(a => a, null!)).ParamName);
}
