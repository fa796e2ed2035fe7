using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class RfmScoreTests
{
    [Theory]
    [InlineData(5, 4, 5, "545")]
    [InlineData(1, 1, 1, "111")]
    [InlineData(10, 3, 12, "10-3-12")]
    public void ToString_JoinsTheDigits(int r, int f, int m, string expected) => Assert.Equal(expected, new RfmScore(r, f, m).ToString());

    [Fact]
    public void Equals_SameParts_AreEqual() => Assert.Equal(new RfmScore(3, 2, 1), new RfmScore(3, 2, 1));
}
