using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class BooleanNormaliserTests
{
    [Theory]
    [InlineData(0, HealthDirection.HigherIsBetter, 0)]
    [InlineData(1, HealthDirection.HigherIsBetter, 1)]
    [InlineData(0.5, HealthDirection.HigherIsBetter, 1)]
    [InlineData(-3, HealthDirection.HigherIsBetter, 0)]
    [InlineData(1, HealthDirection.LowerIsBetter, 0)]
    [InlineData(0, HealthDirection.LowerIsBetter, 1)]
    public void Goodness_PositiveIsTrue(double value, HealthDirection direction, double expected) =>
        Assert.Equal(expected, HealthNormaliser.Boolean().Goodness(value, direction));
}
