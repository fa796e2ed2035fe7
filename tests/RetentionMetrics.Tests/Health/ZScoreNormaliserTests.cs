using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class ZScoreNormaliserTests
{
    [Theory]
    // Mean 50, standard deviation 10; Φ from a standard normal table: Φ(0) = 0.5, Φ(1) = 0.8413447461, Φ(−2) = 0.0227501319.
    [InlineData(50, 0.5)]
    [InlineData(60, 0.841_344_746_1)]
    [InlineData(30, 0.022_750_131_9)]
    public void Goodness_IsNormalCdfOfZ(double value, double expected) =>
        Assert.Equal(expected, HealthNormaliser.ZScore(50, 10).Goodness(value, HealthDirection.HigherIsBetter), 1e-9);

    [Fact]
    public void Goodness_LowerIsBetter_IsOneMinusCdf() =>
        Assert.Equal(1 - 0.841_344_746_1, HealthNormaliser.ZScore(50, 10).Goodness(60, HealthDirection.LowerIsBetter), 1e-9);

    [Fact]
    public void Component_ZeroStandardDeviation_ThrowsNamingComponent()
    {
        var exception = Assert.Throws<ArgumentException>(() => new HealthComponent("usage", HealthNormaliser.ZScore(1, 0)));

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.StandardDeviationNotPositive, "usage", 0), exception.Message, StringComparison.Ordinal);
    }
}
