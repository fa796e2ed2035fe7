using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Tests.Churn;

public class RateCompoundingTests
{
    [Theory]
    // 0.97¹² = exp(12 · ln 0.97) = exp(12 · −0.0304592075) = exp(−0.3655104898) = 0.6938423610 → 30.6158% a year.
    [InlineData(0.03, 12, 0.30615764)]
    // 0.95¹² = exp(12 · ln 0.95) = exp(−0.6155195) = 0.5403601 → 45.9640% a year (the "5% monthly ≈ 46%").
    [InlineData(0.05, 12, 0.45963991)]
    // Two periods of 50%: 1 − 0.25.
    [InlineData(0.5, 2, 0.75)]
    [InlineData(0.0, 12, 0.0)]
    [InlineData(1.0, 12, 1.0)]
    public void Compound_KnownValues(double rate, double periods, double expected) =>
        Assert.Equal(expected, RateCompounding.Compound(rate, periods), 7);

    [Fact]
    public void Decompound_YearlyThirtyPointSixPercent_IsThreePercentMonthly() =>
        Assert.Equal(0.03, RateCompounding.Decompound(0.3061576390, 12), 7);

    [Theory]
    [InlineData(-0.1, 12)]
    [InlineData(1.1, 12)]
    [InlineData(double.NaN, 12)]
    public void Compound_RateOutsideUnitInterval_Throws(double rate, double periods) =>
        Assert.Equal("periodicRate", Assert.Throws<ArgumentOutOfRangeException>(() => RateCompounding.Compound(rate, periods)).ParamName);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void Decompound_PeriodsNotPositive_Throws(double periods) =>
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => RateCompounding.Decompound(0.3, periods)).ParamName);

    private static readonly Arbitrary<double> Rates = Arb.From(Gen.Choose(0, 999_999).Select(i => i / 1_000_000d));
    private static readonly Arbitrary<double> PeriodCounts = Arb.From(Gen.Choose(1, 520).Select(i => i / 10d));

    [Property(MaxTest = 500)]
    public Property Decompound_OfCompound_ReturnsTheRate() =>
        Prop.ForAll(Rates, PeriodCounts, (rate, periods) =>
        {
            var compounded = RateCompounding.Compound(rate, periods);
            // Once (1 − rate)^periods is below 1e-9 the compounded rate is 1 to double precision and carries no information.
            return Math.Pow(1 - rate, periods) < 1e-9
                || Math.Abs(RateCompounding.Decompound(compounded, periods) - rate) <= 1e-12 / Math.Min(1, Math.Pow(1 - rate, periods) * periods);
        });

    [Property(MaxTest = 500)]
    public Property Compound_IsMonotoneInRateAndPeriods() =>
        Prop.ForAll(Rates, Rates, PeriodCounts, (a, b, periods) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            var compounded = RateCompounding.Compound(low, periods);
            return compounded <= RateCompounding.Compound(high, periods)
                && compounded <= RateCompounding.Compound(low, periods + 1)
                && compounded is >= 0 and <= 1
                && (periods < 1 ? compounded <= low + 1e-15 : compounded >= low - 1e-15);
        });
}
