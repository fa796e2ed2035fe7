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

    /// <summary>Nelder–Mead iterations over all restarts.</summary>
    public int Iterations { get; }

    /// <summary>Evaluations of the likelihood.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Whether the simplex converged within the tolerance and no parameter ran off to 0 or infinity.</summary>
    public bool Converged { get; }

    /// <summary>Why the fit did not converge (one of <see cref="LifetimeErrorMessages"/>), or null when it did.</summary>
    public string? Reason { get; }

    /// <summary>The final simplex size: the largest distance of a vertex from the best one, in log-parameters.</summary>
    public double SimplexSize { get; }

    /// <summary>The Euclidean norm of the central-difference gradient of −LL / N in log-parameters at the optimum.</summary>
    public double GradientNorm { get; }

    /// <summary>
    /// Standard errors of the parameters by name, from the inverse of the numerical (central-difference) Hessian of
    /// −LL; empty when the Hessian is not positive definite (see <see cref="StandardErrorNote"/>).
    /// </summary>
    public IReadOnlyDictionary<string, double> StandardErrors { get; }

    /// <summary>Why <see cref="StandardErrors"/> is empty, or null when it is filled.</summary>
    public string? StandardErrorNote { get; }
}
