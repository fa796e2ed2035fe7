using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class ThresholdNormaliserTests
{
    [Theory]
    // Tickets, lower is better: (0, 1), (3, 0.5), (10, 0); interpolated by hand.
    [InlineData(-1, 1)]
    [InlineData(0, 1)]
    [InlineData(1.5, 0.75)]
    [InlineData(3, 0.5)]
    [InlineData(6.5, 0.25)]
    [InlineData(10, 0)]
    [InlineData(25, 0)]
    public void Goodness_InterpolatesAndIsFlatOutside(double value, double expected) =>
        Assert.Equal(expected, HealthNormaliser.Thresholds(new(0, 1), new(3, 0.5), new(10, 0)).Goodness(value, HealthDirection.LowerIsBetter), 1e-12);

    [Fact]
    public void Component_ValuesNotIncreasing_ThrowsNamingComponentAndPoint()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            new HealthComponent("nps", HealthNormaliser.Thresholds(new(0, 0), new(8, 0.5), new(6, 1))));

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.ThresholdsNotIncreasing, "nps", 2, 6, 8), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_SamePoints_IsEqual() =>
        Assert.Equal(HealthNormaliser.Thresholds(new(0, 0), new(1, 1)), HealthNormaliser.Thresholds(new(0, 0), new(1, 1)));
}
