using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Tests.Survival;

public class KaplanMeierCurveTests
{
    [Theory]
    // Kleinbaum & Klein (2012), table of the 6-MP group's Kaplan–Meier estimates (3 decimals).
    [InlineData(6, 0.857)]
    [InlineData(7, 0.807)]
    [InlineData(10, 0.753)]
    [InlineData(13, 0.690)]
    [InlineData(16, 0.627)]
    [InlineData(22, 0.538)]
    [InlineData(23, 0.448)]
    public void SurvivalAt_FreireichMercaptopurine_MatchesPublishedTable(double week, double published)
    {
        var curve = KaplanMeierCurve.Fit(Freireich.MercaptopurineGroup);

        Assert.Equal(published, curve.SurvivalAt(week), 3);
    }

    [Fact]
    public void Median_Freireich_MatchesPublishedMedians()
    {
        // Published medians: placebo 8 weeks, 6-MP 23 weeks (Kleinbaum & Klein; Rodríguez's notes).
        Assert.Equal(8, KaplanMeierCurve.Fit(Freireich.PlaceboGroup).Median);
        Assert.Equal(23, KaplanMeierCurve.Fit(Freireich.MercaptopurineGroup).Median);
    }

    [Fact]
    public void Steps_FreireichMercaptopurine_HaveGreenwoodErrorsComputedByHand()
    {
        var steps = KaplanMeierCurve.Fit(Freireich.MercaptopurineGroup).Steps;

        // Week 6: 21 at risk, 3 events, 1 censored; S = 18/21; Var = S²·3/(21·18), SE = 0.857143·√0.0079365 = 0.076360.
        // Week 7: 17 at risk, 1 event; S = 0.806723; Σ = 0.0079365 + 1/(17·16) = 0.0116130; SE = 0.086935.
        // Week 10: 15 at risk, 1 event, 1 censored; S = 0.752941; Σ = 0.0116130 + 1/(15·14) = 0.0163749; SE = 0.096350.
        Assert.Equal((6d, 21, 3, 1), (steps[0].Time, steps[0].AtRisk, steps[0].Events, steps[0].Censored));
        Assert.Equal(0.076360, steps[0].StandardError, 5);
        Assert.Equal((7d, 17, 1, 0), (steps[1].Time, steps[1].AtRisk, steps[1].Events, steps[1].Censored));
        Assert.Equal(0.086935, steps[1].StandardError, 5);
        Assert.Equal((9d, 16, 0, 1), (steps[2].Time, steps[2].AtRisk, steps[2].Events, steps[2].Censored));
        Assert.Equal((10d, 15, 1, 1), (steps[3].Time, steps[3].AtRisk, steps[3].Events, steps[3].Censored));
        Assert.Equal(0.096350, steps[3].StandardError, 5);
    }

    [Fact]
    public void Steps_FreireichMercaptopurine_HaveLogLogIntervalComputedByHand()
    {
        // Week 6: σ = √0.0079365 / |ln 0.857143| = 0.089087 / 0.154151 = 0.577921; z = 1.959964;
        // lower = S^exp(zσ) = 0.857143^3.104130 = 0.619718; upper = S^exp(−zσ) = 0.857143^0.322152 = 0.951552.
        var step = KaplanMeierCurve.Fit(Freireich.MercaptopurineGroup).Steps[0];

        Assert.Equal(0.6197, step.Lower, 4);
        Assert.Equal(0.9516, step.Upper, 4);
    }

    [Fact]
    public void Fit_AllDieAtTheEnd_EndsAtZeroWithoutNaN()
    {
        var curve = KaplanMeierCurve.Fit([SurvivalObservation.Event(1), SurvivalObservation.Event(2)]);

        Assert.Equal((0.5, 0d), (curve.Steps[0].Survival, curve.Steps[1].Survival));
        Assert.Equal((0d, 0d, 0d), (curve.Steps[1].StandardError, curve.Steps[1].Lower, curve.Steps[1].Upper));
        Assert.Equal(1, curve.Median);
    }

    [Fact]
    public void Fit_OnlyCensored_StaysAtOneWithNoMedian()
    {
        var curve = KaplanMeierCurve.Fit([SurvivalObservation.Censored(3), SurvivalObservation.Censored(5)]);

        Assert.All(curve.Steps, s => Assert.Equal((1d, 1d, 1d), (s.Survival, s.Lower, s.Upper)));
        Assert.Null(curve.Median);
        Assert.Equal(0, curve.Events);
    }

    [Fact]
    public void Fit_InvalidArguments_Throw()
    {
        Assert.Equal("observations", Assert.Throws<ArgumentNullException>(() => KaplanMeierCurve.Fit(null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => KaplanMeierCurve.Fit([], new KaplanMeierOptions { ConfidenceLevel = 1 })).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalObservation.Event(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalObservation.Censored(-1));
    }

    private static readonly Arbitrary<SurvivalObservation[]> Samples = Arb.From(
        (from time in Gen.Choose(0, 30)
         from isEvent in Gen.Elements(true, false)
         select new SurvivalObservation(time, isEvent)).ArrayOf());

    [Property(MaxTest = 300)]
    public Property Survival_IsNonIncreasingInZeroToOneAndInsideItsInterval() =>
        Prop.ForAll(Samples, sample =>
        {
            var steps = KaplanMeierCurve.Fit(sample).Steps;
            return steps.All(s => s.Survival is >= 0 and <= 1 && s.Lower <= s.Survival + 1e-12 && s.Survival <= s.Upper + 1e-12 && double.IsFinite(s.StandardError))
                && steps.Zip(steps.Skip(1)).All(p => p.Second.Survival <= p.First.Survival);
        });

    [Property(MaxTest = 300)]
    public Property Survival_WithoutCensoring_IsTheShareStillAlive() =>
        Prop.ForAll(Samples, sample =>
        {
            var events = sample.Select(o => SurvivalObservation.Event(o.Time)).ToArray();
            var curve = KaplanMeierCurve.Fit(events);
            return Enumerable.Range(0, 32).All(t =>
                Math.Abs(curve.SurvivalAt(t) - (events.Length == 0 ? 1 : events.Count(o => o.Time > t) / (double)events.Length)) < 1e-12);
        });

    [Property(MaxTest = 300)]
    public Property Steps_CountEverySubjectOnce() =>
        Prop.ForAll(Samples, sample =>
        {
            var curve = KaplanMeierCurve.Fit(sample);
            return curve.Steps.Sum(s => s.Events + s.Censored) == sample.Length
                && curve.Events == sample.Count(o => o.IsEvent)
                && (curve.Steps.Count == 0 || curve.Steps[0].AtRisk == sample.Length);
        });
}
