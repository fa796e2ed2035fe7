namespace RetentionMetrics.Lifetime;

/// <summary>
/// The Pareto/NBD "dropped out between t_x and T" integral D = ∫ from t_x to T of (α+τ)^(−p) (β+τ)^(−q) dτ, with
/// p = r + x and q = s + 1, and its logarithmic derivatives, by Gauss–Legendre quadrature in v = ln(1 + τ/min(α, β)).
/// </summary>
/// <remarks>
/// <para>The likelihood's dead term is s · D. Written with the Gauss hypergeometric function it is the difference of
/// two ₂F₁(r+s+x, ·; r+s+x+1; z) terms with z = |α−β| / (max(α, β) + t); its power series needs about 1 / (1 − z)
/// terms, which is unbounded when one of α, β is far larger than the other (1 − z = (min + t) / (max + t)). This form
/// costs the same at every z and needs no subtraction.</para>
/// <para>With m = min(α, β), L = max(α, β), P the exponent of the factor with offset m and Q that of the other, the
/// scaled integrand in v is e^h(v) with h(v) = ln m + (1 − P) v − Q ln(1 + m (e^v − 1)/L). h is concave
/// (h″ = −Q σ (1 − σ) ≤ 0 with σ = (m+τ)/(L+τ)) and h′ = 1 − P − Q σ decreases, so |h′| on an interval is largest at
/// an end. The interval is cut so
/// that each piece is at most <see cref="MaximumWidth"/> wide and |h′| times its width is at most
/// <see cref="MaximumDrop"/>, and each piece gets <see cref="Nodes"/> Gauss–Legendre nodes; the integrand is
/// analytic within π of the real axis, so the rule is accurate to about 1e-15 relative. Once the integrand has fallen
/// so far that a bound on the rest (e^h(v) / |h′(v)|, by concavity) is below 1e-17 of the sum, the rest is dropped.</para>
/// </remarks>
internal static class ParetoNbdIntegral
{
    private const int Nodes = 16;
    private const double MaximumWidth = 1d;
    private const double MaximumDrop = 4d;
    private const double NegligibleTail = 1e-17;

    private static readonly double[] Abscissas;
    private static readonly double[] Weights;

    static ParetoNbdIntegral() => (Abscissas, Weights) = GaussLegendre(Nodes);

    /// <summary>
    /// ln(α^p β^q D) = ln ∫ (1 + τ/α)^(−p) (1 + τ/β)^(−q) dτ over [<paramref name="from"/>, <paramref name="to"/>] (the
    /// scaling keeps large p, q, α, β from cancelling), and, under the density proportional to the integrand, the means of
    /// ln(1 + τ/α), 1/(α+τ), ln(1 + τ/β) and 1/(β+τ). So ∂ ln D/∂p = −ln α − E ln(1 + τ/α), ∂ ln D/∂α = −p E 1/(α+τ), and
    /// likewise for q and β. −∞ (and zero means) when the interval is empty.
    /// </summary>
    public static (double LogValue, double AlphaGrowthMean, double InverseAlphaMean, double BetaGrowthMean, double InverseBetaMean) Evaluate(
        double p, double q, double alpha, double beta, double from, double to)
    {
        // With m = min(α, β) and L = max(α, β) the variable is v = ln(1 + τ/m), dτ = m e^v dv, and the integrand is
        // e^h(v), h(v) = ln m + (1 − P) v − Q ln(1 + m (e^v − 1)/L), P and Q the powers of the factors with offsets m and L.
        var alphaSmaller = alpha <= beta;
        var small = alphaSmaller ? alpha : beta;
        var large = alphaSmaller ? beta : alpha;
        var smallPower = alphaSmaller ? p : q;
        var largePower = alphaSmaller ? q : p;
        var start = LogOnePlus(from / small);
        var end = LogOnePlus(to / small);
        if (!(end > start))
        {
            return (double.NegativeInfinity, 0d, 0d, 0d, 0d);
        }

        var linear = 1 - smallPower;
        var logSmall = Math.Log(small);
        double LargeGrowth(double v) => LogOnePlus(small * (Math.Exp(v) - 1) / large);
        double H(double v) => logSmall + linear * v - largePower * LargeGrowth(v);
        double Slope(double v)
        {
            // 1 − P − Q (m+τ)/(L+τ), with m + τ = m e^v.
            var e = small * Math.Exp(v);
            return linear - largePower * (e / (large - small + e));
        }

        // The largest h on [start, end], as the scale of the sum: at h′ = 0 ((m+τ)/(L+τ) = σ = (1 − P)/Q) if that lies
        // inside, else at an end.
        var top = Math.Max(H(start), H(end));
        var share = linear / largePower;
        if (share > 0 && share < 1 && large > small)
        {
            var peak = Math.Log((large - small) * share / (1 - share) / small);
            if (peak > start && peak < end)
            {
                top = Math.Max(top, H(peak));
            }
        }

        double sum = 0, smallGrowth = 0, smallInverse = 0, largeGrowth = 0, largeInverse = 0;
        var left = start;
        var leftSlope = Math.Abs(Slope(left));
        while (left < end)
        {
            var width = Math.Min(Math.Min(MaximumWidth, end - left), MaximumDrop / leftSlope);
            var rightSlope = Math.Abs(Slope(left + width));
            if (rightSlope * width > MaximumDrop)
            {
                width = MaximumDrop / rightSlope;
                rightSlope = Math.Abs(Slope(left + width));
            }

            var right = left + width >= end ? end : left + width;
            var half = (right - left) / 2;
            var middle = left + half;
            for (var k = 0; k < Nodes; k++)
            {
                var v = middle + half * Abscissas[k];
                var shifted = small * Math.Exp(v);
                var tau = shifted - small;
                var growth = LogOnePlus(tau / large);
                var term = Weights[k] * half * Math.Exp(logSmall + linear * v - largePower * growth - top);
                sum += term;
                smallGrowth += term * v;
                smallInverse += term / shifted;
                largeGrowth += term * growth;
                largeInverse += term / (large + tau);
            }

            left = right;
            leftSlope = rightSlope;
            var slope = Slope(left);
            if (slope < 0 && left < end && Math.Exp(H(left) - top) / -slope <= NegligibleTail * sum)
            {
                break;
            }
        }

        var logValue = top + Math.Log(sum);
        return alphaSmaller
            ? (logValue, smallGrowth / sum, smallInverse / sum, largeGrowth / sum, largeInverse / sum)
            : (logValue, largeGrowth / sum, largeInverse / sum, smallGrowth / sum, smallInverse / sum);
    }

    /// <summary>ln(1 + y) to full relative precision for small y (Goldberg's correction of the rounded 1 + y).</summary>
    public static double LogOnePlus(double y)
    {
        var u = 1 + y;
        return u == 1 ? y : Math.Log(u) * (y / (u - 1));
    }

    /// <summary>The n-point Gauss–Legendre rule on [−1, 1]: the roots of Pₙ by Newton's method from Tricomi's guess, and their weights.</summary>
    internal static (double[] Abscissas, double[] Weights) GaussLegendre(int n)
    {
        var abscissas = new double[n];
        var weights = new double[n];
        for (var i = 0; i < (n + 1) / 2; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            var derivative = 0d;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                // Pₙ(x) by the three-term recurrence, then Pₙ′(x) = n (x Pₙ − Pₙ₋₁) / (x² − 1).
                double previous = 1, current = x;
                for (var j = 2; j <= n; j++)
                {
                    var next = ((2 * j - 1) * x * current - (j - 1) * previous) / j;
                    previous = current;
                    current = next;
                }

                derivative = n * (x * current - previous) / (x * x - 1);
                var step = current / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-16)
                {
                    break;
                }
            }

            abscissas[i] = -x;
            abscissas[n - 1 - i] = x;
            weights[i] = weights[n - 1 - i] = 2 / ((1 - x * x) * derivative * derivative);
        }

        return (abscissas, weights);
    }
}
