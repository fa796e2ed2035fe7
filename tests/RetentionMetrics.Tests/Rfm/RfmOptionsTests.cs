using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class RfmOptionsTests
{
    [Fact]
    public void Default_IsFiveBinsTransactionsTotalSpendCountBelow()
    {
        var options = RfmOptions.Default;

        Assert.Equal(
            (5, RfmFrequency.Transactions, RfmMonetary.TotalSpend, RfmScoring.CountBelow, QuantileSketch.DefaultCapacity),
            (options.Bins, options.Frequency, options.Monetary, options.Scoring, options.SketchCapacity));
        Assert.Same(RfmSegmentMap.Default, options.Segments);
        Assert.Null(options.Breakpoints);
    }

    [Fact]
    public void With_ChangesOneValue_AndComparesByValue()
    {
        var changed = RfmOptions.Default with { Bins = 4 };

        Assert.NotEqual(RfmOptions.Default, changed);
        Assert.Equal(new RfmOptions { Bins = 4 }, changed);
    }

    [Fact]
    public void Score_BadSketchCapacity_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers), new RfmOptions { Scoring = RfmScoring.Sketch, SketchCapacity = 7 }));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, RfmErrorMessages.SketchCapacity, 7), error.Message);
    }
}
