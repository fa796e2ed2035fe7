using RetentionMetrics.Internal;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contractual retention (Fader &amp; Hardie 2007, "How to Project Customer
/// Retention", <i>Journal of Interactive Marketing</i> 21(1)): each customer renews every period with a constant
/// probability 1 − θ, θ ~ Beta(α, β) across customers.
/// </summary>
/// <remarks>
/// Periods are counted from 0, the period customers join in. P(T = t) = B(α + 1, β + t − 1) / B(α, β) is the share
/// that cancels at the end of period t − 1; S(t) = B(α, β + t) / B(α, β) the share still alive at the start of
/// period t; the retention rate from t − 1 to t is (β + t − 1) / (α + β + t − 1). An immutable model.
/// </remarks>
public sealed partial class ShiftedBetaGeometricModel
{
    private static readonly string[] Names = ["alpha", "beta"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="alpha">First shape α of the churn-probability beta distribution.</param>
    /// <param name="beta">Second shape β of the churn-probability beta distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public ShiftedBetaGeometricModel(double alpha, double beta)
        : this(alpha, beta, null)
    {
    }

    private ShiftedBetaGeometricModel(double alpha, double beta, LifetimeFitDiagnostics? diagnostics)
    {
        Alpha = LifetimeChecks.Parameter(alpha, nameof(alpha));
        Beta = LifetimeChecks.Parameter(beta, nameof(beta));
        Diagnostics = diagnostics;
    }

    /// <summary>The first shape α of the churn-probability distribution.</summary>
    public double Alpha { get; }

    /// <summary>The second shape β of the churn-probability distribution.</summary>
    public double Beta { get; }

    /// <summary>The parameters by name: alpha, beta.</summary>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["alpha"] = Alpha, ["beta"] = Beta };

    /// <summary>How the fit went, or null when the model was built from given parameters.</summary>
    public LifetimeFitDiagnostics? Diagnostics { get; }

    /// <summary>Fits the model to the number of customers alive at the start of each period.</summary>
    /// <param name="aliveAtPeriodStart">Customers alive at the start of periods 0, 1, …, n (period 0 = the cohort size).</param>
    /// <param name="options">Optimiser settings, or null for <see cref="LifetimeFitOptions.Default"/>.</param>
    /// <returns>The fitted model; customers = the cohort size.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="aliveAtPeriodStart"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="RetentionDataException">Fewer than two periods, a cohort of 0, a negative count or a count that rises.</exception>
    /// <example>Fader &amp; Hardie (2007), years 0–7: "regular" α = 0.704, β = 1.182; "high end" α = 0.668, β = 3.806.</example>
    public static ShiftedBetaGeometricModel Fit(IReadOnlyList<long> aliveAtPeriodStart, LifetimeFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(aliveAtPeriodStart);
        var chosen = LifetimeChecks.Options(options, Names.Length);
        var alive = Validate(aliveAtPeriodStart);
        var (parameters, diagnostics) = MaximumLikelihood.Fit(Names, p => LogLikelihood(alive, p[0], p[1]), alive[0], chosen);
        return new ShiftedBetaGeometricModel(parameters[0], parameters[1], diagnostics);
    }

    /// <summary>The log-likelihood of survival counts under the model.</summary>
    /// <param name="aliveAtPeriodStart">Customers alive at the start of periods 0, 1, …, n.</param>
    /// <returns>Σₜ (nₜ₋₁ − nₜ) ln P(T = t) + nₙ ln S(n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="aliveAtPeriodStart"/> is null.</exception>
    /// <exception cref="RetentionDataException">The counts are unusable (see <see cref="Fit"/>).</exception>
    public double LogLikelihood(IReadOnlyList<long> aliveAtPeriodStart)
    {
        ArgumentNullException.ThrowIfNull(aliveAtPeriodStart);
        return LogLikelihood(Validate(aliveAtPeriodStart), Alpha, Beta);
    }

    /// <summary>The expected share of a cohort alive at the start of period <paramref name="period"/>, S(t) = B(α, β + t) / B(α, β).</summary>
    /// <param name="period">The period t, 0 or more.</param>
    /// <returns>A share in [0, 1]; 1 at period 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is negative.</exception>
    public double Survival(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        return LifetimeChecks.Clamp01(Math.Exp(SpecialFunctions.LogBeta(Alpha, Beta + period) - SpecialFunctions.LogBeta(Alpha, Beta)));
    }

    /// <summary>The expected survival curve S(0), …, S(<paramref name="periods"/>).</summary>
    /// <param name="periods">The last period n, 0 or more.</param>
    /// <returns>n + 1 shares, starting at 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative.</exception>
    public IReadOnlyList<double> SurvivalCurve(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var curve = new double[periods + 1];
        curve[0] = 1d;
        for (var t = 1; t <= periods; t++)
        {
            curve[t] = curve[t - 1] * RetentionRate(t);
        }

        return curve;
    }

    /// <summary>The expected retention rate from period t − 1 to t among those alive at t − 1: (β + t − 1) / (α + β + t − 1).</summary>
    /// <param name="period">The period t, 1 or more.</param>
    /// <returns>A rate in (0, 1) that rises with t.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public double RetentionRate(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return (Beta + period - 1) / (Alpha + Beta + period - 1);
    }

    /// <summary>
    /// The discounted expected residual lifetime (Fader &amp; Hardie 2010, "Customer-Base Valuation in a Contractual
    /// Setting", <i>Marketing Science</i> 29(1)) of a customer who has made <paramref name="renewals"/> renewals: the
    /// expected number of further payments, each discounted by 1 / (1 + d) per period, counting the payment due now
    /// at full value: Σₖ≥₀ S(n + 1 + k) / S(n) / (1 + d)ᵏ = (β + n) / (α + β + n) · ₂F₁(1, β + n + 1; α + β + n + 1; 1 / (1 + d)).
    /// </summary>
    /// <param name="discountRate">The discount rate d per period, above 0.</param>
    /// <param name="renewals">The renewals made so far n, 0 or more (0 for a new customer at the end of its first period).</param>
    /// <returns>DERL, in periods' worth of payments.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not above 0 and finite, or <paramref name="renewals"/> is negative.</exception>
    /// <example>With α = 1, β = 1 and n = 0 the renewal probabilities are (1 + k)/(2 + k), S(k + 1) = 1/(k + 2), and at d = 1 DERL = Σ 1/((k+2) 2ᵏ) = 4 ln 2 − 2 ≈ 0.7726.</example>
    public double DiscountedExpectedResidualLifetime(double discountRate, int renewals = 0)
    {
        if (!double.IsFinite(discountRate) || discountRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "Expected a positive finite discount rate.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        var n = (double)renewals;
        var hyp = Hypergeometric.Value(1, Beta + n + 1, Alpha + Beta + n + 1, 1 / (1 + discountRate), discountRate / (1 + discountRate));
        return LifetimeChecks.NonNegative(LifetimeChecks.Converged(hyp) * (Beta + n) / (Alpha + Beta + n));
    }

    internal static double LogLikelihood(long[] alive, double alpha, double beta)
    {
        var lnBeta = SpecialFunctions.LogBeta(alpha, beta);
        var sum = 0d;
        for (var t = 1; t < alive.Length; t++)
        {
            var lost = alive[t - 1] - alive[t];
            if (lost > 0)
            {
                sum += lost * (SpecialFunctions.LogBeta(alpha + 1, beta + t - 1) - lnBeta);
            }
        }

        var last = alive.Length - 1;
        return sum + alive[last] * (SpecialFunctions.LogBeta(alpha, beta + last) - lnBeta);
    }

    private static long[] Validate(IReadOnlyList<long> aliveAtPeriodStart)
    {
        var alive = aliveAtPeriodStart.ToArray();
        if (alive.Length < 2 || alive[0] <= 0)
        {
            throw new RetentionDataException(LifetimeErrorMessages.SurvivalCounts);
        }

        for (var t = 1; t < alive.Length; t++)
        {
            if (alive[t] < 0 || alive[t] > alive[t - 1])
            {
                throw new RetentionDataException(LifetimeErrorMessages.SurvivalCounts, $"period {t}", t);
            }
        }

        return alive;
    }
}
