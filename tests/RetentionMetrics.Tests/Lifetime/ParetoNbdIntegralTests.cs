using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class ParetoNbdIntegralTests
{
    [Theory]
    [InlineData(0.5, 1e6, 0, 52)]
    [InlineData(1e6, 0.5, 0, 52)]
    [InlineData(3, 40, 12.5, 39)]
    [InlineData(1e-6, 2e4, 0.25, 30)]
    [InlineData(7e5, 2e-5, 5, 5.001)]
    public void Evaluate_PowersOne_MatchesPartialFractions(double alpha, double beta, double from, double to)
    {
        // 1/((α+τ)(β+τ)) = (1/(α+τ) − 1/(β+τ)) / (β − α), so D = [ln((α+τ)/(β+τ))] from t₀ to t₁ / (β − α)
        // = (ln(1 + Δ/(α+t₀)) − ln(1 + Δ/(β+t₀))) / (β − α), Δ = t₁ − t₀, each ln(1 + ε) exact for small ε.
        static double LogOnePlus(double e)
        {
            var u = 1 + e;
            return u == 1 ? e : Math.Log(u) * e / (u - 1);
        }

        var expected = (LogOnePlus((to - from) / (alpha + from)) - LogOnePlus((to - from) / (beta + from))) / (beta - alpha);
        // Evaluate returns ln(α^p β^q D).
        var (logValue, _, _, _, _) = ParetoNbdIntegral.Evaluate(1, 1, alpha, beta, from, to);
        Assert.Equal(Math.Log(expected) + Math.Log(alpha) + Math.Log(beta), logValue, 1e-12 * Math.Max(1, Math.Abs(logValue)));
    }

    [Theory]
    [InlineData(2.5, 0.3, 4, 0, 40)]
    [InlineData(31.2, 1.7, 0.01, 2, 52)]
    [InlineData(0.2, 900, 15, 0, 45)]
    public void Evaluate_EqualScales_MatchesThePowerIntegral(double p, double q, double scale, double from, double to)
    {
        // α = β: D = ∫ (α+τ)^(−p−q) dτ = ((α+t₀)^(−k) − (α+t₁)^(−k)) / k with k = p + q − 1, in logs:
        // ln D = −k ln(α+t₀) + ln(1 − ((α+t₀)/(α+t₁))^k) − ln k.
        var k = p + q - 1;
        var expected = -k * Math.Log(scale + from) + Math.Log(1 - Math.Pow((scale + from) / (scale + to), k)) - Math.Log(k);
        var (logValue, alphaGrowthMean, _, betaGrowthMean, _) = ParetoNbdIntegral.Evaluate(p, q, scale, scale, from, to);
        Assert.Equal(expected + (p + q) * Math.Log(scale), logValue, 1e-12 * Math.Max(1, Math.Abs(logValue)));
        Assert.Equal(alphaGrowthMean, betaGrowthMean, 1e-14);
    }

    /// <summary>₂F₁(a, b; a + 1; z) by its series summed in <see cref="decimal"/> (28 digits): an independent reference.</summary>
    private static double DecimalSeries(double a, double b, double z)
    {
        decimal term = 1, sum = 1, da = (decimal)a, db = (decimal)b, dz = (decimal)z;
        for (var n = 0; n < 40_000; n++)
        {
            term = term * (da + n) * (db + n) / ((da + 1 + n) * (n + 1)) * dz;
            sum += term;
            if (term < 1e-24m && n > 50)
            {
                break;
            }
        }

        return (double)sum;
    }

    [Theory]
    [InlineData(1.3, 8.5, 0.9, 2.1, 0, 38)]
    [InlineData(4.6, 60, 2.2, 0.4, 10, 50)]
    [InlineData(0.7, 0.2, 0.4, 30, 3.5, 20)]
    [InlineData(9.3, 2.5, 1.5, 80, 0, 45)]
    public void Evaluate_MatchesTheHypergeometricForm(double p, double alpha, double s, double beta, double from, double to)
    {
        // Fader & Hardie's form: ∫ from t to ∞ = ₂F₁(a, b; a+1; |α−β|/(L+t)) / (a (L+t)^a), a = p + s, L = max(α, β),
        // b = s + 1 when α ≥ β and p otherwise; D is the difference at t₀ and t₁ (z up to 0.99 here).
        var a = p + s;
        var larger = Math.Max(alpha, beta);
        var b = alpha >= beta ? s + 1 : p;
        double Tail(double t) => DecimalSeries(a, b, Math.Abs(alpha - beta) / (larger + t)) / (a * Math.Pow(larger + t, a));
        var expected = Tail(from) - Tail(to);
        var (logValue, _, _, _, _) = ParetoNbdIntegral.Evaluate(p, s + 1, alpha, beta, from, to);
        Assert.Equal(Math.Log(expected) + p * Math.Log(alpha) + (s + 1) * Math.Log(beta), logValue, 1e-11 * Math.Max(1, Math.Abs(logValue)));
    }

    [Theory]
    [InlineData(1e-20)]
    [InlineData(3e-9)]
    [InlineData(0.25)]
    [InlineData(40)]
    public void LogOnePlus_MatchesTheSeries(double y)
    {
        // ln(1 + y) = y − y²/2 + y³/3 − … for small y; Math.Log(1 + y) itself where 1 + y is exact (0.25, 40).
        var expected = y < 1e-3 ? y - y * y / 2 + y * y * y / 3 : Math.Log(1 + y);
        Assert.Equal(expected, ParetoNbdIntegral.LogOnePlus(y), 4e-16 * expected);
    }

    [Fact]
    public void Evaluate_EmptyInterval_IsMinusInfinity() =>
        Assert.Equal(double.NegativeInfinity, ParetoNbdIntegral.Evaluate(1.5, 2, 3, 4, 20, 20).LogValue);

    [Fact]
    public void GaussLegendre_IntegratesPolynomialsExactly()
    {
        // An n-point rule is exact to degree 2n − 1: ∫ from −1 to 1 of x^k = 2/(k + 1) for even k, 0 for odd k.
        var (abscissas, weights) = ParetoNbdIntegral.GaussLegendre(16);
        Assert.Equal(2, weights.Sum(), 1e-14);
        for (var k = 0; k < 32; k++)
        {
            var sum = abscissas.Zip(weights, (x, w) => w * Math.Pow(x, k)).Sum();
            Assert.Equal(k % 2 == 0 ? 2d / (k + 1) : 0d, sum, 1e-14);
        }
    }

    // Scales log-uniform over 1e-4..1e6 (so α ≫ β and β ≫ α by up to ten decades), p = r + x in 0.07..35,
    // q = s + 1 in 1.002..55, intervals inside [0, 60].
    private static readonly Arbitrary<(double P, double Q, double Alpha, double Beta, double From, double To)> Cases = Arb.From(
        from p in Gen.Choose(-130, 178)
        from q in Gen.Choose(-300, 200)
        from alpha in Gen.Choose(-400, 600)
        from beta in Gen.Choose(-400, 600)
        from first in Gen.Choose(0, 6000)
        from second in Gen.Choose(0, 6000)
        where first != second
        select (Math.Exp(p / 50d), 1 + Math.Exp(q / 50d), Math.Pow(10, alpha / 100d), Math.Pow(10, beta / 100d),
            Math.Min(first, second) / 100d, Math.Max(first, second) / 100d));

    [Property(MaxTest = 300)]
    public Property Evaluate_Derivatives_MatchCentralDifferences() =>
        Prop.ForAll(Cases, c =>
        {
            var (p, q, alpha, beta, from, to) = c;
            var (logValue, alphaGrowthMean, inverseAlphaMean, betaGrowthMean, inverseBetaMean) = ParetoNbdIntegral.Evaluate(p, q, alpha, beta, from, to);
            double At(double p2, double q2, double alpha2, double beta2) => ParetoNbdIntegral.Evaluate(p2, q2, alpha2, beta2, from, to).LogValue;
            double Difference(Func<double, double> f, double x)
            {
                var h = 1e-5 * x;
                return (f(x + h) - f(x - h)) / (2 * h);
            }

            // For ln(α^p β^q D): ∂/∂p = −E ln(1 + τ/α), ∂/∂α = p/α − p E 1/(α+τ), and the same for q and β.
            var expected = new[] { -alphaGrowthMean, p / alpha - p * inverseAlphaMean, -betaGrowthMean, q / beta - q * inverseBetaMean };
            var numeric = new[]
            {
                Difference(v => At(v, q, alpha, beta), p), Difference(v => At(p, q, v, beta), alpha),
                Difference(v => At(p, v, alpha, beta), q), Difference(v => At(p, q, alpha, v), beta),
            };
            var scales = new[] { p, alpha, q, beta };
            return double.IsFinite(logValue) && expected.Zip(numeric, scales).All(e =>
                Math.Abs(e.First - e.Second) <= 1e-6 * Math.Abs(e.Second) + 1e-8 * (1 + Math.Abs(logValue)) / (1e-5 * e.Third));
        });

    [Property(MaxTest = 300)]
    public Property Evaluate_IsAdditiveOverIntervals() =>
        Prop.ForAll(Cases, c =>
        {
            // D over [t₀, t₁] is D over [t₀, m] plus D over [m, t₁]: the pieces are cut and truncated differently.
            var (p, q, alpha, beta, from, to) = c;
            var middle = (from + to) / 2;
            var whole = ParetoNbdIntegral.Evaluate(p, q, alpha, beta, from, to).LogValue;
            var left = ParetoNbdIntegral.Evaluate(p, q, alpha, beta, from, middle).LogValue;
            var right = ParetoNbdIntegral.Evaluate(p, q, alpha, beta, middle, to).LogValue;
            var sum = Math.Max(left, right) + Math.Log(1 + Math.Exp(Math.Min(left, right) - Math.Max(left, right)));
            return Math.Abs(whole - sum) <= 1e-12 * Math.Max(1, Math.Abs(whole));
        });
}
