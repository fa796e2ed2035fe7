using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class HealthComponentTests
{
    [Fact]
    public void Constructor_NegativeWeight_ThrowsNamingComponent()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new HealthComponent("logins", HealthNormaliser.Boolean(), -2));

        Assert.Equal("weight", exception.ParamName);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.NegativeWeight, "logins", -2), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptyName_Throws() =>
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new HealthComponent("", HealthNormaliser.Boolean())).ParamName);

    [Fact]
    public void Constructor_NullNormaliser_Throws() =>
        Assert.Equal("normaliser", Assert.Throws<ArgumentNullException>(() => new HealthComponent("a", null!)).ParamName);

    [Fact]
    public void Constructor_ThresholdsAgainstDirection_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            new HealthComponent("tickets", HealthNormaliser.Thresholds(new(0, 0), new(5, 1)), direction: HealthDirection.LowerIsBetter));

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthErrorMessages.ThresholdsAgainstDirection, "tickets", 1, "lower is better"), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_ComparesEveryPartByValue()
    {
        var a = new HealthComponent("a", HealthNormaliser.Thresholds(new(0, 0), new(1, 1)), 2, HealthDirection.HigherIsBetter, MissingValuePolicy.Worst);

        Assert.Equal(a, new HealthComponent("a", HealthNormaliser.Thresholds(new(0, 0), new(1, 1)), 2, HealthDirection.HigherIsBetter, MissingValuePolicy.Worst));
        Assert.NotEqual(a, a.WithWeight(3));
    }
}
