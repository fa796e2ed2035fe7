using RetentionMetrics.Health;
using RetentionMetrics.Tests.Support;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Tests.Health;

public class HealthScoreExtensionsTests
{
    private sealed record Metrics(string Customer, double? Logins, double? Tickets, double? Nps);

    private static readonly Dictionary<string, Func<Metrics, double?>> Selectors = new()
    {
        ["logins"] = m => m.Logins,
        ["tickets"] = m => m.Tickets,
        ["nps"] = m => m.Nps,
    };

    private static readonly Metrics[] Rows = [new("a", 20, 2, 8), new("b", null, 1, null), new("c", 40, 0, 10)];

    private static HealthScoreModel Fitted => HealthScoreModelTests.WorkedModel().Fit(HealthScoreModelTests.WorkedPopulation);

    [Fact]
    public async Task ScoreHealth_Stream_MatchesScoringEachRow()
    {
        var progress = new List<StreamProgress>();
        var results = await Rows.ToAsyncSequence().ScoreHealth(Fitted, m => m.Customer, Selectors, new SynchronousProgress(progress)).ToListAsync();

        Assert.Equal(["a", "b", "c"], results.Select(r => r.CustomerId));
        Assert.Equal(Fitted.Score([20, 2, 8]), results[0].Health);
        Assert.Equal(Fitted.Score([double.NaN, 1, double.NaN]), results[1].Health);
        Assert.Equal(new StreamProgress(3, 3), progress[^1]);
    }

    [Fact]
    public void ScoreHealth_Sequence_MatchesTheStream()
    {
        var results = Rows.ScoreHealth(Fitted, m => m.Customer, Selectors).ToList();

        Assert.Equal(93.75, results[2].Health.Score, 1e-12);
    }

    [Fact]
    public async Task ScoreHealth_ReadsTheStreamOnceAndDisposesIt()
    {
        var source = new CountingAsyncEnumerable<Metrics>(Rows);

        await source.ScoreHealth(Fitted, m => m.Customer, Selectors).ToListAsync();

        Assert.Equal((1, 1), (source.Enumerations, source.Disposals));
    }

    [Fact]
    public void ScoreHealth_UnfittedModel_ThrowsAtTheCall() =>
        Assert.Throws<InvalidOperationException>(() =>
            new ThrowingAsyncEnumerable<Metrics>().ScoreHealth(HealthScoreModelTests.WorkedModel(), m => m.Customer, Selectors));

    [Fact]
    public void ScoreHealth_UnknownSelector_ThrowsAtTheCall()
    {
        var selectors = new Dictionary<string, Func<Metrics, double?>>(Selectors) { ["seats"] = _ => 1 };

        var exception = Assert.Throws<ArgumentException>(() => new ThrowingAsyncEnumerable<Metrics>().ScoreHealth(Fitted, m => m.Customer, selectors));

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.UnknownSelector, "seats"), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreHealth_NullArguments_Throw()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => ((IAsyncEnumerable<Metrics>)null!).ScoreHealth(Fitted, m => m.Customer, Selectors)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Rows.ToAsyncSequence().ScoreHealth(null!, m => m.Customer, Selectors)).ParamName);
        Assert.Equal("selectors", Assert.Throws<ArgumentNullException>(() => Rows.ToAsyncSequence().ScoreHealth<Metrics, string>(Fitted, m => m.Customer, null!)).ParamName);
    }

    [Fact]
    public async Task ScoreHealth_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Rows.ToAsyncSequence().ScoreHealth(Fitted, m => m.Customer, Selectors).WithCancellation(cancellation.Token))
            {
            }
        });
    }

    [Fact]
    public async Task ScoreHealth_InfiniteValue_ThrowsNamingCustomerAndPosition()
    {
        Metrics[] rows = [new("a", 20, 2, 8), new("bad", 20, double.PositiveInfinity, 8)];

        var exception = await Assert.ThrowsAsync<RetentionDataException>(async () => await rows.ToAsyncSequence().ScoreHealth(Fitted, m => m.Customer, Selectors).ToListAsync());

        Assert.Equal(("bad", 1L), (exception.Customer, exception.Position));
    }

    private sealed class SynchronousProgress(List<StreamProgress> reports) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value) => reports.Add(value);
    }
}
