using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way", <i>Marketing Science</i>
/// 24(2)): while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase the
/// customer drops out with probability p ~ Beta(a, b).
/// </summary>
/// <remarks>An immutable model. Parameters compare by value through <see cref="Parameters"/>. See <c>docs/clv.md</c>.</remarks>
public sealed partial class BetaGeometricNbdModel : ITransactionModel
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="r">Shape of the purchase-rate gamma distribution.</param>
    /// <param name="alpha">Scale (rate) α of the purchase-rate gamma distribution, in time units.</param>
    /// <param name="a">First shape of the dropout-probability beta distribution.</param>
    /// <param name="b">Second shape of the dropout-probability beta distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public BetaGeometricNbdModel(double r, double alpha, double a, double b)
        : this(r, alpha, a, b, null)
    {
    }

    private BetaGeometricNbdModel(double r, double alpha, double a, double b, LifetimeFitDiagnostics? diagnostics)
    {
        R = LifetimeChecks.Parameter(r, nameof(r));
        Alpha = LifetimeChecks.Parameter(alpha, nameof(alpha));
        A = LifetimeChecks.Parameter(a, nameof(a));
        B = LifetimeChecks.Parameter(b, nameof(b));
        Diagnostics = diagnostics;
    }

    /// <summary>The shape r of the purchase-rate distribution.</summary>
    public double R { get; }

    /// <summary>The scale α of the purchase-rate distribution.</summary>
    public double Alpha { get; }

    /// <summary>The first shape a of the dropout distribution.</summary>
    public double A { get; }

    /// <summary>The second shape b of the dropout distribution.</summary>
    public double B { get; }

    /// <inheritdoc />
    public string Name => "bgnbd";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["a"] = A, ["b"] = B };

    /// <inheritdoc />
    public LifetimeFitDiagnostics? Diagnostics { get; }

    /// <summary>Fits the model to <paramref name="data"/> by maximum likelihood.</summary>
    /// <param name="data">Repeat-purchase summaries in one time unit.</param>
    /// <param name="options">Optimiser settings, or null for <see cref="LifetimeFitOptions.Default"/>.</param>
    /// <returns>The fitted model with its <see cref="Diagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="RetentionDataException">A customer has repeat purchases at recency 0.</exception>
    /// <example>On the CDNOW sample in weeks: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.</example>
    public static BetaGeometricNbdModel Fit(RepeatPurchaseData data, LifetimeFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var chosen = LifetimeChecks.Options(options, Names.Length);
        data.RequireContinuous();
        var patterns = Patterns.From(data, keepMonetary: false);
        var (parameters, diagnostics) = QuasiNewton.Fit(Names, new BetaGeometricNbdLikelihood(patterns, modified: false), chosen);
        return new BetaGeometricNbdModel(parameters[0], parameters[1], parameters[2], parameters[3], diagnostics);
    }

    /// <inheritdoc />
    public double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(Patterns.From(data, keepMonetary: false), R, Alpha, A, B);
    }

    /// <inheritdoc />
    public double ExpectedPurchases(double t, double frequency, double recency, double T)
    {
        LifetimeChecks.History(t, frequency, recency, T);
        if (t == 0)
        {
            return 0d;
        }

        var x = frequency;
        var numerator = LifetimeChecks.AwayFromOne(A, 1 - B - x, a =>
            (a + B + x - 1) / (a - 1) * (1 - Math.Pow((Alpha + T) / (Alpha + T + t), R + x)
                * LifetimeChecks.Converged(Hypergeometric.Value(R + x, B + x, a + B + x - 1, t / (Alpha + T + t), (Alpha + T) / (Alpha + T + t)))));
        return LifetimeChecks.NonNegative(numerator * ProbabilityAlive(frequency, recency, T));
    }

    /// <inheritdoc />
    public double ProbabilityAlive(double frequency, double recency, double T)
    {
        LifetimeChecks.History(frequency, recency, T);
        if (frequency == 0)
        {
            return 1d;
        }

        var logRatio = Math.Log(A) - Math.Log(B + frequency - 1) + (R + frequency) * (Math.Log(Alpha + T) - Math.Log(Alpha + recency));
        return LifetimeChecks.Clamp01(1 / (1 + Math.Exp(logRatio)));
    }

    /// <inheritdoc />
    public double ExpectedPurchasesNewCustomer(double t)
    {
        LifetimeChecks.Horizon(t);
        if (t == 0)
        {
            return 0d;
        }

        return LifetimeChecks.NonNegative(LifetimeChecks.AwayFromOne(A, 1 - B, a =>
            (a + B - 1) / (a - 1) * (1 - Math.Pow(Alpha / (Alpha + t), R) * LifetimeChecks.Converged(Hypergeometric.Value(R, B, a + B - 1, t / (Alpha + t), Alpha / (Alpha + t))))));
    }

    /// <summary>The probability that a new customer makes exactly <paramref name="purchases"/> repeat purchases in (0, t] (Fader, Hardie &amp; Lee 2005, eq. 8).</summary>
    /// <param name="purchases">The number of purchases k, 0 or more.</param>
    /// <param name="t">The length of the period, 0 or more.</param>
    /// <returns>P(X(t) = k), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="purchases"/> is negative or <paramref name="t"/> is not a finite number, 0 or more.</exception>
    public double ProbabilityOfPurchases(int purchases, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        LifetimeChecks.Horizon(t);
        if (t == 0)
        {
            return purchases == 0 ? 1d : 0d;
        }

        var k = (double)purchases;
        var logZ = Math.Log(t / (Alpha + t));
        var logStay = R * Math.Log(Alpha / (Alpha + t));
        var first = Math.Exp(SpecialFunctions.LogBeta(A, B + k) - SpecialFunctions.LogBeta(A, B)
            + SpecialFunctions.LogGamma(R + k) - SpecialFunctions.LogGamma(R) - SpecialFunctions.LogGamma(k + 1) + logStay + k * logZ);
        if (purchases == 0)
        {
            return LifetimeChecks.Clamp01(first);
        }

        // Σ_{j<k} Γ(r+j)/(Γ(r) j!) zʲ by the recurrence term_{j+1} = term_j (r+j)/(j+1) z.
        var z = t / (Alpha + t);
        var term = 1d;
        var sum = 0d;
        for (var j = 0; j < purchases; j++)
        {
            sum += term;
            term *= (R + j) / (j + 1) * z;
        }

        var second = Math.Exp(SpecialFunctions.LogBeta(A + 1, B + k - 1) - SpecialFunctions.LogBeta(A, B))
            * (1 - Math.Exp(logStay) * sum);
        return LifetimeChecks.Clamp01(first + second);
    }

    internal static double LogLikelihood(Patterns patterns, double r, double alpha, double a, double b)
    {
        var constant = new double[patterns.Frequencies.Length];
        var lnGammaR = SpecialFunctions.LogGamma(r);
        var lnGammaB = SpecialFunctions.LogGamma(b);
        var lnGammaAB = SpecialFunctions.LogGamma(a + b);
        var lnA = Math.Log(a);
        var lnAlpha = Math.Log(alpha);
        var dropout = new double[constant.Length];
        for (var i = 0; i < constant.Length; i++)
        {
            var x = patterns.Frequencies[i];
            constant[i] = SpecialFunctions.LogGamma(r + x) - lnGammaR + r * lnAlpha
                + lnGammaAB + SpecialFunctions.LogGamma(b + x) - lnGammaB - SpecialFunctions.LogGamma(a + b + x);
            dropout[i] = x > 0 ? lnA - Math.Log(b + x - 1) : double.NegativeInfinity;
        }

        var logAge = Patterns.LogShifted(patterns.Ages, alpha);
        var logRecency = Patterns.LogShifted(patterns.Recencies, alpha);
        return patterns.WeightedSum(i =>
        {
            var f = patterns.FrequencyIndex[i];
            var x = patterns.X[i];
            var a3 = -(r + x) * logAge[patterns.AgeIndex[i]];
            var a4 = x > 0 ? dropout[f] - (r + x) * logRecency[patterns.RecencyIndex[i]] : double.NegativeInfinity;
            return constant[f] + Hypergeometric.LogAddExp(a3, a4);
        });
    }
}
