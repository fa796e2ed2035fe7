using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class RfmSegmentMapTests
{
    [Theory]
    // The default table (docs/rfm.md), first match wins.
    [InlineData(5, 5, 5, "Champions")]
    [InlineData(5, 5, 4, "Potential Loyalists")]
    [InlineData(2, 2, 2, "Loyal Customers")]
    [InlineData(3, 1, 5, "Promising")]
    [InlineData(5, 1, 1, "New Customers")]
    [InlineData(1, 3, 5, "Can't Lose Them")]
    [InlineData(2, 5, 5, "At Risk")]
    [InlineData(1, 5, 3, "Need Attention")]
    [InlineData(3, 1, 1, "About to Sleep")]
    [InlineData(2, 1, 5, "Hibernating")]
    [InlineData(1, 1, 1, "Lost")]
    [InlineData(4, 5, 1, "Others")]
    public void Default_AssignsTheCustomaryNames(int r, int f, int m, string expected) =>
        Assert.Equal(expected, RfmSegmentMap.Default.Assign(new RfmScore(r, f, m), 5));

    [Fact]
    public void Default_CoversEveryScoreWithAKnownName()
    {
        var names = RfmSegmentMap.Default.Names.ToHashSet();
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                for (var m = 1; m <= 5; m++)
                {
                    Assert.Contains(RfmSegmentMap.Default.Assign(new RfmScore(r, f, m), 5), names);
                }
            }
        }

        Assert.Equal(12, names.Count);
    }

    [Fact]
    public void Assign_OtherBinCounts_AreRescaled()
    {
        // 10 bins onto a 5-bin map: s' = ceil(s · 5 / 10); 10, 9 → 5; 2 → 1; 3 → 2.
        Assert.Equal("Champions", RfmSegmentMap.Default.Assign(new RfmScore(10, 9, 10), 10));
        Assert.Equal("Lost", RfmSegmentMap.Default.Assign(new RfmScore(2, 1, 2), 10));
        Assert.Equal("About to Sleep", RfmSegmentMap.Default.Assign(new RfmScore(3, 1, 1), 10));
    }

    [Fact]
    public void Assign_CustomMap_FirstMatchWinsThenFallback()
    {
        var map = new RfmSegmentMap([new RfmSegmentRule("Recent", 3, 3, 1, 3, 1, 3), new RfmSegmentRule("Any", 1, 3, 1, 3, 1, 3)], bins: 3, fallback: "None");

        Assert.Equal("Recent", map.Assign(new RfmScore(3, 1, 1), 3));
        Assert.Equal("Any", map.Assign(new RfmScore(2, 1, 1), 3));
        Assert.Equal(["Recent", "Any", "None"], map.Names);
    }

    [Fact]
    public void Constructor_NullRule_Throws() =>
        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => new RfmSegmentMap([null!])).ParamName);

    [Fact]
    public void Assign_OneBin_Throws() =>
        Assert.Equal("bins", Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegmentMap.Default.Assign(new RfmScore(1, 1, 1), 1)).ParamName);

    [Fact]
    public void Score_CustomMap_IsUsedByTheModel()
    {
        var map = new RfmSegmentMap([new RfmSegmentRule("Top", 5, 5, 1, 5, 1, 5)], fallback: "Rest");

        var table = RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers), new RfmOptions { Segments = map });

        // Only c0 and c1 have recency score 5 (see RfmModelTests).
        Assert.Equal(["Top", "Rest"], table.Segments.Select(s => s.Segment));
        Assert.Equal(2, table.Segments[0].Customers);
    }
}
