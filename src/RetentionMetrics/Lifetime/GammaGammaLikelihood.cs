using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The Gamma-Gamma log-likelihood of the repeat buyers with analytic gradients in (p, q, γ):
/// LL = Σ w [ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + px ln x + (px − 1) ln m − (px + q) ln(γ + m x)].
/// </summary>
/// <remarks>Everything that does not depend on the parameters is summed once per fit: per distinct x the weight,
/// Σ w ln m and x ln x; the per-pattern loop is one logarithm and one division.</remarks>
internal sealed class GammaGammaLikelihood : GradientLikelihood
{
    private readonly Patterns patterns;
    private readonly double[] frequencyWeight;
    private readonly double[] frequencyLogMonetary;
    private readonly double[] monetaryTimesX;
    private readonly RangeTerm term;
    private double p;
    private double q;
    private double gamma;

    public GammaGammaLikelihood(Patterns patterns)
        : base(3, patterns.TotalWeight)
    {
        this.patterns = patterns;
        frequencyWeight = new double[patterns.Frequencies.Length];
        frequencyLogMonetary = new double[patterns.Frequencies.Length];
        monetaryTimesX = new double[patterns.Count];
        for (var i = 0; i < patterns.Count; i++)
        {
            var f = patterns.FrequencyIndex[i];
            frequencyWeight[f] += patterns.Weight[i];
            frequencyLogMonetary[f] += patterns.Weight[i] * Math.Log(patterns.Monetary[i]);
            monetaryTimesX[i] = patterns.Monetary[i] * patterns.X[i];
        }

        term = Range;
    }

    public override double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        p = theta[0];
        q = theta[1];
        gamma = theta[2];
        gradient.Clear();
        var lnGammaQ = SpecialFunctions.LogGamma(q);
        var psiQ = GammaFunctions.Digamma(q);
        var lnGamma = Math.Log(gamma);
        var value = 0d;
        for (var f = 0; f < frequencyWeight.Length; f++)
        {
            var x = patterns.Frequencies[f];
            var w = frequencyWeight[f];
            var px = p * x;
            var lnX = Math.Log(x);
            var psiPXQ = GammaFunctions.Digamma(px + q);
            value += w * (SpecialFunctions.LogGamma(px + q) - SpecialFunctions.LogGamma(px) - lnGammaQ + q * lnGamma + px * lnX)
                + (px - 1) * frequencyLogMonetary[f];
            gradient[0] += w * x * (psiPXQ - GammaFunctions.Digamma(px) + lnX) + x * frequencyLogMonetary[f];
            gradient[1] += w * (psiPXQ - psiQ + lnGamma);
            gradient[2] += w * q / gamma;
        }

        return value + SumRanges(patterns.Count, term, gradient);
    }

    // −Σ w (px + q) ln(γ + m x) and its derivatives, from four sums.
    private double Range(int start, int end, double[] gradient)
    {
        var x = patterns.X;
        var weight = patterns.Weight;
        double sumLog = 0, sumXLog = 0, sumInverse = 0, sumXInverse = 0;
        for (var i = start; i < end; i++)
        {
            var shifted = gamma + monetaryTimesX[i];
            var w = weight[i];
            var log = w * Math.Log(shifted);
            var inverse = w / shifted;
            sumLog += log;
            sumXLog += x[i] * log;
            sumInverse += inverse;
            sumXInverse += x[i] * inverse;
        }

        gradient[0] -= sumXLog;
        gradient[1] -= sumLog;
        gradient[2] -= p * sumXInverse + q * sumInverse;
        return -(p * sumXLog + q * sumLog);
    }
}
