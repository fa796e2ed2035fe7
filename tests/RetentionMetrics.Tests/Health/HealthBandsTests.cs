using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class HealthBandsTests
{
    [Fact]
    public void Default_IsEndangeredAtRiskHealthy() =>
        Assert.Equal([new HealthBand("Endangered", 0, 40), new HealthBand("At-Risk", 40, 70), new HealthBand("Healthy", 70, 100)], HealthBands.Default);

    [Fact]
    public void FromThresholds_BuildsContiguousBands() =>
        Assert.Equal([new HealthBand("Red", 0, 50), new HealthBand("Yellow", 50, 80), new HealthBand("Green", 80, 100)],
            HealthBands.FromThresholds(["Red", "Yellow", "Green"], [50, 80]));

    [Fact]
    public void FromThresholds_NotIncreasing_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => HealthBands.FromThresholds(["a", "b", "c"], [60, 60]));

        Assert.StartsWith(HealthErrorMessages.BandThresholdsNotIncreasing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromThresholds_WrongNameCount_Throws() =>
        Assert.Throws<ArgumentException>(() => HealthBands.FromThresholds(["a", "b"], [30, 60]));
}
