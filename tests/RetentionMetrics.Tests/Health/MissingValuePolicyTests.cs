using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class MissingValuePolicyTests
{
    [Fact]
    public void Default_IsSkip() => Assert.Equal(MissingValuePolicy.Skip, default(MissingValuePolicy));

    [Fact]
    public void UseValue_NotFinite_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MissingValuePolicy.UseValue(double.NaN));

    [Fact]
    public void UseValue_ReplacesTheMissingValueBeforeNormalising()
    {
        // Missing value replaced by 5 on fixed bounds 0..10: goodness 0.5; the only component, so score 50.
        var model = HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.MinMax(0, 10), missing: MissingValuePolicy.UseValue(5)).Build();

        var score = model.Score([double.NaN]);

        Assert.Equal(50d, score.Score, 1e-12);
        Assert.True(score.Contributions[0].IsMissing);
    }

    [Fact]
    public void ToString_IsTheConfigurationWord() =>
        Assert.Equal(("skip", "worst", "value=2.5"), (MissingValuePolicy.Skip.ToString(), MissingValuePolicy.Worst.ToString(), MissingValuePolicy.UseValue(2.5).ToString()));
}
