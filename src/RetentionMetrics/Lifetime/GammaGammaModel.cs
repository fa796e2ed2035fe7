using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The Gamma-Gamma spend model (Colombo &amp; Jiang 1999; Fader, Hardie &amp; Lee 2005, "The Gamma-Gamma Model of Monetary
/// Value"): each transaction's value is Gamma(p, ν) and the customer's ν is Gamma(q, γ), independent of purchasing.
/// </summary>
/// <remarks>An immutable model, fitted on the repeat buyers only (frequency above 0) from (x, mean repeat value).
/// See <c>docs/clv.md</c>.</remarks>
public sealed partial class GammaGammaModel
{
    private static readonly string[] Names = ["p", "q", "gamma"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="p">Shape p of each transaction's value.</param>
    /// <param name="q">Shape q of the distribution of ν.</param>
    /// <param name="gamma">Scale γ of the distribution of ν.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public GammaGammaModel(double p, double q, double gamma)
        : this(p, q, gamma, null)
    {
    }

    private GammaGammaModel(double p, double q, double gamma, LifetimeFitDiagnostics? diagnostics)
    {
        P = LifetimeChecks.Parameter(p, nameof(p));
        Q = LifetimeChecks.Parameter(q, nameof(q));
        Gamma = LifetimeChecks.Parameter(gamma, nameof(gamma));
        Diagnostics = diagnostics;
    }

    /// <summary>The shape p of a transaction's value.</summary>
    public double P { get; }

    /// <summary>The shape q of the customers' ν.</summary>
    public double Q { get; }

    /// <summary>The scale γ of the customers' ν.</summary>
    public double Gamma { get; }

    /// <summary>The parameters by name: p, q, gamma.</summary>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["p"] = P, ["q"] = Q, ["gamma"] = Gamma };

    /// <summary>How the fit went, or null when the model was built from given parameters.</summary>
    public LifetimeFitDiagnostics? Diagnostics { get; }

    /// <summary>The mean spend per transaction across customers, pγ / (q − 1), or null when q ≤ 1 (no finite mean).</summary>
    public double? PopulationMeanSpend => Q > 1 ? P * Gamma / (Q - 1) : null;

    /// <summary>Fits the model to the repeat buyers of <paramref name="data"/> by maximum likelihood.</summary>
    /// <param name="data">Summaries with frequency and mean repeat-purchase value; rows with frequency 0 are skipped.</param>
    /// <param name="options">Optimiser settings, or null for <see cref="LifetimeFitOptions.Default"/>.</param>
    /// <returns>The fitted model with its <see cref="Diagnostics"/> (customers = repeat buyers).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="RetentionDataException">There is no repeat buyer, or a repeat buyer's monetary value is 0.</exception>
    /// <example>On the 946 CDNOW repeat buyers: p = 6.25, q = 3.74, γ = 15.44.</example>
    public static GammaGammaModel Fit(RepeatPurchaseData data, LifetimeFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var chosen = LifetimeChecks.Options(options, Names.Length);
        var patterns = RepeatBuyers(data);
        var (parameters, diagnostics) = QuasiNewton.Fit(Names, new GammaGammaLikelihood(patterns), chosen);
        return new GammaGammaModel(parameters[0], parameters[1], parameters[2], diagnostics);
    }

    /// <summary>The log-likelihood of the repeat buyers of <paramref name="data"/>.</summary>
    /// <param name="data">Summaries with frequency and mean repeat-purchase value.</param>
    /// <returns>Σ weight · ln f(z̄ | x) over customers with frequency above 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="RetentionDataException">There is no repeat buyer, or a repeat buyer's monetary value is 0.</exception>
    public double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(RepeatBuyers(data), P, Q, Gamma);
    }

    /// <summary>The expected mean transaction value of a customer, (γ + m x) p / (p x + q − 1); the population mean when x = 0.</summary>
    /// <param name="frequency">Repeat purchases x.</param>
    /// <param name="monetaryValue">Mean repeat-purchase value m (ignored when x = 0).</param>
    /// <returns>E[Z | x, m], or for x = 0 the population mean pγ / (q − 1) (when q ≤ 1 it has no mean: then <paramref name="monetaryValue"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative or not finite.</exception>
    /// <example>With p = 6.25, q = 3.74, γ = 15.44, x = 2, m = 22.35: (15.44 + 44.70) · 6.25 / (12.5 + 2.74) = 24.66.</example>
    public double ExpectedSpend(double frequency, double monetaryValue)
    {
        if (!double.IsFinite(frequency) || frequency < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Expected a finite frequency, 0 or more.");
        }

        if (!double.IsFinite(monetaryValue) || monetaryValue < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue, "Expected a finite monetary value, 0 or more.");
        }

        if (frequency == 0)
        {
            return PopulationMeanSpend ?? monetaryValue;
        }

        var denominator = P * frequency + Q - 1;
        return denominator > 0 ? (Gamma + monetaryValue * frequency) * P / denominator : monetaryValue;
    }

    internal static double LogLikelihood(Patterns patterns, double p, double q, double gamma)
    {
        var lnGammaQ = SpecialFunctions.LogGamma(q);
        var lnGamma = Math.Log(gamma);
        // The terms that depend on x only, once per distinct frequency.
        var constant = new double[patterns.Frequencies.Length];
        for (var f = 0; f < constant.Length; f++)
        {
            var x = patterns.Frequencies[f];
            constant[f] = SpecialFunctions.LogGamma(p * x + q) - SpecialFunctions.LogGamma(p * x) - lnGammaQ + q * lnGamma + p * x * Math.Log(x);
        }

        return patterns.WeightedSum(i =>
        {
            var x = patterns.X[i];
            var m = patterns.Monetary[i];
            var px = p * x;
            return constant[patterns.FrequencyIndex[i]] + (px - 1) * Math.Log(m) - (px + q) * Math.Log(gamma + m * x);
        });
    }

    private static Patterns RepeatBuyers(RepeatPurchaseData data)
    {
        var span = data.AsSpan();
        var any = false;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i].Frequency > 0)
            {
                any = true;
                if (span[i].MonetaryValue <= 0)
                {
                    throw new RetentionDataException(LifetimeErrorMessages.MonetaryValueNotPositive, span[i].CustomerId, i);
                }
            }
        }

        if (!any)
        {
            throw new RetentionDataException(LifetimeErrorMessages.NoRepeatBuyers);
        }

        return Patterns.From(data, keepMonetary: true, row => row.Frequency > 0);
    }
}
