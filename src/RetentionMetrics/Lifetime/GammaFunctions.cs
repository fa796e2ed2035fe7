using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>The digamma function and a sign-aware gamma the lifetime likelihoods and ₂F₁ transformations need.</summary>
internal static class GammaFunctions
{
    /// <summary>ψ(x) = d ln Γ(x) / dx for x &gt; 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the asymptotic series.</summary>
    public static double Digamma(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            return double.IsPositiveInfinity(x) ? x : double.NaN;
        }

        var result = 0d;
        while (x < 6)
        {
            result -= 1 / x;
            x += 1;
        }

        // ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ) (Abramowitz & Stegun 6.3.18).
        var inverse = 1 / x;
        var square = inverse * inverse;
        var series = square * (1d / 12 - square * (1d / 120 - square * (1d / 252 - square * (1d / 240 - square * (1d / 132)))));
        return result + Math.Log(x) - 0.5 * inverse - series;
    }

    /// <summary>
    /// 1 / Γ(x) as a sign and ln |1/Γ(x)| for any real x: 0 (sign 0) at the poles 0, −1, −2, …; the reflection
    /// Γ(x) Γ(1 − x) = π / sin(πx) below 1/2.
    /// </summary>
    public static (double Sign, double LogMagnitude) ReciprocalGamma(double x)
    {
        if (x > 0.5)
        {
            return (1d, -SpecialFunctions.LogGamma(x));
        }

        if (x == Math.Floor(x))
        {
            return (0d, double.NegativeInfinity);
        }

        // 1/Γ(x) = sin(πx) Γ(1 − x) / π.
        var sine = SinPi(x);
        return (Math.Sign(sine), Math.Log(Math.Abs(sine)) + SpecialFunctions.LogGamma(1 - x) - Math.Log(Math.PI));
    }

    /// <summary>sin(πx) with the argument reduced first, so it is exact at integers and accurate for large |x|.</summary>
    private static double SinPi(double x)
    {
        var reduced = x - 2 * Math.Floor(x / 2);
        return reduced <= 1 ? Math.Sin(Math.PI * reduced) : -Math.Sin(Math.PI * (reduced - 1));
    }
}
