using System.Globalization;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class RfmBreakpointsTests
{
    private static readonly RfmBreakpoints Edges = new([30, 90, 180, 365], [2, 3, 5, 10], [50m, 100m, 250m, 1000m]);

    [Theory]
    [InlineData(0, 5)]
    [InlineData(30, 5)]
    [InlineData(31, 4)]
    [InlineData(90, 4)]
    [InlineData(366, 1)]
    public void ScoreRecency_FewerDaysScoreHigher(int days, int expected) => Assert.Equal(expected, Edges.ScoreRecency(days));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 3)]
    [InlineData(10, 5)]
    public void ScoreFrequency_AValueOnAnEdgeGoesUp(int count, int expected) => Assert.Equal(expected, Edges.ScoreFrequency(count));

    [Theory]
    [InlineData("49.99", 1)]
    [InlineData("50", 2)]
    [InlineData("999.99", 4)]
    [InlineData("1000", 5)]
    public void ScoreMonetary_AValueOnAnEdgeGoesUp(string amount, int expected) =>
        Assert.Equal(expected, Edges.ScoreMonetary(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Fact]
    public void Bins_IsOneMoreThanTheEdges() => Assert.Equal(5, Edges.Bins);

    [Fact]
    public void Constructor_NotAscending_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RfmBreakpoints([30, 30], [1, 2], [1m, 2m]));

        Assert.Equal("recency", error.ParamName);
        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointsNotAscending, "recency"), error.Message);
    }

    [Fact]
    public void Constructor_LengthsDiffer_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RfmBreakpoints([30, 60], [1], [1m, 2m]));

        Assert.Equal("frequency", error.ParamName);
        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointCount, "frequency", 2, 1), error.Message);
    }

    [Fact]
    public void Constructor_Null_Throws() =>
        Assert.Equal("monetary", Assert.Throws<ArgumentNullException>(() => new RfmBreakpoints([1], [1], null!)).ParamName);

    [Fact]
    public void Equals_SameLists_AreEqual() =>
        Assert.Equal(Edges, new RfmBreakpoints([30, 90, 180, 365], [2, 3, 5, 10], [50m, 100m, 250m, 1000m]));
}
