namespace RetentionMetrics.Lifetime;

/// <summary>
/// The Pareto/NBD "dropped out between t_x and T" integral D = ∫ from t_x to T of (α+τ)^(−p) (β+τ)^(−q) dτ, with
/// p = r + x and q = s + 1, and its logarithmic derivatives, by Gauss–Legendre quadrature in w = ln(min(α, β) + τ).
/// </summary>
/// <remarks>
/// <para>The likelihood's dead term is s · D. Written with the Gauss hypergeometric function it is the difference of
/// two ₂F₁(r+s+x, ·; r+s+x+1; z) terms with z = |α−β| / (max(α, β) + t); its power series needs about 1 / (1 − z)
/// terms, which is unbounded when one of α, β is far larger than the other (1 − z = (min + t) / (max + t)). This form
/// costs the same at every z and needs no subtraction.</para>
/// <para>With m = min(α, β), δ = |α − β|, P the exponent of the factor with offset m and Q that of the other, the
/// integrand in w is e^h(w) with h(w) = (1 − P) w − Q ln(δ + e^w). h is concave (h″ = −Q δ e^w / (δ + e^w)² ≤ 0) and
/// h′ = 1 − P − Q e^w / (δ + e^w) decreases, so |h′| on an interval is largest at an end. The interval is cut so
/// that each piece is at most <see cref="MaximumWidth"/> wide and |h′| times its width is at most
/// <see cref="MaximumDrop"/>, and each piece gets <see cref="Nodes"/> Gauss–Legendre nodes; the integrand is
/// analytic within π of the real axis, so the rule is accurate to about 1e-15 relative. Once the integrand has fallen
/// so far that a bound on the rest (e^h(w) / |h′(w)|, by concavity) is below 1e-17 of the sum, the rest is dropped.</para>
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
    /// ln D and, under the density proportional to the integrand on [<paramref name="from"/>, <paramref name="to"/>], the
    /// means of ln(α+τ), 1/(α+τ), ln(β+τ) and 1/(β+τ): ∂ ln D/∂r = −E ln(α+τ), ∂ ln D/∂α = −p E 1/(α+τ),
    /// ∂ ln D/∂s = −E ln(β+τ) and ∂ ln D/∂β = −q E 1/(β+τ). −∞ (and zero means) when the interval is empty.
    /// </summary>
    public static (double LogValue, double LogAlphaMean, double InverseAlphaMean, double LogBetaMean, double InverseBetaMean) Evaluate(
        double p, double q, double alpha, double beta, double from, double to)
    {
        var alphaSmaller = alpha <= beta;
        var small = alphaSmaller ? alpha : beta;
        var gap = Math.Abs(alpha - beta);
        var smallPower = alphaSmaller ? p : q;
        var largePower = alphaSmaller ? q : p;
        var start = Math.Log(small + from);
        var end = Math.Log(small + to);
        if (!(end > start))
        {
            return (double.NegativeInfinity, 0d, 0d, 0d, 0d);
        }

        var linear = 1 - smallPower;
        double H(double w) => linear * w - largePower * Math.Log(gap + Math.Exp(w));
        double Slope(double w)
        {
            var e = Math.Exp(w);
            return linear - largePower * (e / (gap + e));
        }

        // The largest h on [start, end], as the scale of the sum: at h′ = 0 (e^w = δ σ / (1 − σ), σ = (1 − P) / Q) if
        // that lies inside, else at an end.
        var top = Math.Max(H(start), H(end));
        var share = linear / largePower;
        if (share > 0 && share < 1 && gap > 0)
        {
            var peak = Math.Log(gap * share / (1 - share));
            if (peak > start && peak < end)
            {
                top = Math.Max(top, H(peak));
            }
        }

        double sum = 0, smallLog = 0, smallInverse = 0, largeLog = 0, largeInverse = 0;
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
                var w = middle + half * Abscissas[k];
                var e = Math.Exp(w);
                var other = gap + e;
                var logOther = Math.Log(other);
                var term = Weights[k] * half * Math.Exp(linear * w - largePower * logOther - top);
                sum += term;
                smallLog += term * w;
                smallInverse += term / e;
                largeLog += term * logOther;
                largeInverse += term / other;
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
            ? (logValue, smallLog / sum, smallInverse / sum, largeLog / sum, largeInverse / sum)
            : (logValue, largeLog / sum, largeInverse / sum, smallLog / sum, smallInverse / sum);
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
