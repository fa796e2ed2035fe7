namespace RetentionMetrics.Lifetime;

/// <summary>The Gauss hypergeometric function ₂F₁ and log-space helpers the models share.</summary>
internal static class Hypergeometric
{
    private const int MaximumTerms = 10_000_000;

    /// <summary>
    /// ₂F₁(a, b; c; z) = Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ for a, b &gt; 0, c not 0 or a negative integer, and 0 ≤ z &lt; 1,
    /// by its power series alone (see <see cref="PowerSeries"/>). Returns NaN outside that domain or when the series
    /// has not converged in 10⁷ terms.
    /// </summary>
    public static double Series(double a, double b, double c, double z) =>
        z == 0 ? 1d : !(z > 0 && z < 1) || !(a > 0) || !(b > 0) ? double.NaN : PowerSeries(a, b, c, z);

    /// <summary>
    /// ₂F₁(a, b; c; z) for real a, b, c (c not 0 or a negative integer) and z &lt; 1, with the standard linear
    /// transformations so the power series only ever runs at a small argument: for z &lt; 0 Pfaff's
    /// ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z / (z − 1)) (DLMF 15.8.1), and for z above 0.9 the connection
    /// formula to 1 − z (Abramowitz &amp; Stegun 15.3.6), with c − a − b near an integer handled as the mean of c ± 10⁻⁵ (the function is analytic in c; the two
    /// terms grow like 10⁵ and cancel, so this case is accurate to about 10⁻⁷ relative, the others to about 10⁻¹²). Returns NaN when z ≥ 1 or a series did not converge.
    /// </summary>
    /// <param name="a">First upper parameter.</param>
    /// <param name="b">Second upper parameter.</param>
    /// <param name="c">Lower parameter.</param>
    /// <param name="z">The argument, below 1.</param>
    /// <param name="complement">1 − z when the caller has it more precisely than the subtraction (as (α + T)/(α + T + t)); NaN to compute it.</param>
    public static double Value(double a, double b, double c, double z, double complement = double.NaN)
    {
        if (z == 0)
        {
            return 1d;
        }

        if (!(z < 1) || double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(c) || (c <= 0 && c == Math.Floor(c)))
        {
            return double.NaN;
        }

        var oneMinusZ = double.IsNaN(complement) ? 1 - z : complement;
        if (z < 0)
        {
            // Pfaff: w = z/(z − 1) lies in (0, 1), and 1 − w = 1/(1 − z).
            var w = z / (z - 1);
            var inner = Value(a, c - b, c, w, 1 / oneMinusZ);
            return Math.Exp(-a * Math.Log(oneMinusZ)) * inner;
        }

        if (z <= DirectSeriesLimit)
        {
            return PowerSeries(a, b, c, z);
        }

        var m = c - a - b;
        if (Math.Abs(m - Math.Round(m)) < 1e-7)
        {
            return (Connection(a, b, c - IntegerShift, z, oneMinusZ) + Connection(a, b, c + IntegerShift, z, oneMinusZ)) / 2;
        }

        return Connection(a, b, c, z, oneMinusZ);
    }

    /// <summary>The largest argument the plain power series is used for by <see cref="Value"/>.</summary>
    internal const double DirectSeriesLimit = 0.9;

    private const double IntegerShift = 1e-5;

    /// <summary>
    /// A&amp;S 15.3.6: ₂F₁(a, b; c; z) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) ₂F₁(a, b; a+b−c+1; 1−z)
    /// + (1−z)^(c−a−b) Γ(c)Γ(a+b−c)/(Γ(a)Γ(b)) ₂F₁(c−a, c−b; c−a−b+1; 1−z), for c − a − b not an integer.
    /// </summary>
    private static double Connection(double a, double b, double c, double z, double oneMinusZ)
    {
        var m = c - a - b;
        var (signC, logC) = GammaFunctions.ReciprocalGamma(c);
        var (signM, logM) = GammaFunctions.ReciprocalGamma(m);
        var (signMinusM, logMinusM) = GammaFunctions.ReciprocalGamma(-m);
        var (signCA, logCA) = GammaFunctions.ReciprocalGamma(c - a);
        var (signCB, logCB) = GammaFunctions.ReciprocalGamma(c - b);
        var (signA, logA) = GammaFunctions.ReciprocalGamma(a);
        var (signB, logB) = GammaFunctions.ReciprocalGamma(b);

        // Γ(c) = 1 / (1/Γ(c)): the signs of the reciprocals are the signs of the gammas.
        var first = 0d;
        if (signCA != 0 && signCB != 0)
        {
            var series = PowerSeries(a, b, 1 - m, oneMinusZ);
            first = signC * signM * signCA * signCB * Math.Exp(-logC - logM + logCA + logCB) * series;
        }
        else
        {
            first = 0d;
        }

        var second = 0d;
        if (signA != 0 && signB != 0)
        {
            var series = PowerSeries(c - a, c - b, m + 1, oneMinusZ);
            second = signC * signMinusM * signA * signB * Math.Exp(-logC - logMinusM + logA + logB + m * Math.Log(oneMinusZ)) * series;
        }

        var value = first + second;
        return double.IsFinite(value) ? value : double.NaN;
    }

    /// <summary>
    /// The power series of ₂F₁(a, b; c; z) for real a, b, c (c not 0 or a negative integer) and |z| &lt; 1. It stops
    /// when a term is 0 (a or b a non-positive integer: a polynomial), or once every factor has settled
    /// (n beyond |a| + |b| + |c| + 2) and the tail, bounded by a geometric series in q = max(|term ratio|, |z|), is
    /// below 10⁻¹⁷ of the sum. NaN when it has not converged in 10⁷ terms.
    /// </summary>
    public static double PowerSeries(double a, double b, double c, double z)
    {
        if (z == 0)
        {
            return 1d;
        }

        if (!(Math.Abs(z) < 1) || double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(c) || (c <= 0 && c == Math.Floor(c)))
        {
            return double.NaN;
        }

        var settled = Math.Abs(a) + Math.Abs(b) + Math.Abs(c) + 2;
        var term = 1d;
        var sum = 1d;
        for (var n = 0; n < MaximumTerms; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1d)) * z;
            term *= ratio;
            sum += term;
            if (term == 0)
            {
                return sum;
            }

            if (!double.IsFinite(sum))
            {
                return double.NaN;
            }

            if (n > settled)
            {
                var q = Math.Max(Math.Abs(ratio), Math.Abs(z));
                if (q < 1 && Math.Abs(term) * q / (1 - q) <= 1e-17 * Math.Abs(sum))
                {
                    return sum;
                }
            }
        }

        return double.NaN;
    }

    /// <summary>
    /// ln F and its partial derivatives for F = ₂F₁(a, b; a + 1; z), the form in the Pareto/NBD likelihood, with
    /// a, b &gt; 0 and 0 ≤ z &lt; 1. Differentiated term by term: with pₙ = (b)ₙ zⁿ / n! the series is
    /// F = Σ a/(a+n) pₙ, so ∂F/∂a = Σ n/(a+n)² pₙ, ∂F/∂b = Σ a/(a+n) pₙ Σₖ₍ₖ₌₀..ₙ₋₁₎ 1/(b+k) and
    /// ∂F/∂z = Σ a/(a+n) n pₙ / z. NaN (in every field) when the series did not converge in 10⁶ terms.
    /// </summary>
    public static (double LogValue, double DerivativeA, double DerivativeB, double DerivativeZ) LogSeriesWithDerivatives(double a, double b, double z)
    {
        if (z == 0)
        {
            // F = 1, ∂F/∂a = ∂F/∂b = 0 and ∂F/∂z = a b / (a + 1), the n = 1 coefficient.
            return (0d, 0d, 0d, a * b / (a + 1));
        }

        if (!(z > 0 && z < 1) || !(a > 0) || !(b > 0))
        {
            return (double.NaN, double.NaN, double.NaN, double.NaN);
        }

        // p carries (b)ₙ zⁿ / n!; pz carries n pₙ / z = (b)ₙ zⁿ⁻¹ / (n − 1)!, so ∂F/∂z needs no division by z.
        double p = 1, pz = 0, harmonic = 0;
        double value = 1, da = 0, db = 0, dz = 0;
        for (var n = 1; n < MaximumDerivativeTerms; n++)
        {
            var previous = b + n - 1;
            harmonic += 1 / previous;
            pz = n == 1 ? b : pz * previous * z / (n - 1);
            p *= previous * z / n;
            var weight = a / (a + n);
            var termValue = weight * p;
            value += termValue;
            da += n / ((a + n) * (a + n)) * p;
            db += termValue * harmonic;
            dz += weight * pz;
            var ratio = (b + n) * z / (n + 1);
            if (n + 1 > b)
            {
                var q = Math.Max(ratio, z);
                if (q < 1 && p * (n + 2) * (1 + harmonic) * q / ((1 - q) * (1 - q)) <= 1e-16 * value)
                {
                    return (Math.Log(value), da / value, db / value, dz / value);
                }
            }
        }

        return (double.NaN, double.NaN, double.NaN, double.NaN);
    }

    private const int MaximumDerivativeTerms = 1_000_000;

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
