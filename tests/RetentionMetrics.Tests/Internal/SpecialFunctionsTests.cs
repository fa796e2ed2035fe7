using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Tests.Internal;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]                                 // Γ(1) = 1
    [InlineData(0.5, 0.57236494292470008707)]              // ln √π
    [InlineData(10.0, 12.801827480081469611)]              // ln 9! = ln 362880
    [InlineData(0.1, 2.2527126517342059599)]               // ln Γ(0.1), DLMF 5.4 tables
    [InlineData(100.0, 359.13420536957539878)]             // ln 99!
    public void LogGamma_KnownValues(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12 * Math.Max(1, Math.Abs(expected)));

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.84134474606854293)]                 // Φ(1), A&S table 26.1
    [InlineData(-1.96, 0.024997895148220435)]
    [InlineData(3.0, 0.99865010196837)]
    [InlineData(-6.0, 9.8658764503769e-10)]
    public void NormalCdf_KnownValues(double z, double expected) =>
        Assert.Equal(expected, SpecialFunctions.NormalCdf(z), Math.Max(1e-14, expected * 1e-9));

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.090232306167813)]
    public void NormalQuantile_KnownValues(double p, double expected) =>
        Assert.Equal(expected, SpecialFunctions.NormalQuantile(p), 1e-9);

    [Theory]
    [InlineData(3.841458820694124, 1, 0.05)]               // the 95% point of chi-squared(1)
    [InlineData(5.991464547107979, 2, 0.05)]
    [InlineData(6.634896601021214, 1, 0.01)]
    [InlineData(18.307038053275146, 10, 0.05)]
    public void ChiSquaredSurvival_KnownCriticalValues(double x, int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, SpecialFunctions.ChiSquaredSurvival(x, degreesOfFreedom), 1e-10);

    [Property]
    public Property NormalQuantile_InvertsCdf() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 999_999)), n =>
        {
            var p = n / 1_000_000.0;
            return Math.Abs(SpecialFunctions.NormalCdf(SpecialFunctions.NormalQuantile(p)) - p) < 1e-12;
        });

    [Property]
    public Property LogGamma_SatisfiesRecurrence() =>
        // ln Γ(x + 1) = ln Γ(x) + ln x
        Prop.ForAll(Arb.From(Gen.Choose(1, 100_000)), n =>
        {
            var x = n / 1000.0;
            return Math.Abs(SpecialFunctions.LogGamma(x + 1) - SpecialFunctions.LogGamma(x) - Math.Log(x)) < 1e-10;
        });
}
