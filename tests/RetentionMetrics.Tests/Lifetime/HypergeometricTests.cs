using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class HypergeometricTests
{
    [Theory]
    // Closed forms (DLMF 15.4): ₂F₁(1, 1; 2; z) = −ln(1 − z)/z; ₂F₁(a, b; b; z) = (1 − z)^(−a);
    // ₂F₁(1/2, 1; 3/2; z²) = artanh(z)/z.
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Series_ClosedForms_Match(double z)
    {
        Assert.Equal(-Math.Log(1 - z) / z, Hypergeometric.Series(1, 1, 2, z), 1e-12 * (-Math.Log(1 - z) / z));
        Assert.Equal(Math.Pow(1 - z, -2.5), Hypergeometric.Series(2.5, 3.7, 3.7, z), 1e-11 * Math.Pow(1 - z, -2.5));
        Assert.Equal(Math.Atanh(Math.Sqrt(z)) / Math.Sqrt(z), Hypergeometric.Series(0.5, 1, 1.5, z), 1e-12 * 10);
    }

    [Fact]
    public void Series_NegativeNonIntegerC_MatchesClosedForm()
    {
        // ₂F₁(a, b; b; z) = (1 − z)^(−a) also holds for c = b = −0.1 (not a non-positive integer): (1 − 0.4)^(−0.3).
        Assert.Equal(Math.Pow(0.6, -0.3), Hypergeometric.Series(0.3, 0.5, 0.5, 0.4), 12);
        Assert.True(double.IsFinite(Hypergeometric.Series(2.93, 0.14, -0.1, 54 / 54.54)));
    }

    [Fact]
    public void Series_OutsideDomain_IsNaN()
    {
        Assert.True(double.IsNaN(Hypergeometric.Series(1, 1, 2, 1)));
        Assert.True(double.IsNaN(Hypergeometric.Series(1, 1, -2, 0.5)));
        Assert.Equal(1, Hypergeometric.Series(1, 1, 2, 0));
    }
}
