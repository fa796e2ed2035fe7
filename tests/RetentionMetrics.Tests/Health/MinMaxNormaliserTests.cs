using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class MinMaxNormaliserTests
{
    [Theory]
    // Bounds 10..30: (x − 10) / 20, clipped.
    [InlineData(5, 0)]
    [InlineData(10, 0)]
    [InlineData(15, 0.25)]
    [InlineData(30, 1)]
    [InlineData(99, 1)]
    public void Goodness_FixedBounds_ScalesAndClips(double value, double expected) =>
        Assert.Equal(expected, HealthNormaliser.MinMax(10, 30).Goodness(value, HealthDirection.HigherIsBetter), 1e-12);

    [Fact]
    public void Goodness_LowerIsBetter_IsOneMinusPosition() =>
        Assert.Equal(0.75, HealthNormaliser.MinMax(10, 30).Goodness(15, HealthDirection.LowerIsBetter), 1e-12);

    [Fact]
    public void Component_FixedBoundsNotIncreasing_ThrowsNamingComponent()
    {
        var exception = Assert.Throws<ArgumentException>(() => new HealthComponent("seats", HealthNormaliser.MinMax(5, 1)));

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.MinimumNotBelowMaximum, "seats", 5, 1), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsFitted_WithoutBounds_IsFalse()
    {
        Assert.False(HealthNormaliser.MinMax().IsFitted);
        Assert.True(HealthNormaliser.MinMax(0, 1).IsFitted);
        Assert.False(HealthNormaliser.MinMax(0, 1).IsFittedOnPopulation);
    }
}
