using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The Pareto/NBD log-likelihood in Fader &amp; Hardie's stable form with analytic gradients in (r, α, s, β):
/// LL = Σ w [C(x) + ln(e^A + e^D)], C(x) = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β, A = −(r+x) ln(α+T) − s ln(β+T),
/// D = ln s − ln(r+s+x) + ln(G(t_x) − G(T)), G(t) = ₂F₁(r+s+x, b; r+s+x+1; |α−β|/(L+t)) / (L+t)^(r+s+x) with
/// L = max(α, β) and b = s + 1 when α ≥ β, r + x otherwise.
/// </summary>
/// <remarks>ln G and its derivatives (the ₂F₁ series differentiated term by term alongside its value) are computed
/// once per distinct (x, t) pair of the data per evaluation: customers without repeat purchases share a handful of
/// pairs, and large logs far fewer pairs than customers. The series needs about 1 / (1 − z) terms, and 1 − z =
/// (min(α, β) + t) / (max(α, β) + t) is tiny when one of α, β is far above the other (the fit runs along s, β → ∞ on
/// data without dropout heterogeneity); where it would be long, the customer's dead term s (G(t_x) − G(T)) / (r+s+x)
/// = s ∫ (α+τ)^(−r−x) (β+τ)^(−s−1) dτ over [t_x, T] is integrated by <see cref="ParetoNbdIntegral"/> instead.</remarks>
internal sealed class ParetoNbdLikelihood : GradientLikelihood
{
    /// <summary>
    /// The most terms the ₂F₁ series of a pair may be expected to need; a customer whose recency pair would need more
    /// gets the dead term from the quadrature of <see cref="ParetoNbdIntegral"/> instead, which costs about that much.
    /// </summary>
    private const double SeriesBudget = 400;

    private readonly Patterns patterns;
    private readonly double[] frequencyWeight;
    private readonly int[] recencyPair;
    private readonly int[] agePair;
    private readonly double[] pairX;
    private readonly double[] pairTime;
    private readonly double[] pairLog;
    private readonly double[] pairDerivatives;
    private readonly double[] logAlphaAge;
    private readonly double[] logBetaAge;
    private readonly double[] inverseAlphaAge;
    private readonly double[] inverseBetaAge;
    private readonly double[] alphaGrowth;
    private readonly double[] betaGrowth;
    private readonly RangeTerm term;

    private double r;
    private double alpha;
    private double s;
    private double beta;

    public ParetoNbdLikelihood(Patterns patterns)
        : base(4, patterns.TotalWeight)
    {
        this.patterns = patterns;
        frequencyWeight = new double[patterns.Frequencies.Length];
        recencyPair = new int[patterns.Count];
        agePair = new int[patterns.Count];
        var pairs = new Dictionary<(double, double), int>();
        var xs = new List<double>();
        var times = new List<double>();
        int Pair(double x, double t)
        {
            if (!pairs.TryGetValue((x, t), out var index))
            {
                index = xs.Count;
                pairs[(x, t)] = index;
                xs.Add(x);
                times.Add(t);
            }

            return index;
        }

        for (var i = 0; i < patterns.Count; i++)
        {
            frequencyWeight[patterns.FrequencyIndex[i]] += patterns.Weight[i];
            recencyPair[i] = Pair(patterns.X[i], patterns.Recency[i]);
            agePair[i] = Pair(patterns.X[i], patterns.T[i]);
        }

        pairX = [.. xs];
        pairTime = [.. times];
        pairLog = new double[pairX.Length];
        pairDerivatives = new double[4 * pairX.Length];
        logAlphaAge = new double[patterns.Ages.Length];
        logBetaAge = new double[patterns.Ages.Length];
        inverseAlphaAge = new double[patterns.Ages.Length];
        inverseBetaAge = new double[patterns.Ages.Length];
        alphaGrowth = new double[patterns.Ages.Length];
        betaGrowth = new double[patterns.Ages.Length];
        term = Range;
    }

    public override double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        r = theta[0];
        alpha = theta[1];
        s = theta[2];
        beta = theta[3];
        gradient.Clear();
        var lnGammaR = SpecialFunctions.LogGamma(r);
        var psiR = GammaFunctions.Digamma(r);
        var lnAlpha = Math.Log(alpha);
        var lnBeta = Math.Log(beta);
        var value = 0d;
        for (var f = 0; f < frequencyWeight.Length; f++)
        {
            var x = patterns.Frequencies[f];
            var w = frequencyWeight[f];
            // r ln α + s ln β goes into the two terms below, where it cancels against ln(α+T), ln(β+T) without rounding.
            value += w * (SpecialFunctions.LogGamma(r + x) - lnGammaR);
            gradient[0] += w * (GammaFunctions.Digamma(r + x) - psiR + lnAlpha);
            gradient[1] += w * r / alpha;
            gradient[2] += w * lnBeta;
            gradient[3] += w * s / beta;
        }

        for (var i = 0; i < logAlphaAge.Length; i++)
        {
            var t = patterns.Ages[i];
            logAlphaAge[i] = Math.Log(alpha + t);
            logBetaAge[i] = Math.Log(beta + t);
            alphaGrowth[i] = ParetoNbdIntegral.LogOnePlus(t / alpha);
            betaGrowth[i] = ParetoNbdIntegral.LogOnePlus(t / beta);
            inverseAlphaAge[i] = 1 / (alpha + t);
            inverseBetaAge[i] = 1 / (beta + t);
        }

        var pairCount = pairX.Length;
        if (pairCount <= ChunkSize)
        {
            Pairs(0, pairCount);
        }
        else
        {
            Parallel.For(0, (pairCount + ChunkSize - 1) / ChunkSize, c => Pairs(c * ChunkSize, Math.Min(pairCount, (c + 1) * ChunkSize)));
        }

        return value + SumRanges(patterns.Count, term, gradient);
    }

    /// <summary>
    /// Whether ₂F₁(r+s+x, b; r+s+x+1; z) at z = |α−β| / (max(α, β) + t) is taken from its series: the terms grow while
    /// n &lt; (b z − 1) / (1 − z) and then fall like zⁿ, so about (b z + 40) / (1 − z) of them are needed, with
    /// 1 − z = (min(α, β) + t) / (max(α, β) + t). The estimate grows with t falling, so a customer whose recency pair
    /// passes also has its age pair computed.
    /// </summary>
    private bool SeriesIsShort(double x, double t)
    {
        var larger = Math.Max(alpha, beta);
        var smaller = Math.Min(alpha, beta);
        var b = alpha >= beta ? s + 1 : r + x;
        return b * (larger - smaller) + 40 * (larger + t) <= SeriesBudget * (smaller + t);
    }

    /// <summary>ln G(x, t) and ∂ ln G / ∂(r, α, s, β) for a range of pairs.</summary>
    private void Pairs(int start, int end)
    {
        var alphaLarger = alpha >= beta;
        var larger = alphaLarger ? alpha : beta;
        var gap = Math.Abs(alpha - beta);
        for (var i = start; i < end; i++)
        {
            var x = pairX[i];
            var t = pairTime[i];
            var a = r + s + x;
            var shifted = larger + t;
            if (!SeriesIsShort(x, t))
            {
                // Only customers whose dead term is integrated use this pair (see Range): the series would be long.
                continue;
            }

            var (logF, fa, fb, fz) = Hypergeometric.LogSeriesWithDerivatives(a, alphaLarger ? s + 1 : r + x, gap / shifted);
            var logShifted = Math.Log(shifted);
            // ln G − a ln(L+t) plus r ln α + s ln β, grouped so that no two large terms cancel (s and β run to 10⁶ and
            // beyond on data without dropout heterogeneity, where s ln β alone is 10⁷ and its rounding 10⁻⁹).
            pairLog[i] = logF - x * logShifted + (alphaLarger
                ? -r * ParetoNbdIntegral.LogOnePlus(t / alpha) + s * Math.Log(beta / shifted)
                : r * Math.Log(alpha / shifted) - s * ParetoNbdIntegral.LogOnePlus(t / beta));
            var d = pairDerivatives.AsSpan(4 * i, 4);
            var common = fa - logShifted;
            if (alphaLarger)
            {
                d[0] = common;
                d[2] = common + fb;
                d[1] = fz * (beta + t) / (shifted * shifted) - a / shifted;
                d[3] = -fz / shifted;
            }
            else
            {
                d[0] = common + fb;
                d[2] = common;
                d[3] = fz * (alpha + t) / (shifted * shifted) - a / shifted;
                d[1] = -fz / shifted;
            }
        }
    }

    private double Range(int start, int end, double[] gradient)
    {
        var xs = patterns.X;
        var weight = patterns.Weight;
        var ageIndex = patterns.AgeIndex;
        var lnS = Math.Log(s);
        var lnAlpha = Math.Log(alpha);
        var lnBeta = Math.Log(beta);
        double value = 0, dr = 0, dAlpha = 0, dS = 0, dBeta = 0;
        for (var i = start; i < end; i++)
        {
            var x = xs[i];
            var w = weight[i];
            var k = ageIndex[i];
            var rx = r + x;
            // ln of α^r β^s / ((α+T)^(r+x) (β+T)^s): the constant r ln α + s ln β is added to both terms here.
            var alive = -r * alphaGrowth[k] - x * logAlphaAge[k] - s * betaGrowth[k];
            var first = recencyPair[i];
            var second = agePair[i];
            if (first != second && !SeriesIsShort(x, patterns.Recency[i]))
            {
                // One of α, β far above the other: the ₂F₁ series would need about 1 / (1 − z) terms, so the dead term
                // s ∫ (α+τ)^(−r−x) (β+τ)^(−s−1) dτ over [t_x, T] is integrated instead (no subtraction either).
                // α^r β^s D = α^(−x) β^(−1) · α^(r+x) β^(s+1) D, the last factor the scaled integral.
                var (logIntegral, alphaGrowthMean, inverseAlphaMean, betaGrowthMean, inverseBetaMean) =
                    ParetoNbdIntegral.Evaluate(rx, s + 1, alpha, beta, patterns.Recency[i], patterns.T[i]);
                var (logSum, deadShare) = LogAddExpWithShare(alive, lnS - x * lnAlpha - lnBeta + logIntegral);
                var liveShare = 1 - deadShare;
                value += w * logSum;
                dr += w * (-liveShare * logAlphaAge[k] - deadShare * (lnAlpha + alphaGrowthMean));
                dAlpha += w * (-liveShare * rx * inverseAlphaAge[k] - deadShare * rx * inverseAlphaMean);
                dS += w * (-liveShare * logBetaAge[k] + deadShare * (1 / s - lnBeta - betaGrowthMean));
                dBeta += w * (-(liveShare * s * inverseBetaAge[k]) - deadShare * (s + 1) * inverseBetaMean);
                continue;
            }

            var ratio = first == second ? 1d : Math.Exp(pairLog[second] - pairLog[first]);
            if (double.IsNaN(ratio))
            {
                // A series did not converge at these parameters: the likelihood is not available here.
                return double.NaN;
            }

            if (ratio >= 1)
            {
                // t_x = T (or G(t_x) = G(T) to the last bit): the customer cannot have died between the last purchase and T.
                value += w * alive;
                dr -= w * logAlphaAge[k];
                dAlpha -= w * rx * inverseAlphaAge[k];
                dS -= w * logBetaAge[k];
                dBeta -= w * s * inverseBetaAge[k];
                continue;
            }

            var a = r + s + x;
            var dead = lnS - Math.Log(a) + pairLog[first] + Math.Log(1 - ratio);
            var (log, share) = LogAddExpWithShare(alive, dead);
            var aliveShare = 1 - share;
            value += w * log;
            var scale = share / (1 - ratio);
            var d1 = pairDerivatives.AsSpan(4 * first, 4);
            var d2 = pairDerivatives.AsSpan(4 * second, 4);
            dr += w * (-aliveShare * logAlphaAge[k] + share * -1 / a + scale * (d1[0] - ratio * d2[0]));
            dAlpha += w * (-aliveShare * rx * inverseAlphaAge[k] + scale * (d1[1] - ratio * d2[1]));
            dS += w * (-aliveShare * logBetaAge[k] + share * (1 / s - 1 / a) + scale * (d1[2] - ratio * d2[2]));
            dBeta += w * (-aliveShare * s * inverseBetaAge[k] + scale * (d1[3] - ratio * d2[3]));
        }

        gradient[0] += dr;
        gradient[1] += dAlpha;
        gradient[2] += dS;
        gradient[3] += dBeta;
        return value;
    }
}
