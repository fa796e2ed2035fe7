namespace RetentionMetrics.Lifetime;

/// <summary>How a lifetime-value model is fitted by maximum likelihood.</summary>
/// <remarks>
/// Every optimiser works on the logarithms of the parameters, so they stay positive. BG/NBD, MBG/NBD, Pareto/NBD and
/// Gamma-Gamma have analytic gradients and are fitted by BFGS with a backtracking line search, finished by Newton
/// steps on the Hessian from differences of the analytic gradient (<see cref="GradientTolerance"/> decides
/// convergence); BG/BB and sBG are fitted by Nelder–Mead, restarted from its best point until a restart no longer
/// improves the likelihood (<see cref="Tolerance"/> decides convergence). Both are deterministic: the same data and
/// options give the same parameters bit for bit.
/// </remarks>
public sealed record LifetimeFitOptions
{
    /// <summary>The default options: 4,000 iterations, tolerance 1e-9, gradient tolerance 1e-6, no penalty, every parameter starting at 1.</summary>
    public static LifetimeFitOptions Default { get; } = new();

    /// <summary>The most optimiser iterations (BFGS and Newton steps, or Nelder–Mead steps over all restarts). 4,000 by default.</summary>
    public int MaximumIterations { get; init; } = 4_000;

    /// <summary>
    /// Convergence tolerance of Nelder–Mead (BG/BB, sBG): the simplex has converged when every vertex is within this distance of the best one
    /// in every log-parameter and the objective values differ by at most this (relative). 1e-9 by default.
    /// </summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>
    /// Convergence tolerance of the gradient-based fits (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma): converged when the
    /// Euclidean norm of the gradient of −LL / N + λ Σ θ² with respect to the log-parameters is at most this. 1e-6 by
    /// default (at CDNOW's optimum that moves the parameters by about 1e-5 of their value and the log-likelihood by
    /// less than 1e-7). BFGS usually ends far below it: below it, BFGS still goes on while its last step lowered the
    /// objective by more than 1e-10 of its value, and the Newton steps push on while they still reduce the gradient.
    /// </summary>
    public double GradientTolerance { get; init; } = 1e-6;

    /// <summary>
    /// The L2 penalty λ: the optimiser minimises −LL / N + λ Σ θ², with N the number of customers and θ the
    /// parameters, the same scale as <c>lifetimes</c>' <c>penalizer_coef</c>. 0 (no penalty) by default.
    /// </summary>
    public double Penalty { get; init; }

    /// <summary>The starting value of every parameter, or null to start each at 1 (as <c>lifetimes</c> does).</summary>
    public IReadOnlyList<double>? InitialParameters { get; init; }

    internal void Validate(string parameterName, int dimension)
    {
        if (MaximumIterations < 1)
        {
            throw new ArgumentException("The maximum number of iterations must be at least 1.", parameterName);
        }

        if (!double.IsFinite(Tolerance) || Tolerance <= 0)
        {
            throw new ArgumentException("The tolerance must be a positive finite number.", parameterName);
        }

        if (!double.IsFinite(GradientTolerance) || GradientTolerance <= 0)
        {
            throw new ArgumentException("The gradient tolerance must be a positive finite number.", parameterName);
        }

        if (!double.IsFinite(Penalty) || Penalty < 0)
        {
            throw new ArgumentException("The penalty must be a finite number, 0 or more.", parameterName);
        }

        if (InitialParameters is { } initial
            && (initial.Count != dimension || initial.Any(v => !double.IsFinite(v) || v <= 0)))
        {
            throw new ArgumentException($"The initial parameters must be {dimension} positive finite numbers.", parameterName);
        }
    }
}
