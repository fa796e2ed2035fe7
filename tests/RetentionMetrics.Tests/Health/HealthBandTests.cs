using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class HealthBandTests
{
    [Fact]
    public void Constructor_EmptyRange_ThrowsNamingBand()
    {
        var exception = Assert.Throws<ArgumentException>(() => new HealthBand("Amber", 50, 50));

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.BandRangeEmpty, "Amber", 50, 50), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OutsideZeroToHundred_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthBand("High", 50, 101));

    [Fact]
    public void ToString_ShowsNameAndRange() => Assert.Equal("Healthy [70, 100)", new HealthBand("Healthy", 70, 100).ToString());
}
