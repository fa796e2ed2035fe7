using RetentionMetrics.Health;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Health;

public partial class HealthScoreModelTests
{
    /// <summary>
    /// logins: percentile rank, weight 2, higher is better; tickets: thresholds (0 → 1, 3 → 0.5, 10 → 0), weight 1, lower is better;
    /// nps: min–max on fixed bounds 0..10, weight 1, missing counts as worst.
    /// </summary>
    internal static HealthScoreModel WorkedModel() =>
        HealthScoreModel.CreateBuilder()
            .Add("logins", HealthNormaliser.Percentile(), weight: 2)
            .Add("tickets", HealthNormaliser.Thresholds(new(0, 1), new(3, 0.5), new(10, 0)), weight: 1, HealthDirection.LowerIsBetter)
            .Add("nps", HealthNormaliser.MinMax(0, 10), weight: 1, missing: MissingValuePolicy.Worst)
            .Build();

    /// <summary>The fitting population: logins 10, 20, 20, 40 (the other columns do not need fitting).</summary>
    internal static readonly double[] WorkedPopulation = [10, 0, 5, 20, 1, 5, 20, 2, 5, 40, 3, 5];

    [Fact]
    public void Score_WorkedExample_MatchesHandCalculation()
    {
        // By hand: logins 20 has 1 value below and 2 equal in {10, 20, 20, 40}: rank (1 + 2/2) / 4 = 0.5.
        // tickets 2 lies 2/3 of the way from (0, 1) to (3, 0.5): 1 − (2/3)(0.5) = 2/3. nps 8 on 0..10: 0.8.
        // Weights 2, 1, 1 of 4 give shares 50, 25, 25 points: 25 + 16.6667 + 20 = 61.6667, At-Risk (40..70).
        var model = WorkedModel().Fit(WorkedPopulation);

        var score = model.Score([20, 2, 8]);

        Assert.Equal(61.666_666_666_7, score.Score, 1e-9);
        Assert.Equal(HealthBands.AtRisk, score.Band.Name);
        Assert.Equal([25, 50d / 3, 20], score.Contributions.Select(c => c.Points), new ToleranceComparer(1e-12));
        Assert.Equal([50d, 25, 25], score.Contributions.Select(c => c.MaximumPoints), new ToleranceComparer(1e-12));
        Assert.Equal(["logins", "tickets", "nps"], score.PulledDownMost(3).Select(c => c.Component));
    }

    [Fact]
    public void Score_MissingSkippedAndMissingWorst_ReweightsAndPenalises()
    {
        // logins missing (skip): shares become tickets 1/2 and nps 1/2 of 100. tickets 1: 1 − (1/3)(0.5) = 5/6 → 41.6667.
        // nps missing (worst): goodness 0 with its full 50-point share. Score 41.6667, At-Risk; nps lost 50, tickets 8.3333.
        var model = WorkedModel().Fit(WorkedPopulation);

        var score = model.Score([double.NaN, 1, double.NaN]);

        Assert.Equal(250d / 6, score.Score, 1e-9);
        Assert.Equal(HealthBands.AtRisk, score.Band.Name);
        Assert.Equal(0d, score.Contributions[0].MaximumPoints);
        Assert.True(score.Contributions[0].IsMissing && score.Contributions[2].IsMissing);
        var pulledDown = score.PulledDownMost(5);
        Assert.Equal(["nps", "tickets"], pulledDown.Select(c => c.Component));
        Assert.Equal(50d, pulledDown[0].LostPoints, 1e-12);
        Assert.Equal(50d / 6, pulledDown[1].LostPoints, 1e-9);
    }

    [Fact]
    public void Score_BestCustomer_IsHealthy()
    {
        // logins 40: 3 below, 1 equal → 3.5 / 4 = 0.875 → 43.75; tickets 0 → 25; nps 10 → 25. 93.75, Healthy.
        var model = WorkedModel().Fit(WorkedPopulation);

        var score = model.Score([40, 0, 10]);

        Assert.Equal(93.75, score.Score, 1e-12);
        Assert.Equal(HealthBands.Healthy, score.Band.Name);
    }

    [Fact]
    public void Score_FittedOnOnePopulationAppliedToAnother_UsesTheFittingPopulation()
    {
        // Percentile fitted on logins {10, 20, 20, 40}; a new customer with 15 logins has 1 below, 0 equal: 1/4 → 12.5 points.
        var model = WorkedModel().Fit(WorkedPopulation);

        var score = model.Score([15, 0, 10]);

        Assert.Equal(12.5 + 25 + 25, score.Score, 1e-12);
    }

    [Fact]
    public void Score_NothingKnown_IsZeroWithoutEvidence()
    {
        var model = HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.MinMax(0, 1)).Add("b", HealthNormaliser.Boolean()).Build();

        var score = model.Score([double.NaN, double.NaN]);

        Assert.Equal(0d, score.Score);
        Assert.False(score.HasEvidence);
        Assert.Equal(HealthBands.Endangered, score.Band.Name);
    }

    [Fact]
    public void Score_ZScoreOfOneStandardDeviation_IsNormalCdfOfOne()
    {
        // Φ(1) = 0.841344746068543 (standard normal table); one component, so the score is 100 Φ(1).
        var model = HealthScoreModel.CreateBuilder().Add("usage", HealthNormaliser.ZScore(10, 2)).Build();

        Assert.Equal(84.134_474_606_854_3, model.Score([12]).Score, 1e-9);
    }

    [Fact]
    public void Score_UnfittedPopulationNormaliser_Throws()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => WorkedModel().Score([1, 2, 3]));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.NotFitted, "logins"), exception.Message);
    }

    [Fact]
    public void Score_WrongNumberOfValues_ThrowsNamingValues()
    {
        var exception = Assert.Throws<ArgumentException>(() => WorkedModel().Fit(WorkedPopulation).Score([1, 2]));

        Assert.Equal("values", exception.ParamName);
    }

    [Fact]
    public void Score_InfiniteValue_ThrowsDataErrorNamingComponent()
    {
        var exception = Assert.Throws<RetentionDataException>(() => WorkedModel().Fit(WorkedPopulation).Score([1, double.PositiveInfinity, 3]));

        Assert.Contains("'tickets'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreBatch_AgreesWithScore()
    {
        var model = WorkedModel().Fit(WorkedPopulation);
        double[] rows = [20, 2, 8, double.NaN, 1, double.NaN, 40, 0, 10];
        var scores = new double[3];

        model.ScoreBatch(rows, scores);

        Assert.Equal([model.Score([20, 2, 8]).Score, model.Score([double.NaN, 1, double.NaN]).Score, model.Score([40, 0, 10]).Score], scores);
    }

    [Fact]
    public void Fit_PopulationWithoutValues_ThrowsDataErrorNamingComponent()
    {
        var exception = Assert.Throws<RetentionDataException>(() => WorkedModel().Fit([double.NaN, 1, 2]));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.NoPopulationValues, "logins"), exception.Message);
    }

    [Fact]
    public void Fit_InfiniteValue_ThrowsDataErrorWithPosition()
    {
        var exception = Assert.Throws<RetentionDataException>(() => WorkedModel().Fit([1, 1, 1, double.NegativeInfinity, 1, 1]));

        Assert.Equal(1L, exception.Position);
    }

    [Fact]
    public void Fit_LeavesTheModelUnchangedAndReturnsAFittedOne()
    {
        var model = WorkedModel();

        var fitted = model.Fit(WorkedPopulation);

        Assert.False(model.IsFitted);
        Assert.True(fitted.IsFitted);
        Assert.NotEqual(model, fitted);
        Assert.Equal([10d, 20, 20, 40], ((PercentileNormaliser)fitted.Components[0].Normaliser).Population);
    }

    [Fact]
    public void Fit_FittedMinMaxAndZScore_LearnBoundsMeanAndPopulationDeviation()
    {
        // Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population standard deviation 2 (the textbook example); bounds 2 and 9.
        var model = HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.MinMax()).Add("b", HealthNormaliser.ZScore()).Build();
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];

        var fitted = model.Fit(values.SelectMany(v => new[] { v, v }).ToArray());

        var minMax = (MinMaxNormaliser)fitted.Components[0].Normaliser;
        var zScore = (ZScoreNormaliser)fitted.Components[1].Normaliser;
        Assert.Equal((2d, 9d), (minMax.Minimum!.Value, minMax.Maximum!.Value));
        Assert.Equal(5d, zScore.Mean!.Value, 1e-12);
        Assert.Equal(2d, zScore.StandardDeviation!.Value, 1e-12);
    }

    [Fact]
    public void Fit_ZeroVariancePopulation_ScoresHalfAtTheValueAndNeverNaN()
    {
        // Every customer has 7: min–max and z-score give 0.5 at 7, 0 below and 1 above; percentile gives 0.5 at 7.
        var model = HealthScoreModel.CreateBuilder()
            .Add("a", HealthNormaliser.MinMax()).Add("b", HealthNormaliser.ZScore()).Add("c", HealthNormaliser.Percentile()).Build()
            .Fit([7, 7, 7, 7, 7, 7]);

        Assert.Equal(50d, model.Score([7, 7, 7]).Score, 1e-12);
        Assert.Equal(100d, model.Score([8, 8, 8]).Score, 1e-12);
        Assert.Equal(0d, model.Score([6, 6, 6]).Score, 1e-12);
    }

    [Fact]
    public async Task FitAsync_SameAsFitOnRows()
    {
        var rows = Enumerable.Range(0, 4).Select(i => WorkedPopulation.AsSpan(i * 3, 3).ToArray()).ToArray();
        var selectors = new Dictionary<string, Func<double[], double?>> { ["logins"] = r => r[0], ["TICKETS"] = r => r[1], ["nps"] = r => r[2] };

        var fitted = await WorkedModel().FitAsync(rows.ToAsyncSequence(), selectors);

        Assert.Equal(WorkedModel().Fit(WorkedPopulation), fitted);
        Assert.Equal(WorkedModel().Fit(rows, selectors), fitted);
    }

    [Fact]
    public async Task FitAsync_ReportsProgressAtTheEnd()
    {
        var rows = Enumerable.Range(0, 4).Select(i => WorkedPopulation.AsSpan(i * 3, 3).ToArray()).ToArray();
        var selectors = new Dictionary<string, Func<double[], double?>> { ["logins"] = r => r[0], ["tickets"] = r => r[1], ["nps"] = r => r[2] };
        var reports = new List<RetentionMetrics.Streaming.StreamProgress>();

        await WorkedModel().FitAsync(rows.ToAsyncSequence(), selectors, new Progress(reports));

        Assert.Equal(new RetentionMetrics.Streaming.StreamProgress(4, 4), Assert.Single(reports));
    }

    [Fact]
    public async Task FitAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var selectors = new Dictionary<string, Func<double[], double?>> { ["logins"] = r => r[0], ["tickets"] = r => r[1], ["nps"] = r => r[2] };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await WorkedModel().FitAsync(new[] { new double[] { 1, 2, 3 } }.ToAsyncSequence(), selectors, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void FitAsync_MissingSelector_ThrowsBeforeReading()
    {
        var selectors = new Dictionary<string, Func<double[], double?>> { ["logins"] = r => r[0], ["nps"] = r => r[2] };

        var exception = Assert.Throws<ArgumentException>(() => { _ = WorkedModel().FitAsync(new ThrowingAsyncEnumerable<double[]>(), selectors); });

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.MissingSelector, "tickets") + " (Parameter 'selectors')", exception.Message);
    }

    [Fact]
    public void Constructor_NoComponents_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => HealthScoreModel.CreateBuilder().Build());

        Assert.StartsWith(HealthErrorMessages.NoComponents, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AllWeightsZero_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.Boolean(), 0).Add("b", HealthNormaliser.Boolean(), 0).Build());

        Assert.StartsWith(HealthErrorMessages.AllWeightsZero, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateNames_ThrowsNamingComponent()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            HealthScoreModel.CreateBuilder().Add("logins", HealthNormaliser.Boolean()).Add("Logins", HealthNormaliser.Boolean()).Build());

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.DuplicateComponentName, "Logins"), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OverlappingBands_ThrowsNamingBand()
    {
        var exception = Assert.Throws<ArgumentException>(() => HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.Boolean())
            .WithBands([new HealthBand("Low", 0, 60), new HealthBand("High", 50, 100)]).Build());

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.BandOverlap, "High", 50, "Low", 60), exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "Endangered")]
    [InlineData(39.999, "Endangered")]
    [InlineData(40, "At-Risk")]
    [InlineData(69.99, "At-Risk")]
    [InlineData(70, "Healthy")]
    [InlineData(100, "Healthy")]
    public void BandOf_DefaultBands_UsesInclusiveLowerBounds(double score, string band) =>
        Assert.Equal(band, WorkedModel().BandOf(score).Name);

    [Fact]
    public void BandOf_OutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkedModel().BandOf(100.5));

    [Fact]
    public void WithBands_CustomBands_AreUsed()
    {
        var model = WorkedModel().Fit(WorkedPopulation).WithBands(HealthBands.FromThresholds(["Red", "Yellow", "Green"], [50, 80]));

        Assert.Equal("Yellow", model.Score([20, 2, 8]).Band.Name);
    }

    private sealed class Progress(List<RetentionMetrics.Streaming.StreamProgress> reports) : IProgress<RetentionMetrics.Streaming.StreamProgress>
    {
        public void Report(RetentionMetrics.Streaming.StreamProgress value) => reports.Add(value);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
