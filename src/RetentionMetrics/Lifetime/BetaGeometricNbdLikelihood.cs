using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The BG/NBD log-likelihood (Fader, Hardie &amp; Lee 2005, eq. 6) and, with <c>modified</c>, the MBG/NBD one
/// (Batislam et al. 2007), with analytic gradients in (r, α, a, b):
/// LL = Σ w [C(x) + ln(e^A₃ + e^A₄)], C(x) = ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(a+b) + ln Γ(b+x+k) − ln Γ(b) − ln Γ(a+b+x+k),
/// A₃ = −(r+x) ln(α+T), A₄ = ln a − ln(b+x−1+k) − (r+x) ln(α+t_x) (BG/NBD: only when x &gt; 0), k = 1 for MBG/NBD.
/// </summary>
/// <remarks>C(x) is summed once per distinct frequency with the total weight of that frequency; the logarithms of
/// α + T and α + t_x once per distinct T and t_x; the per-pattern loop is one exponential and one logarithm.</remarks>
internal sealed class BetaGeometricNbdLikelihood : GradientLikelihood
{
    private readonly Patterns patterns;
    private readonly double shift;
    private readonly bool modified;
    private readonly double[] frequencyWeight;
    private readonly double[] logAge;
    private readonly double[] inverseAge;
    private readonly double[] logRecency;
    private readonly double[] inverseRecency;
    private readonly double[] inverseDropout;
    private readonly double[] logDropout;
    private readonly RangeTerm term;
    private double r;
    private double a;

    public BetaGeometricNbdLikelihood(Patterns patterns, bool modified)
        : base(4, patterns.TotalWeight)
    {
        this.patterns = patterns;
        this.modified = modified;
        shift = modified ? 1d : 0d;
        frequencyWeight = new double[patterns.Frequencies.Length];
        for (var i = 0; i < patterns.Count; i++)
        {
            frequencyWeight[patterns.FrequencyIndex[i]] += patterns.Weight[i];
        }

        logAge = new double[patterns.Ages.Length];
        inverseAge = new double[patterns.Ages.Length];
        logRecency = new double[patterns.Recencies.Length];
        inverseRecency = new double[patterns.Recencies.Length];
        inverseDropout = new double[patterns.Frequencies.Length];
        logDropout = new double[patterns.Frequencies.Length];
        term = Range;
    }

    public override double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        r = theta[0];
        var alpha = theta[1];
        a = theta[2];
        var b = theta[3];
        gradient.Clear();
        var frequencies = patterns.Frequencies;
        double lnGammaR = SpecialFunctions.LogGamma(r), psiR = GammaFunctions.Digamma(r);
        double lnGammaB = SpecialFunctions.LogGamma(b), psiB = GammaFunctions.Digamma(b);
        double lnGammaAB = SpecialFunctions.LogGamma(a + b), psiAB = GammaFunctions.Digamma(a + b);
        var lnAlpha = Math.Log(alpha);
        var lnA = Math.Log(a);
        var value = 0d;
        for (var f = 0; f < frequencies.Length; f++)
        {
            var x = frequencies[f];
            var w = frequencyWeight[f];
            var bx = b + x + shift;
            var abx = a + bx;
            value += w * (SpecialFunctions.LogGamma(r + x) - lnGammaR + r * lnAlpha + lnGammaAB
                + SpecialFunctions.LogGamma(bx) - lnGammaB - SpecialFunctions.LogGamma(abx));
            var psiABX = GammaFunctions.Digamma(abx);
            gradient[0] += w * (GammaFunctions.Digamma(r + x) - psiR + lnAlpha);
            gradient[1] += w * r / alpha;
            gradient[2] += w * (psiAB - psiABX);
            gradient[3] += w * (psiAB + GammaFunctions.Digamma(bx) - psiB - psiABX);
            var dropout = b + x - 1 + shift;
            var hasDropout = modified || x > 0;
            inverseDropout[f] = hasDropout ? 1 / dropout : 0d;
            logDropout[f] = hasDropout ? lnA - Math.Log(dropout) : double.NegativeInfinity;
        }

        for (var i = 0; i < logAge.Length; i++)
        {
            var shifted = alpha + patterns.Ages[i];
            logAge[i] = Math.Log(shifted);
            inverseAge[i] = 1 / shifted;
        }

        for (var i = 0; i < logRecency.Length; i++)
        {
            var shifted = alpha + patterns.Recencies[i];
            logRecency[i] = Math.Log(shifted);
            inverseRecency[i] = 1 / shifted;
        }

        return value + SumRanges(patterns.Count, term, gradient);
    }

    private double Range(int start, int end, double[] gradient)
    {
        var x = patterns.X;
        var weight = patterns.Weight;
        var frequencyIndex = patterns.FrequencyIndex;
        var ageIndex = patterns.AgeIndex;
        var recencyIndex = patterns.RecencyIndex;
        double value = 0, dr = 0, dAlpha = 0, dA = 0, dB = 0;
        for (var i = start; i < end; i++)
        {
            var f = frequencyIndex[i];
            var rx = r + x[i];
            var ageLog = logAge[ageIndex[i]];
            var a3 = -rx * ageLog;
            var dropout = logDropout[f];
            var w = weight[i];
            if (double.IsNegativeInfinity(dropout))
            {
                value += w * a3;
                dr -= w * ageLog;
                dAlpha -= w * rx * inverseAge[ageIndex[i]];
                continue;
            }

            var k = recencyIndex[i];
            var a4 = dropout - rx * logRecency[k];
            var (log, share) = LogAddExpWithShare(a3, a4);
            var alive = 1 - share;
            value += w * log;
            dr -= w * (alive * ageLog + share * logRecency[k]);
            dAlpha -= w * rx * (alive * inverseAge[ageIndex[i]] + share * inverseRecency[k]);
            var ws = w * share;
            dA += ws;
            dB -= ws * inverseDropout[f];
        }

        gradient[0] += dr;
        gradient[1] += dAlpha;
        gradient[2] += dA / a;
        gradient[3] += dB;
        return value;
    }
}
