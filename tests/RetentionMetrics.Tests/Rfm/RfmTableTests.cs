using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class RfmTableTests
{
    [Fact]
    public void TryGet_UnknownCustomer_ReturnsFalse() =>
        Assert.False(RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers)).TryGet("nobody", out _));

    [Fact]
    public void TryGet_Null_Throws() =>
        Assert.Equal("customer", Assert.Throws<ArgumentNullException>(() => RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers)).TryGet(null!, out _)).ParamName);

    [Fact]
    public void Equals_DifferentOptions_AreNotEqual()
    {
        var summaries = RfmTestData.Summaries(RfmTestData.TenCustomers);

        Assert.NotEqual(RfmModel.Score(summaries), RfmModel.Score(summaries, new RfmOptions { Bins = 4 }));
        Assert.Equal(RfmModel.Score(summaries), RfmModel.Score(summaries));
    }

    [Property(MaxTest = 200)]
    public Property Segments_AddUpToTheWholeTable() =>
        Prop.ForAll(RfmTestData.CustomerArrays, customers =>
        {
            var table = RfmModel.Score(RfmTestData.Summaries(customers));
            return table.Segments.Sum(s => s.Customers) == table.Count
                && table.Segments.Sum(s => s.Revenue) == table.Sum(r => r.Revenue)
                && table.Segments.All(s => s.Customers == table.Count(r => r.Segment == s.Segment))
                && Math.Abs(table.Segments.Sum(s => s.CustomerShare) - (table.Count == 0 ? 0 : 1)) < 1e-9;
        });
}
