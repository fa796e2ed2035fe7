using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class HealthChangeTests
{
    [Fact]
    public void Constructor_NeitherScore_Throws() =>
        Assert.Throws<ArgumentException>(() => new HealthChange<string>("a", null, null));

    [Fact]
    public void Trend_SameBandDifferentScore_IsUnchangedAndNotATransition()
    {
        var model = HealthScoreModel.CreateBuilder().Add("usage", HealthNormaliser.MinMax(0, 100)).Build();

        var change = new HealthChange<string>("a", model.Score([90]), model.Score([71]));

        Assert.Equal(HealthTrend.Unchanged, change.Trend);
        Assert.False(change.IsTransition);
        Assert.Equal(string.Empty, change.ToString());
    }
}
