using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The modified BG/NBD model (Batislam, Denizel &amp; Filiztekin 2007, "Empirical validation and comparison of models
/// for customer base analysis", <i>International Journal of Research in Marketing</i> 24(3)): as BG/NBD, but a
/// customer may also drop out at time 0, right after the first purchase, so P(alive) is below 1 even with no repeat.
/// </summary>
/// <remarks>An immutable model; the likelihood and predictions follow <c>lifetimes</c>' <c>ModifiedBetaGeoFitter</c>.
/// See <c>docs/clv.md</c>.</remarks>
public sealed partial class ModifiedBetaGeometricNbdModel : ITransactionModel
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="r">Shape of the purchase-rate gamma distribution.</param>
    /// <param name="alpha">Scale α of the purchase-rate gamma distribution.</param>
    /// <param name="a">First shape of the dropout-probability beta distribution.</param>
    /// <param name="b">Second shape of the dropout-probability beta distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public ModifiedBetaGeometricNbdModel(double r, double alpha, double a, double b)
        : this(r, alpha, a, b, null)
    {
    }

    private ModifiedBetaGeometricNbdModel(double r, double alpha, double a, double b, LifetimeFitDiagnostics? diagnostics)
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
    public string Name => "mbgnbd";

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
    public static ModifiedBetaGeometricNbdModel Fit(RepeatPurchaseData data, LifetimeFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var chosen = LifetimeChecks.Options(options, Names.Length);
        data.RequireContinuous();
        var patterns = Patterns.From(data, keepMonetary: false);
        var (parameters, diagnostics) = QuasiNewton.Fit(Names, new BetaGeometricNbdLikelihood(patterns, modified: true), chosen);
        return new ModifiedBetaGeometricNbdModel(parameters[0], parameters[1], parameters[2], parameters[3], diagnostics);
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
        var numerator = LifetimeChecks.AwayFromOne(A, a =>
            (a + B + x) / (a - 1) * (1 - Math.Pow((Alpha + T) / (Alpha + T + t), R + x)
                * LifetimeChecks.Converged(Hypergeometric.Value(R + x, B + x + 1, a + B + x, t / (Alpha + T + t), (Alpha + T) / (Alpha + T + t)))));
        return LifetimeChecks.NonNegative(numerator * ProbabilityAlive(frequency, recency, T));
    }

    /// <inheritdoc />
    public double ProbabilityAlive(double frequency, double recency, double T)
    {
        LifetimeChecks.History(frequency, recency, T);
        var logRatio = Math.Log(A) - Math.Log(B + frequency) + (R + frequency) * (Math.Log(Alpha + T) - Math.Log(Alpha + recency));
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

        return LifetimeChecks.NonNegative(LifetimeChecks.AwayFromOne(A, a =>
            B / (a - 1) * (1 - Math.Pow(Alpha / (Alpha + t), R) * LifetimeChecks.Converged(Hypergeometric.Value(R, B + 1, a + B, t / (Alpha + t), Alpha / (Alpha + t))))));
    }

    /// <summary>
    /// The probability that a new customer makes exactly <paramref name="purchases"/> repeat purchases in (0, t].
    /// </summary>
    /// <remarks>
    /// A customer may drop out right after the first purchase and after each repeat purchase, each time with
    /// probability p, so given λ and p, P(X(t) = x) = (1 − p)^(x+1) Poisson(x; λt) + p (1 − p)^x P(N(t) ≥ x).
    /// Mixing over p ~ Beta(a, b) and λ ~ Gamma(r, α):
    /// P(X(t) = x) = B(a, b+x+1)/B(a, b) · NB(x) + B(a+1, b+x)/B(a, b) · (1 − Σ_{j&lt;x} NB(j)), with
    /// NB(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j. It equals b/(a+b) times BG/NBD's
    /// <see cref="BetaGeometricNbdModel.ProbabilityOfPurchases"/> with b + 1 for x ≥ 1, plus a/(a+b) at x = 0.
    /// </remarks>
    /// <param name="purchases">The number of purchases k, 0 or more.</param>
    /// <param name="t">The length of the period, 0 or more.</param>
    /// <returns>P(X(t) = k), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="purchases"/> is negative or <paramref name="t"/> is not a finite number, 0 or more.</exception>
    /// <example>With r = α = a = b = 1 and t = 1: P(X = 0) = 1/4 + 1/2 = 0.75 and P(X = 1) = 1/12 + 1/12 = 1/6.</example>
    public double ProbabilityOfPurchases(int purchases, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        LifetimeChecks.Horizon(t);
        if (t == 0)
        {
            return purchases == 0 ? 1d : 0d;
        }

        var k = (double)purchases;
        var logBetaAB = SpecialFunctions.LogBeta(A, B);
        var logStay = R * Math.Log(Alpha / (Alpha + t));
        var logZ = Math.Log(t / (Alpha + t));
        var first = Math.Exp(SpecialFunctions.LogBeta(A, B + k + 1) - logBetaAB
            + SpecialFunctions.LogGamma(R + k) - SpecialFunctions.LogGamma(R) - SpecialFunctions.LogGamma(k + 1) + logStay + k * logZ);

        // Σ_{j<k} Γ(r+j)/(Γ(r) j!) zʲ by the recurrence term_{j+1} = term_j (r+j)/(j+1) z.
        var z = t / (Alpha + t);
        var term = 1d;
        var sum = 0d;
        for (var j = 0; j < purchases; j++)
        {
            sum += term;
            term *= (R + j) / (j + 1) * z;
        }

        var second = Math.Exp(SpecialFunctions.LogBeta(A + 1, B + k) - logBetaAB) * Math.Max(0d, 1 - Math.Exp(logStay) * sum);
        return LifetimeChecks.Clamp01(first + second);
    }

    internal static double LogLikelihood(Patterns patterns, double r, double alpha, double a, double b)
    {
        var constant = new double[patterns.Frequencies.Length];
        var dropout = new double[constant.Length];
        var lnGammaR = SpecialFunctions.LogGamma(r);
        var lnGammaB = SpecialFunctions.LogGamma(b);
        var lnGammaAB = SpecialFunctions.LogGamma(a + b);
        var lnAlpha = Math.Log(alpha);
        var lnA = Math.Log(a);
        for (var i = 0; i < constant.Length; i++)
        {
            var x = patterns.Frequencies[i];
            constant[i] = SpecialFunctions.LogGamma(r + x) - lnGammaR + r * lnAlpha
                + lnGammaAB + SpecialFunctions.LogGamma(b + x + 1) - lnGammaB - SpecialFunctions.LogGamma(a + b + x + 1);
            dropout[i] = lnA - Math.Log(b + x);
        }

        var logAge = Patterns.LogShifted(patterns.Ages, alpha);
        var logRecency = Patterns.LogShifted(patterns.Recencies, alpha);
        return patterns.WeightedSum(i =>
        {
            var f = patterns.FrequencyIndex[i];
            var x = patterns.X[i];
            var a3 = -(r + x) * logAge[patterns.AgeIndex[i]];
            var a4 = dropout[f] - (r + x) * logRecency[patterns.RecencyIndex[i]];
            return constant[f] + Hypergeometric.LogAddExp(a3, a4);
        });
    }
}
