using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Churn;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rfm;
using RetentionMetrics.Segments;
using RetentionMetrics.Serialization;
using RetentionMetrics.Survival;
using RetentionMetrics.Tests.Churn;
using RetentionMetrics.Tests.Cohorts;
using RetentionMetrics.Tests.Health;
using RetentionMetrics.Tests.Lifetime;
using RetentionMetrics.Tests.Support;
using RetentionMetrics.Tests.Survival;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>Every result type round-trips to an equal value (by its own equality where it has one, else field by field).</summary>
public class ResultJsonTests
{
    private static readonly Arbitrary<SurvivalObservation[]> Observations = Arb.From(
        (from time in Gen.Choose(0, 40)
         from isEvent in Gen.Elements(true, false)
         select new SurvivalObservation(time, isEvent)).ArrayOf());

    [Property(MaxTest = 100)]
    public Property CustomerSummaries_RoundTrip_GivesEqualSummaries() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, orders =>
        {
            var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { Period = PurchasePeriod.Week, AsOf = new LocalDate(2025, 3, 1) });
            foreach (var order in orders)
            {
                accumulator.Add(order.CustomerId, order.Time, order.Amount);
            }

            var summaries = accumulator.ToSummaries();
            return StateJsonAssert.RoundTrip(summaries, out var sameJson).Equals(summaries) && sameJson;
        });

    [Fact]
    public void CustomerSummary_LongKey_RoundTripsThroughTheContext()
    {
        var summary = new CustomerSummary<long>(9, 3, 12.5m, new LocalDateTime(2024, 1, 1, 8, 0), new LocalDateTime(2024, 2, 1, 9, 0), 2, 31, 40, 4.25m);

        Assert.Equal(summary, StateJsonAssert.RoundTrip(summary, out var sameJson));
        Assert.True(sameJson);
    }

    [Property(MaxTest = 100)]
    public Property CohortTable_RoundTrip_GivesAnEqualTable() =>
        Prop.ForAll(CohortTestData.Logs, CohortTestData.Periods, (orders, period) =>
        {
            var table = CohortTestData.Accumulate(CohortTestData.Generated(period), orders, grouped: true).ToTable(CohortMeasure.Revenue);
            return StateJsonAssert.RoundTrip(table, out var sameJson) == table && sameJson;
        });

    [Property(MaxTest = 100)]
    public Property CustomerChurnTable_RoundTrip_GivesAnEqualTable() =>
        Prop.ForAll(ChurnGenerators.ActivityLogs, log =>
        {
            var table = CustomerChurnAccumulatorTests.Accumulate(log, CustomerChurnAccumulatorTests.Options(30, ChurnPeriod.Month)).ToTable();
            var restored = StateJsonAssert.RoundTrip(table, out var sameJson);
            return sameJson && CustomerChurnAccumulatorTests.Same(restored, table) && restored.Zone == table.Zone
                && restored.RecordsRead == table.RecordsRead && restored.Period == table.Period;
        });

    [Property(MaxTest = 100)]
    public Property MrrMovementTable_RoundTrip_GivesAnEqualTable() =>
        Prop.ForAll(ChurnGenerators.ChangeLogs, log =>
        {
            var table = MrrMovementAccumulatorTests.Accumulate(log, new MrrMovementOptions { Mode = MrrMovementMode.Event }).ToTable();
            var restored = StateJsonAssert.RoundTrip(table, out var sameJson);
            return sameJson && restored.Rows.SequenceEqual(table.Rows) && restored.Customers == table.Customers
                && restored.Mode == table.Mode && restored.ChangesRead == table.ChangesRead;
        });

    [Property(MaxTest = 100)]
    public Property KaplanMeierCurve_RoundTrip_GivesAnEqualCurve() =>
        Prop.ForAll(Observations, observations =>
        {
            var curve = KaplanMeierCurve.Fit(observations);
            var restored = StateJsonAssert.RoundTrip(curve, out var sameJson);
            return sameJson && restored.Steps.SequenceEqual(curve.Steps) && restored.Median == curve.Median
                && (restored.Subjects, restored.Events, restored.ConfidenceLevel) == (curve.Subjects, curve.Events, curve.ConfidenceLevel)
                && restored.SurvivalAt(20) == curve.SurvivalAt(20);
        });

    [Fact]
    public void LogRankResult_Freireich_RoundTrips()
    {
        var result = LogRankTest.Compare([new SurvivalGroup("6-MP", Freireich.MercaptopurineGroup), new SurvivalGroup("placebo", Freireich.PlaceboGroup)]);

        var restored = StateJsonAssert.RoundTrip(result, out var sameJson);

        Assert.True(sameJson);
        Assert.Equal(result.Groups, restored.Groups);
        Assert.Equal((result.Statistic, result.DegreesOfFreedom, result.PValue), (restored.Statistic, restored.DegreesOfFreedom, restored.PValue));
    }

    [Fact]
    public void SurvivalGroup_RoundTripsThroughTheContext()
    {
        var group = new SurvivalGroup("placebo", Freireich.PlaceboGroup);

        var restored = StateJsonAssert.RoundTrip(group, out var sameJson);

        Assert.True(sameJson);
        Assert.Equal(group.Observations, restored.Observations);
    }

    [Property(MaxTest = 100)]
    public Property SurveyScores_RoundTrip_GiveEqualRecords() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 10).ArrayOf()), answers =>
        {
            var nps = new NetPromoterScoreAccumulator();
            var csat = new CustomerSatisfactionAccumulator(new SurveyOptions { CsatMinimum = 0, CsatMaximum = 10, CsatSatisfiedFrom = 8 });
            foreach (var answer in answers)
            {
                nps.Add(answer);
                csat.Add(answer);
            }

            return StateJsonAssert.RoundTrip(nps.ToScore(), out var npsSame) == nps.ToScore() && npsSame
                && StateJsonAssert.RoundTrip(csat.ToScore(), out var csatSame) == csat.ToScore() && csatSame;
        });

    [Fact]
    public void SmallRecords_RoundTripThroughTheContext()
    {
        Assert.Equal(new RfmScore(5, 3, 1), StateJsonAssert.RoundTrip(new RfmScore(5, 3, 1), out _));
        Assert.Equal(new ConfidenceInterval(0.1, 0.4, 0.95), StateJsonAssert.RoundTrip(new ConfidenceInterval(0.1, 0.4, 0.95), out _));
        var summary = new RfmSegmentSummary("Champions", 12, 3400.5m, 4.5, 6.25, 283.375, 0.12, 0.4);
        Assert.Equal(summary, StateJsonAssert.RoundTrip(summary, out _));
        var cohort = new Cohort("web", new LocalDate(2024, 1, 1), "2024-01", 40);
        Assert.Equal(cohort, StateJsonAssert.RoundTrip(cohort, out _));
    }

    [Fact]
    public void LifetimeModels_FittedOnCdnow_RoundTripWithDiagnostics()
    {
        var bgnbd = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow);
        var restored = StateJsonAssert.RoundTrip(bgnbd, out var sameJson);

        Assert.True(sameJson);
        Assert.Equal((bgnbd.R, bgnbd.Alpha, bgnbd.A, bgnbd.B), (restored.R, restored.Alpha, restored.A, restored.B));
        Assert.Equal(bgnbd.Diagnostics!.LogLikelihood, restored.Diagnostics!.LogLikelihood);
        Assert.Equal(bgnbd.Diagnostics.StandardErrors, restored.Diagnostics.StandardErrors);
        Assert.Equal(bgnbd.ProbabilityAlive(2, 30, 38), restored.ProbabilityAlive(2, 30, 38));

        var gammaGamma = GammaGammaModel.Fit(LifetimeTestData.Cdnow);
        var restoredGammaGamma = StateJsonAssert.RoundTrip(gammaGamma, out sameJson);
        Assert.True(sameJson);
        Assert.Equal((gammaGamma.P, gammaGamma.Q, gammaGamma.Gamma), (restoredGammaGamma.P, restoredGammaGamma.Q, restoredGammaGamma.Gamma));
    }

    [Fact]
    public void LifetimeModels_FromParameters_RoundTripWithoutDiagnostics()
    {
        AssertSame(new ParetoNbdModel(0.55, 10.58, 0.61, 11.67), m => (m.R, m.Alpha, m.S, m.Beta));
        AssertSame(new ModifiedBetaGeometricNbdModel(0.525, 6.18, 0.89, 1.61), m => (m.R, m.Alpha, m.A, m.B));
        AssertSame(new BetaGeometricBetaBinomialModel(1.2, 0.75, 0.66, 2.78), m => (m.Alpha, m.Beta, m.Gamma, m.Delta));
        AssertSame(new ShiftedBetaGeometricModel(0.668, 3.806), m => (m.Alpha, m.Beta));
        AssertSame(new GammaGammaModel(6.25, 3.74, 15.44), m => (m.P, m.Q, m.Gamma));

        static void AssertSame<T>(T model, Func<T, object> parameters)
        {
            var restored = StateJsonAssert.RoundTrip(model, out var sameJson);
            Assert.True(sameJson);
            Assert.Equal(parameters(model), parameters(restored));
        }
    }

    [Fact]
    public void LifetimeModel_InvalidParameter_NamesTheDocument()
    {
        var json = RetentionMetricsJson.Serialize(new ShiftedBetaGeometricModel(0.668, 3.806));

        StateJsonAssert.RejectsAt<ShiftedBetaGeometricModel>(StateJsonAssert.Replace(json, "\"alpha\":0.668", "\"alpha\":-1"), "$");
    }

    [Fact]
    public void HealthScoreModel_ExampleConfiguration_RoundTrips()
    {
        var model = HealthScoreModel.FromJson(HealthScoreModelTests.ExampleConfiguration);

        Assert.Equal(model, StateJsonAssert.RoundTrip(model, out var sameJson));
        Assert.True(sameJson);
    }

    [Fact]
    public void SegmentSetAndRule_RoundTripAsCanonicalText()
    {
        var set = SegmentSet.Parse("big: sum(order.amount) > $500 and last(order) within last 30 days\nquiet: count(app_session, last 30 days) < 3");

        var json = RetentionMetricsJson.Serialize(set);

        Assert.Equal(set, StateJsonAssert.RoundTrip(set, out var sameJson));
        Assert.True(sameJson);
        Assert.Contains("\"name\":\"quiet\",\"rule\":", json, StringComparison.Ordinal);
        Assert.Equal(set[0].Rule, StateJsonAssert.RoundTrip(set[0].Rule, out _));
    }

    [Fact]
    public void SegmentRule_BadText_ReportsTheParserMessageAtThePath()
    {
        StateJsonAssert.RejectsAt<SegmentRule>("""{"type":"segmentRule","version":1,"rule":"count(order) >= >= 3"}""", "$.rule");
    }
}
