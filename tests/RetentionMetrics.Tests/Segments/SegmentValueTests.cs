using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Tests.Segments;

public class SegmentValueTests
{
    [Fact]
    public void Default_IsMissing()
    {
        Assert.True(default(SegmentValue).IsMissing);
        Assert.Equal(SegmentValue.Missing, default);
        Assert.Equal(string.Empty, default(SegmentValue).ToString());
    }

    [Fact]
    public void Equals_NumbersByValueAndKindsApart()
    {
        Assert.Equal(SegmentValue.FromNumber(500m), SegmentValue.FromNumber(500.00m));
        Assert.NotEqual(SegmentValue.FromNumber(1), SegmentValue.FromBoolean(true));
        Assert.NotEqual(SegmentValue.FromString("a"), SegmentValue.FromString("A"));
        Assert.NotEqual(SegmentValue.FromDate(new LocalDate(2024, 1, 1)), SegmentValue.FromInstant(Instant.FromUtc(2024, 1, 1, 0, 0)));
    }

    [Fact]
    public void Accessors_WrongKind_Throw()
    {
        Assert.Throws<InvalidOperationException>(() => SegmentValue.FromString("a").Number);
        Assert.Equal("2024-02-29", SegmentValue.FromDate(new LocalDate(2024, 2, 29)).ToString());
        Assert.Equal(new LocalDate(2024, 2, 29), SegmentValue.FromDate(new LocalDate(2024, 2, 29)).Date);
    }

    [Fact]
    public void FromNumber_NonFiniteDouble_Throws() =>
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => SegmentValue.FromNumber(double.NaN)).ParamName);

    [Property]
    public Property FromDate_RoundTripsAnyDate() =>
        Prop.ForAll(Arb.From(Gen.Choose(-700_000, 2_900_000)), days =>
        {
            var date = new LocalDate(1, 1, 1).PlusDays(days);
            return SegmentValue.FromDate(date).Date == date;
        });
}
