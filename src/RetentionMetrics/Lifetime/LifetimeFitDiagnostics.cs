namespace RetentionMetrics.Lifetime;

/// <summary>How a maximum-likelihood fit went: the likelihood reached, the effort, convergence and standard errors.</summary>
/// <remarks>An immutable value. A fit that did not converge keeps its best point, with <see cref="Converged"/> false
/// and <see cref="Reason"/> saying why; callers should not use such parameters without looking.</remarks>
public sealed class LifetimeFitDiagnostics
{
    internal LifetimeFitDiagnostics(
        double logLikelihood, double customers, int iterations, int evaluations, bool converged, string? reason,
        double simplexSize, double gradientNorm, IReadOnlyDictionary<string, double> standardErrors, string? standardErrorNote)
    {
        LogLikelihood = logLikelihood;
        Customers = customers;
        Iterations = iterations;
        FunctionEvaluations = evaluations;
        Converged = converged;
        Reason = reason;
        SimplexSize = simplexSize;
        GradientNorm = gradientNorm;
        StandardErrors = standardErrors;
        StandardErrorNote = standardErrorNote;
    }

    /// <summary>The log-likelihood of the data at the fitted parameters (without the penalty).</summary>
    public double LogLikelihood { get; }

    /// <summary>The number of customers fitted (the sum of the weights).</summary>
    public double Customers { get; }

    /// <summary>Optimiser iterations: BFGS and Newton steps, or Nelder–Mead steps over all restarts (BG/BB, sBG).</summary>
    public int Iterations { get; }

    /// <summary>Evaluations of the likelihood (with its gradient, for the gradient-based fits), including those for the Hessian.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Whether the optimiser met its tolerance (<see cref="LifetimeFitOptions.GradientTolerance"/> on <see cref="GradientNorm"/>,
    /// or <see cref="LifetimeFitOptions.Tolerance"/> on the simplex) and no parameter ran off to 0 or infinity.</summary>
    public bool Converged { get; }

    /// <summary>Why the fit did not converge (one of <see cref="LifetimeErrorMessages"/>), or null when it did.</summary>
    public string? Reason { get; }

    /// <summary>Nelder–Mead: the final simplex size, the largest distance of a vertex from the best one; gradient-based
    /// fits: the largest change of a log-parameter in the last step.</summary>
    public double SimplexSize { get; }

    /// <summary>The Euclidean norm of the gradient of −LL / N + λ Σ θ² in log-parameters at the optimum: analytic for the
    /// gradient-based fits, central differences for Nelder–Mead.</summary>
    public double GradientNorm { get; }

    /// <summary>
    /// Standard errors of the parameters by name, from the inverse of the Hessian of −LL (central differences of the
    /// analytic gradient, or of the likelihood for Nelder–Mead fits); empty when the Hessian is not positive definite (see <see cref="StandardErrorNote"/>).
    /// </summary>
    public IReadOnlyDictionary<string, double> StandardErrors { get; }

    /// <summary>Why <see cref="StandardErrors"/> is empty, or null when it is filled.</summary>
    public string? StandardErrorNote { get; }
}
