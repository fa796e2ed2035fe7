using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The BG/BB model for discrete-time noncontractual data (Fader, Hardie &amp; Shang 2010, "Customer-Base Analysis in a
/// Discrete-Time Noncontractual Setting", <i>Marketing Science</i> 29(6)): at each of n transaction opportunities an
/// alive customer transacts with probability p ~ Beta(α, β) and, before the next, drops out with probability
/// θ ~ Beta(γ, δ).
/// </summary>
/// <remarks>
/// Data: <see cref="RepeatPurchaseSummary.Frequency"/> = x (opportunities with a transaction),
/// <see cref="RepeatPurchaseSummary.Recency"/> = t_x (the last one, 0 when none) and <see cref="RepeatPurchaseSummary.T"/>
/// = n (opportunities), all whole numbers. An immutable model. See <c>docs/clv.md</c>.
/// </remarks>
public sealed partial class BetaGeometricBetaBinomialModel
{
    private static readonly string[] Names = ["alpha", "beta", "gamma", "delta"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="alpha">First shape α of the transaction-probability beta distribution.</param>
    /// <param name="beta">Second shape β of the transaction-probability beta distribution.</param>
    /// <param name="gamma">First shape γ of the dropout-probability beta distribution.</param>
    /// <param name="delta">Second shape δ of the dropout-probability beta distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public BetaGeometricBetaBinomialModel(double alpha, double beta, double gamma, double delta)
        : this(alpha, beta, gamma, delta, null)
    {
    }

    private BetaGeometricBetaBinomialModel(double alpha, double beta, double gamma, double delta, LifetimeFitDiagnostics? diagnostics)
    {
        Alpha = LifetimeChecks.Parameter(alpha, nameof(alpha));
        Beta = LifetimeChecks.Parameter(beta, nameof(beta));
        Gamma = LifetimeChecks.Parameter(gamma, nameof(gamma));
        Delta = LifetimeChecks.Parameter(delta, nameof(delta));
        Diagnostics = diagnostics;
    }

    /// <summary>The first shape α of the transaction probability.</summary>
    public double Alpha { get; }

    /// <summary>The second shape β of the transaction probability.</summary>
    public double Beta { get; }

    /// <summary>The first shape γ of the dropout probability.</summary>
    public double Gamma { get; }

    /// <summary>The second shape δ of the dropout probability.</summary>
    public double Delta { get; }

    /// <summary>The parameters by name: alpha, beta, gamma, delta.</summary>
    public IReadOnlyDictionary<string, double> Parameters =>
        new Dictionary<string, double> { ["alpha"] = Alpha, ["beta"] = Beta, ["gamma"] = Gamma, ["delta"] = Delta };

    /// <summary>How the fit went, or null when the model was built from given parameters.</summary>
    public LifetimeFitDiagnostics? Diagnostics { get; }

    /// <summary>Fits the model to discrete-time patterns by maximum likelihood.</summary>
    /// <param name="data">Patterns (x, t_x, n) with weights.</param>
    /// <param name="options">Optimiser settings, or null for <see cref="LifetimeFitOptions.Default"/>.</param>
    /// <returns>The fitted model with its <see cref="Diagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="RetentionDataException">A pattern is not whole numbers with x ≤ t_x ≤ n.</exception>
    /// <example>On the donations data (11,104 donors, 6 opportunities): α = 1.204, β = 0.750, γ = 0.657, δ = 2.783.</example>
    public static BetaGeometricBetaBinomialModel Fit(RepeatPurchaseData data, LifetimeFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var chosen = LifetimeChecks.Options(options, Names.Length);
        var patterns = Validate(data);
        var (parameters, diagnostics) = MaximumLikelihood.Fit(Names, p => LogLikelihood(patterns, p[0], p[1], p[2], p[3]), patterns.TotalWeight, chosen);
        return new BetaGeometricBetaBinomialModel(parameters[0], parameters[1], parameters[2], parameters[3], diagnostics);
    }

    /// <summary>The log-likelihood of discrete-time patterns under the model.</summary>
    /// <param name="data">Patterns (x, t_x, n) with weights.</param>
    /// <returns>Σ weight · ln L(x, t_x, n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="RetentionDataException">A pattern is not whole numbers with x ≤ t_x ≤ n.</exception>
    public double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(Validate(data), Alpha, Beta, Gamma, Delta);
    }

    /// <summary>The probability that a customer with pattern (x, t_x, n) is alive at opportunity n + 1.</summary>
    /// <param name="frequency">Transactions x.</param>
    /// <param name="recency">Last transaction opportunity t_x.</param>
    /// <param name="periods">Opportunities n.</param>
    /// <returns>A probability in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">The pattern is not whole numbers with x ≤ t_x ≤ n.</exception>
    public double ProbabilityAlive(int frequency, int recency, int periods)
    {
        CheckPattern(frequency, recency, periods);
        double x = frequency, n = periods;
        var aliveTerm = SpecialFunctions.LogBeta(Alpha + x, Beta + n - x) - SpecialFunctions.LogBeta(Alpha, Beta)
            + SpecialFunctions.LogBeta(Gamma, Delta + n + 1) - SpecialFunctions.LogBeta(Gamma, Delta);
        return LifetimeChecks.Clamp01(Math.Exp(aliveTerm - LogLikelihood(Alpha, Beta, Gamma, Delta, x, recency, n)));
    }

    /// <summary>
    /// The expected number of transactions in the next <paramref name="futurePeriods"/> opportunities of a customer with
    /// pattern (x, t_x, n) (Fader, Hardie &amp; Shang 2010, eq. 13, summed period by period).
    /// </summary>
    /// <param name="futurePeriods">The number of future opportunities n*, 0 or more.</param>
    /// <param name="frequency">Transactions x.</param>
    /// <param name="recency">Last transaction opportunity t_x.</param>
    /// <param name="periods">Opportunities n.</param>
    /// <returns>E[X(n, n + n*) | x, t_x, n], 0 or more.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The pattern is not whole numbers with x ≤ t_x ≤ n, or <paramref name="futurePeriods"/> is negative.</exception>
    public double ExpectedPurchases(int futurePeriods, int frequency, int recency, int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(futurePeriods);
        CheckPattern(frequency, recency, periods);
        double x = frequency, n = periods;
        var logL = LogLikelihood(Alpha, Beta, Gamma, Delta, x, recency, n);
        var logP = SpecialFunctions.LogBeta(Alpha + x + 1, Beta + n - x) - SpecialFunctions.LogBeta(Alpha, Beta);
        var lnBetaGammaDelta = SpecialFunctions.LogBeta(Gamma, Delta);
        var sum = 0d;
        for (var k = 1; k <= futurePeriods; k++)
        {
            sum += Math.Exp(logP + SpecialFunctions.LogBeta(Gamma, Delta + n + k) - lnBetaGammaDelta - logL);
        }

        return LifetimeChecks.NonNegative(sum);
    }

    /// <summary>The expected number of transactions of a new customer in its first <paramref name="periods"/> opportunities.</summary>
    /// <param name="periods">Opportunities n, 0 or more.</param>
    /// <returns>E[X(n)] = α / (α + β) · Σₖ₌₁ⁿ B(γ, δ + k) / B(γ, δ).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative.</exception>
    public double ExpectedPurchasesNewCustomer(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var lnBetaGammaDelta = SpecialFunctions.LogBeta(Gamma, Delta);
        var sum = 0d;
        for (var k = 1; k <= periods; k++)
        {
            sum += Math.Exp(SpecialFunctions.LogBeta(Gamma, Delta + k) - lnBetaGammaDelta);
        }

        return Alpha / (Alpha + Beta) * sum;
    }

    internal static double LogLikelihood(Patterns patterns, double alpha, double beta, double gamma, double delta) =>
        patterns.WeightedSum(i => LogLikelihood(alpha, beta, gamma, delta, patterns.X[i], patterns.Recency[i], patterns.T[i]));

    private static double LogLikelihood(double alpha, double beta, double gamma, double delta, double x, double recency, double n)
    {
        var lnAB = SpecialFunctions.LogBeta(alpha, beta);
        var lnGD = SpecialFunctions.LogBeta(gamma, delta);
        var total = SpecialFunctions.LogBeta(alpha + x, beta + n - x) - lnAB + SpecialFunctions.LogBeta(gamma, delta + n) - lnGD;
        var terms = (int)(n - recency);
        for (var i = 0; i < terms; i++)
        {
            total = Hypergeometric.LogAddExp(total,
                SpecialFunctions.LogBeta(alpha + x, beta + recency - x + i) - lnAB + SpecialFunctions.LogBeta(gamma + 1, delta + recency + i) - lnGD);
        }

        return total;
    }

    private static void CheckPattern(int frequency, int recency, int periods)
    {
        if (frequency < 0 || recency < frequency || periods < recency || (frequency > 0 && recency == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), LifetimeErrorMessages.DiscretePattern);
        }
    }

    private static Patterns Validate(RepeatPurchaseData data)
    {
        var span = data.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var row = span[i];
            if (!IsWhole(row.Frequency) || !IsWhole(row.Recency) || !IsWhole(row.T)
                || row.Recency < row.Frequency || row.T < row.Recency || (row.Frequency > 0 && row.Recency == 0) || row.T > 100_000)
            {
                throw new RetentionDataException(LifetimeErrorMessages.DiscretePattern, row.CustomerId, i);
            }
        }

        return Patterns.From(data, keepMonetary: false);
    }

    private static bool IsWhole(double value) => value == Math.Floor(value);
}
