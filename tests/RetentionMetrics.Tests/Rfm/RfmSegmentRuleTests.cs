using System.Globalization;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class RfmSegmentRuleTests
{
    [Fact]
    public void Matches_InsideAndOutsideTheRanges()
    {
        var rule = new RfmSegmentRule("At Risk", 1, 2, 2, 5, 4, 5);

        Assert.True(rule.Matches(new RfmScore(2, 5, 4)));
        Assert.False(rule.Matches(new RfmScore(3, 5, 4)));
        Assert.False(rule.Matches(new RfmScore(1, 1, 5)));
        Assert.False(rule.Matches(new RfmScore(1, 3, 3)));
    }

    [Fact]
    public void Constructor_MinimumAboveMaximum_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RfmSegmentRule("Odd", 3, 2, 1, 5, 1, 5));

        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.SegmentRuleRange, "Odd"), error.Message);
    }

    [Fact]
    public void Constructor_EmptyName_Throws() =>
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new RfmSegmentRule(" ", 1, 5, 1, 5, 1, 5)).ParamName);
}
