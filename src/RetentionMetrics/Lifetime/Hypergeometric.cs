namespace RetentionMetrics.Lifetime;

/// <summary>The Gauss hypergeometric function ₂F₁ and log-space helpers the models share.</summary>
internal static class Hypergeometric
{
    private const int MaximumTerms = 10_000_000;

    /// <summary>
    /// ₂F₁(a, b; c; z) = Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ for a, b &gt; 0, c not 0 or a negative integer, and 0 ≤ z &lt; 1,
    /// by its power series. Once c + n &gt; 0 every further term has one sign, so the sum stops when the remaining tail,
    /// bounded by a geometric series in the current term ratio, is below 1e-17 of the sum. Returns NaN when the series
    /// has not converged in 10⁷ terms or the arguments are outside that domain.
    /// </summary>
    public static double Series(double a, double b, double c, double z)
    {
        if (z == 0)
        {
            return 1d;
        }

        if (!(z > 0 && z < 1) || !(a > 0) || !(b > 0) || double.IsNaN(c) || (c <= 0 && c == Math.Floor(c)))
        {
            return double.NaN;
        }

        var term = 1d;
        var sum = 1d;
        for (var n = 0; n < MaximumTerms; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1d)) * z;
            term *= ratio;
            sum += term;
            if (!double.IsFinite(sum))
            {
                return double.NaN;
            }

            // Once the ratio is below 1 and the factor (a+n)(b+n)/((c+n)(n+1)) is falling toward 1, the tail after
            // this term is at most term · q / (1 − q) with q = max(ratio, z).
            if (ratio > 0 && ratio < 1 && c + n > 0 && n + 1 > a + b - c)
            {
                var q = Math.Max(ratio, z);
                if (Math.Abs(term) * q / (1 - q) <= 1e-17 * Math.Abs(sum))
                {
                    return sum;
                }
            }
        }

        return double.NaN;
    }

    /// <summary>ln(eˣ + eʸ) without overflow.</summary>
    public static double LogAddExp(double x, double y)
    {
        if (double.IsNegativeInfinity(x))
        {
            return y;
        }

        if (double.IsNegativeInfinity(y))
        {
            return x;
        }

        var max = Math.Max(x, y);
        return max + Math.Log(1 + Math.Exp(Math.Min(x, y) - max));
    }

    /// <summary>ln(eˣ − eʸ) for x ≥ y (−∞ when equal).</summary>
    public static double LogSubtractExp(double x, double y) =>
        y >= x ? double.NegativeInfinity : x + Math.Log(-ExpMinusOne(y - x));

    private static double ExpMinusOne(double d) => Math.Abs(d) < 1e-5 ? d + d * d / 2 + d * d * d / 6 : Math.Exp(d) - 1;
}
