using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Tests.Survival;

public class LogRankTestTests
{
    [Fact]
    public void Compare_Freireich_MatchesPublishedLogRank()
    {
        // Kleinbaum & Klein (2012), chapter 2: O₁ = 9, E₁ = 19.25 (6-MP); O₂ = 21, E₂ = 10.75 (placebo);
        // log-rank χ² = 16.79 on 1 degree of freedom, p < 0.0001. Rodríguez's notes report the same 16.79.
        var result = LogRankTest.Compare([new SurvivalGroup("6-MP", Freireich.MercaptopurineGroup), new SurvivalGroup("placebo", Freireich.PlaceboGroup)]);

        Assert.Equal(16.79, result.Statistic, 2);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.InRange(result.PValue, 1e-5, 1e-4);
        Assert.Equal((9, 19.25), (result.Groups[0].Observed, Math.Round(result.Groups[0].Expected, 2)));
        Assert.Equal((21, 10.75), (result.Groups[1].Observed, Math.Round(result.Groups[1].Expected, 2)));
        Assert.Equal((21, 21), (result.Groups[0].Subjects, result.Groups[1].Subjects));
    }

    [Fact]
    public void Compare_WithAnEmptyThirdGroup_EqualsTheTwoGroupTest()
    {
        // An empty group adds no information: its row of V is zero, so it adds no degree of freedom.
        var two = LogRankTest.Compare([new SurvivalGroup("a", Freireich.MercaptopurineGroup), new SurvivalGroup("b", Freireich.PlaceboGroup)]);
        var three = LogRankTest.Compare([new SurvivalGroup("empty", []), new SurvivalGroup("a", Freireich.MercaptopurineGroup), new SurvivalGroup("b", Freireich.PlaceboGroup)]);

        Assert.Equal(two.Statistic, three.Statistic, 9);
        Assert.Equal(1, three.DegreesOfFreedom);
    }

    [Fact]
    public void Compare_FewerThanTwoGroups_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => LogRankTest.Compare([new SurvivalGroup("a", Freireich.PlaceboGroup)]));

        Assert.Equal((SurvivalErrorMessages.TooFewGroups + " (Parameter 'groups')", "groups"), (error.Message, error.ParamName));
        Assert.Throws<ArgumentNullException>(() => LogRankTest.Compare(null!));
    }

    private static readonly Gen<SurvivalObservation[]> Sample =
        (from time in Gen.Choose(0, 20)
         from isEvent in Gen.Elements(true, true, false)
         select new SurvivalObservation(time, isEvent)).ArrayOf();

    [Property(MaxTest = 200)]
    public Property Compare_IdenticalGroups_GiveZeroAndPValueOne() =>
        Prop.ForAll(Arb.From(Sample), Arb.From(Gen.Choose(2, 4)), (sample, k) =>
        {
            var result = LogRankTest.Compare(Enumerable.Range(0, k).Select(i => new SurvivalGroup($"g{i}", sample)).ToArray());
            return result.Statistic < 1e-9 && Math.Abs(result.PValue - 1) < 1e-6;
        });

    [Property(MaxTest = 200)]
    public Property Compare_GroupOrder_DoesNotChangeTheStatistic() =>
        Prop.ForAll(Arb.From(Sample), Arb.From(Sample), Arb.From(Sample), (a, b, c) =>
        {
            var abc = LogRankTest.Compare([new SurvivalGroup("a", a), new SurvivalGroup("b", b), new SurvivalGroup("c", c)]);
            var cab = LogRankTest.Compare([new SurvivalGroup("c", c), new SurvivalGroup("a", a), new SurvivalGroup("b", b)]);
            return Math.Abs(abc.Statistic - cab.Statistic) < 1e-7 * Math.Max(1, abc.Statistic)
                && abc.DegreesOfFreedom == cab.DegreesOfFreedom
                && abc.PValue is >= 0 and <= 1 && double.IsFinite(abc.Statistic);
        });

    [Property(MaxTest = 200)]
    public Property Compare_ObservedAndExpected_AddUpToTheEvents() =>
        Prop.ForAll(Arb.From(Sample), Arb.From(Sample), (a, b) =>
        {
            var result = LogRankTest.Compare([new SurvivalGroup("a", a), new SurvivalGroup("b", b)]);
            var events = a.Count(o => o.IsEvent) + b.Count(o => o.IsEvent);
            return result.Groups.Sum(g => g.Observed) == events && Math.Abs(result.Groups.Sum(g => g.Expected) - events) < 1e-9;
        });
}
