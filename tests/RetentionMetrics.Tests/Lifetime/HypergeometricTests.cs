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

    /// <summary>The power series summed in <see cref="decimal"/> (28 digits) until a term is below 1e-24: an independent reference.</summary>
    private static double DecimalSeries(decimal a, decimal b, decimal c, decimal z)
    {
        decimal term = 1, sum = 1;
        for (var n = 0; n < 20_000; n++)
        {
            term = term * (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) < 1e-24m && n > 50)
            {
                break;
            }
        }

        return (double)sum;
    }

    [Theory]
    [InlineData(0.3, 2.5, 1.7, 0.95)]
    [InlineData(1.2, 0.7, 3.1, 0.97)]
    [InlineData(0.5, 0.5, 1.25, 0.93)]
    [InlineData(2.43, 3.426, 3.219, 0.99)]
    public void Value_NearOne_MatchesDecimalSeries(double a, double b, double c, double z)
    {
        // Above 0.9 Value uses the connection formula to 1 − z, not the series: the decimal series checks it.
        var expected = DecimalSeries((decimal)a, (decimal)b, (decimal)c, (decimal)z);
        Assert.Equal(expected, Hypergeometric.Value(a, b, c, z), 1e-11 * Math.Abs(expected));
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.999)]
    [InlineData(-0.5)]
    [InlineData(-5)]
    [InlineData(-100)]
    public void Value_ClosedForms_Match(double z)
    {
        // ₂F₁(a, b; b; z) = (1 − z)^(−a) (DLMF 15.4.6), for any z < 1.
        Assert.Equal(Math.Pow(1 - z, -2.5), Hypergeometric.Value(2.5, 3.7, 3.7, z), 1e-11 * Math.Pow(1 - z, -2.5));
        Assert.Equal(Math.Pow(1 - z, -0.3), Hypergeometric.Value(0.3, 1.45, 1.45, z), 1e-11 * Math.Pow(1 - z, -0.3));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3)]
    [InlineData(40)]
    public void Value_NegativeArgument_MatchesArctangent(double x)
    {
        // ₂F₁(1/2, 1; 3/2; −x²) = arctan(x)/x (DLMF 15.4.3), reached through Pfaff's transformation.
        Assert.Equal(Math.Atan(x) / x, Hypergeometric.Value(0.5, 1, 1.5, -x * x), 1e-12);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-12)]
    public void Value_IntegerGapNearOne_MatchesLogarithm(double complement)
    {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z (DLMF 15.4.2): c − a − b = 0 is the integer case, taken as the mean at c ± 1e-5,
        // where two terms of size 1e5 cancel: documented as accurate to about 1e-7 relative.
        var z = 1 - complement;
        var expected = -Math.Log(complement) / z;
        Assert.Equal(expected, Hypergeometric.Value(1, 1, 2, z, complement), 2e-7 * expected);
    }

    [Fact]
    public void Value_ZeroNearOneOrBeyond_IsOneOrNaN()
    {
        Assert.Equal(1, Hypergeometric.Value(1, 2, 3, 0));
        Assert.True(double.IsNaN(Hypergeometric.Value(1, 2, 3, 1)));
        Assert.True(double.IsNaN(Hypergeometric.Value(1, 2, -3, 0.5)));
    }

    [Fact]
    public void LogSeriesWithDerivatives_MatchesValueAndDifferences()
    {
        // ln ₂F₁(a, b; a+1; z) and its partial derivatives against the plain series and central differences.
        double a = 3.2, b = 1.6, z = 0.4, h = 1e-6;
        double F(double aa, double bb, double zz) => Math.Log(Hypergeometric.Series(aa, bb, aa + 1, zz));
        var (log, da, db, dz) = Hypergeometric.LogSeriesWithDerivatives(a, b, z);
        Assert.Equal(F(a, b, z), log, 1e-14);
        Assert.Equal((F(a + h, b, z) - F(a - h, b, z)) / (2 * h), da, 1e-8);
        Assert.Equal((F(a, b + h, z) - F(a, b - h, z)) / (2 * h), db, 1e-8);
        Assert.Equal((F(a, b, z + h) - F(a, b, z - h)) / (2 * h), dz, 1e-8);
        // At z = 0: F = 1 and ∂F/∂z = a b / (a + 1).
        Assert.Equal((0d, 0d, 0d, a * b / (a + 1)), Hypergeometric.LogSeriesWithDerivatives(a, b, 0));
    }
}
