using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987, "Counting Your Customers: Who Are They and What Will
/// They Do Next?", <i>Management Science</i> 33(1)): while alive a customer buys as a Poisson process with rate
/// λ ~ Gamma(r, α) and stays alive for an exponential lifetime with rate μ ~ Gamma(s, β).
/// </summary>
/// <remarks>
/// The likelihood is the numerically stable form of Fader &amp; Hardie's note "A Note on Deriving the Pareto/NBD Model
/// and Related Expressions" (2005), with the Gauss hypergeometric ₂F₁ taken at |α − β| / (max(α, β) + t), an argument
/// in [0, 1), and evaluated in log space. An immutable model. See <c>docs/clv.md</c>.
/// </remarks>
public sealed partial class ParetoNbdModel : ITransactionModel
{
    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="r">Shape of the purchase-rate gamma distribution.</param>
    /// <param name="alpha">Scale α of the purchase-rate gamma distribution.</param>
    /// <param name="s">Shape of the dropout-rate gamma distribution.</param>
    /// <param name="beta">Scale β of the dropout-rate gamma distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public ParetoNbdModel(double r, double alpha, double s, double beta)
        : this(r, alpha, s, beta, null)
    {
    }

    private ParetoNbdModel(double r, double alpha, double s, double beta, LifetimeFitDiagnostics? diagnostics)
    {
        R = LifetimeChecks.Parameter(r, nameof(r));
        Alpha = LifetimeChecks.Parameter(alpha, nameof(alpha));
        S = LifetimeChecks.Parameter(s, nameof(s));
        Beta = LifetimeChecks.Parameter(beta, nameof(beta));
        Diagnostics = diagnostics;
    }

    /// <summary>The shape r of the purchase-rate distribution.</summary>
    public double R { get; }

    /// <summary>The scale α of the purchase-rate distribution.</summary>
    public double Alpha { get; }

    /// <summary>The shape s of the dropout-rate distribution.</summary>
    public double S { get; }

    /// <summary>The scale β of the dropout-rate distribution.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public string Name => "paretonbd";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["s"] = S, ["beta"] = Beta };

    /// <inheritdoc />
    public LifetimeFitDiagnostics? Diagnostics { get; }

    /// <summary>Fits the model to <paramref name="data"/> by maximum likelihood.</summary>
    /// <param name="data">Repeat-purchase summaries in one time unit.</param>
    /// <param name="options">Optimiser settings, or null for <see cref="LifetimeFitOptions.Default"/>.</param>
    /// <returns>The fitted model with its <see cref="Diagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="RetentionDataException">A customer has repeat purchases at recency 0.</exception>
    /// <example>On the CDNOW sample in weeks: r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.</example>
    public static ParetoNbdModel Fit(RepeatPurchaseData data, LifetimeFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var chosen = LifetimeChecks.Options(options, Names.Length);
        data.RequireContinuous();
        var patterns = Patterns.From(data, keepMonetary: false);
        var (parameters, diagnostics) = QuasiNewton.Fit(Names, new ParetoNbdLikelihood(patterns), chosen);
        return new ParetoNbdModel(parameters[0], parameters[1], parameters[2], parameters[3], diagnostics);
    }

    /// <inheritdoc />
    public double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(Patterns.From(data, keepMonetary: false), R, Alpha, S, Beta);
    }

    /// <inheritdoc />
    public double ProbabilityAlive(double frequency, double recency, double T)
    {
        LifetimeChecks.History(frequency, recency, T);
        var (alive, dead) = Parts(R, Alpha, S, Beta, frequency, recency, T);
        if (double.IsNaN(dead))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), LifetimeErrorMessages.HypergeometricNotConverged);
        }

        return LifetimeChecks.Clamp01(1 / (1 + Math.Exp(dead - alive)));
    }

    /// <inheritdoc />
    public double ExpectedPurchases(double t, double frequency, double recency, double T)
    {
        LifetimeChecks.History(t, frequency, recency, T);
        if (t == 0)
        {
            return 0d;
        }

        var alive = ProbabilityAlive(frequency, recency, T);
        var rate = (R + frequency) / (Alpha + T);
        var window = Math.Abs(S - 1) < 1e-9
            ? (Beta + T) * Math.Log((Beta + T + t) / (Beta + T))
            : (Beta + T) / (S - 1) * (1 - Math.Pow((Beta + T) / (Beta + T + t), S - 1));
        return LifetimeChecks.NonNegative(alive * rate * window);
    }

    /// <inheritdoc />
    public double ExpectedPurchasesNewCustomer(double t)
    {
        LifetimeChecks.Horizon(t);
        if (t == 0)
        {
            return 0d;
        }

        var window = Math.Abs(S - 1) < 1e-9
            ? Beta * Math.Log((Beta + t) / Beta)
            : Beta / (S - 1) * (1 - Math.Pow(Beta / (Beta + t), S - 1));
        return LifetimeChecks.NonNegative(R / Alpha * window);
    }

    internal static double LogLikelihood(Patterns patterns, double r, double alpha, double s, double beta)
    {
        var constant = new double[patterns.Frequencies.Length];
        var lnGammaR = SpecialFunctions.LogGamma(r);
        var lnAlphaBeta = r * Math.Log(alpha) + s * Math.Log(beta);
        for (var i = 0; i < constant.Length; i++)
        {
            constant[i] = SpecialFunctions.LogGamma(r + patterns.Frequencies[i]) - lnGammaR + lnAlphaBeta;
        }

        return patterns.WeightedSum(i =>
        {
            var (alive, dead) = Parts(r, alpha, s, beta, patterns.X[i], patterns.Recency[i], patterns.T[i]);
            return constant[patterns.FrequencyIndex[i]] + Hypergeometric.LogAddExp(alive, dead);
        });
    }

    /// <summary>
    /// The two terms of the likelihood without its constant: ln of 1 / ((α+T)^(r+x) (β+T)^s) (alive at T) and of
    /// s / (r+s+x) · A₀ (died between t_x and T), in log space.
    /// </summary>
    private static (double Alive, double Dead) Parts(double r, double alpha, double s, double beta, double x, double recency, double T)
    {
        var alive = -(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T);
        var rsx = r + s + x;
        double larger, second;
        if (alpha >= beta)
        {
            larger = alpha;
            second = s + 1;
        }
        else
        {
            larger = beta;
            second = r + x;
        }

        var gap = Math.Abs(alpha - beta);
        var atRecency = Math.Log(Hypergeometric.Value(rsx, second, rsx + 1, gap / (larger + recency), (larger + recency - gap) / (larger + recency))) - rsx * Math.Log(larger + recency);
        var atT = Math.Log(Hypergeometric.Value(rsx, second, rsx + 1, gap / (larger + T), (larger + T - gap) / (larger + T))) - rsx * Math.Log(larger + T);
        var logA0 = Hypergeometric.LogSubtractExp(atRecency, atT);
        var dead = Math.Log(s) - Math.Log(rsx) + logA0;
        return (alive, double.IsNaN(atRecency) || double.IsNaN(atT) ? double.NaN : dead);
    }
}
