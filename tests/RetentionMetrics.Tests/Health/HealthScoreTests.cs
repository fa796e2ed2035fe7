using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class HealthScoreTests
{
    [Fact]
    public void PulledDownMost_ListsOnlyLosers_MostLostFirst()
    {
        // Worked model, customer (20, 2, 8): lost points logins 25, tickets 8.33, nps 5.
        var score = HealthScoreModelTests.WorkedModel().Fit(HealthScoreModelTests.WorkedPopulation).Score([20, 2, 8]);

        Assert.Equal(["logins", "tickets"], score.PulledDownMost(2).Select(c => c.Component));
        Assert.Empty(score.PulledDownMost(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => score.PulledDownMost(-1));
    }

    [Fact]
    public void PulledDownMost_PerfectCustomer_IsEmpty()
    {
        var model = HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.Boolean()).Build();

        Assert.Empty(model.Score([1]).PulledDownMost(3));
    }

    [Fact]
    public void ToString_ShowsScoreAndBand()
    {
        var model = HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.MinMax(0, 8)).Build();

        Assert.Equal("37.5 (Endangered)", model.Score([3]).ToString());
    }
}
