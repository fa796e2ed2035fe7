using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class PercentileNormaliserTests
{
    [Theory]
    // Population {1, 2, 2, 3, 5}: mid-rank (below + equal / 2) / 5, counted by hand.
    [InlineData(0, 0)]
    [InlineData(1, 0.1)]
    [InlineData(2, 0.4)]
    [InlineData(2.5, 0.6)]
    [InlineData(3, 0.7)]
    [InlineData(5, 0.9)]
    [InlineData(9, 1)]
    public void Goodness_MidRank_MatchesHandCount(double value, double expected) =>
        Assert.Equal(expected, new PercentileNormaliser([5, 2, 3, 1, 2]).Goodness(value, HealthDirection.HigherIsBetter), 1e-12);

    [Fact]
    public void Goodness_LowerIsBetter_IsOneMinusRank() =>
        Assert.Equal(0.6, new PercentileNormaliser([5, 2, 3, 1, 2]).Goodness(2, HealthDirection.LowerIsBetter), 1e-12);

    [Fact]
    public void Constructor_EmptyPopulation_Throws() =>
        Assert.Throws<ArgumentException>(() => new PercentileNormaliser([]));

    [Fact]
    public void Equals_SamePopulationInAnotherOrder_IsEqual()
    {
        Assert.Equal(new PercentileNormaliser([3, 1, 2]), new PercentileNormaliser([1, 2, 3]));
        Assert.NotEqual(new PercentileNormaliser([1, 2]), new PercentileNormaliser([1, 2, 3]));
        Assert.False(HealthNormaliser.Percentile().IsFitted);
    }

    [Property]
    public Property Goodness_IsMonotoneAndWithinZeroToOne() =>
        Prop.ForAll(Arb.From(Gen.Choose(-20, 20).ArrayOf()), Arb.From(Gen.Choose(-25, 25)), Arb.From(Gen.Choose(0, 10)), (values, x, step) =>
        {
            if (values.Length == 0)
            {
                return true;
            }

            var normaliser = new PercentileNormaliser(values.Select(v => (double)v));
            var low = normaliser.Goodness(x, HealthDirection.HigherIsBetter);
            var high = normaliser.Goodness(x + step, HealthDirection.HigherIsBetter);
            return low is >= 0 and <= 1 && high >= low;
        });

    [Property]
    public Property Goodness_AgreesWithCountingByHand() =>
        Prop.ForAll(Arb.From(Gen.Choose(-5, 5).ArrayOf()), Arb.From(Gen.Choose(-6, 6)), (values, x) =>
        {
            if (values.Length == 0)
            {
                return true;
            }

            var expected = (values.Count(v => v < x) + (0.5 * values.Count(v => v == x))) / values.Length;
            return Math.Abs(new PercentileNormaliser(values.Select(v => (double)v)).Goodness(x, HealthDirection.HigherIsBetter) - expected) < 1e-12;
        });
}
