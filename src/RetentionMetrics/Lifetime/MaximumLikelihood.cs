namespace RetentionMetrics.Lifetime;

/// <summary>
/// Maximum-likelihood fitting shared by the models: Nelder–Mead on log-parameters with restarts, divergence checks,
/// the central-difference gradient for diagnostics and standard errors from the inverted numerical Hessian.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>A log-parameter beyond ±this (about 5e8 or 2e-9) means the parameter ran off to infinity or 0.</summary>
    private const double DivergenceBound = 20d;

    private const int MaximumRestarts = 3;

    public static (double[] Parameters, LifetimeFitDiagnostics Diagnostics) Fit(
        string[] names, Func<double[], double> logLikelihood, double customers, LifetimeFitOptions options)
    {
        var dimension = names.Length;
        var start = options.InitialParameters is { } initial ? initial.Select(v => Math.Log(v)).ToArray() : new double[dimension];
        var penalty = options.Penalty;
        var evaluations = 0;
        double Objective(double[] u)
        {
            evaluations++;
            var theta = new double[u.Length];
            var penaltyTerm = 0d;
            for (var i = 0; i < u.Length; i++)
            {
                theta[i] = Math.Exp(u[i]);
                penaltyTerm += theta[i] * theta[i];
            }

            var value = -logLikelihood(theta) / customers + penalty * penaltyTerm;
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }

        var point = start;
        var best = Objective(point);
        var iterations = 0;
        var converged = false;
        var simplexSize = double.PositiveInfinity;
        for (var restart = 0; restart < MaximumRestarts && iterations < options.MaximumIterations; restart++)
        {
            var result = NelderMead.Minimise(Objective, point, step: restart == 0 ? 0.5 : 0.1, options.MaximumIterations - iterations, options.Tolerance);
            iterations += result.Iterations;
            simplexSize = result.SimplexSize;
            var improvement = best - result.Value;
            var improved = result.Value < best;
            if (improved)
            {
                point = result.Point;
                best = result.Value;
            }

            converged = result.Converged;
            if (!result.Converged || !improved || improvement <= options.Tolerance * (Math.Abs(best) + options.Tolerance))
            {
                break;
            }
        }

        var parameters = point.Select(v => Math.Exp(v)).ToArray();
        var ll = logLikelihood(parameters);
        string? reason = null;
        if (!double.IsFinite(best) || !double.IsFinite(ll))
        {
            converged = false;
            reason = LifetimeErrorMessages.LikelihoodNotFinite;
            ll = double.IsFinite(ll) ? ll : double.MinValue;
        }
        else if (point.Any(u => Math.Abs(u) > DivergenceBound))
        {
            converged = false;
            reason = LifetimeErrorMessages.ParameterDiverged;
        }
        else if (!converged)
        {
            reason = LifetimeErrorMessages.IterationLimit;
        }

        var gradientNorm = reason == LifetimeErrorMessages.LikelihoodNotFinite ? double.MaxValue : GradientNorm(Objective, point);
        var (errors, note) = reason == LifetimeErrorMessages.LikelihoodNotFinite
            ? (new Dictionary<string, double>(), LifetimeErrorMessages.HessianNotPositiveDefinite)
            : StandardErrors(names, logLikelihood, point);
        var diagnostics = new LifetimeFitDiagnostics(
            ll, customers, iterations, evaluations, converged, reason, double.IsFinite(simplexSize) ? simplexSize : double.MaxValue,
            double.IsFinite(gradientNorm) ? gradientNorm : double.MaxValue, errors, note);
        return (parameters, diagnostics);
    }

    /// <summary>Standard errors of θ = exp(u) by the delta method from the inverted Hessian of −LL in u.</summary>
    internal static (IReadOnlyDictionary<string, double> Errors, string? Note) StandardErrors(
        string[] names, Func<double[], double> logLikelihood, double[] point)
    {
        double NegativeLogLikelihood(double[] u) => -logLikelihood(u.Select(v => Math.Exp(v)).ToArray());
        var hessian = NumericalHessian.Compute(NegativeLogLikelihood, point, step: 1e-4);
        var inverse = hessian is null ? null : NumericalHessian.InvertPositiveDefinite(hessian);
        if (inverse is null)
        {
            return (new Dictionary<string, double>(), LifetimeErrorMessages.HessianNotPositiveDefinite);
        }

        var errors = new Dictionary<string, double>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            errors[names[i]] = Math.Exp(point[i]) * Math.Sqrt(inverse[i, i]);
        }

        return (errors, null);
    }

    private static double GradientNorm(Func<double[], double> objective, double[] point)
    {
        const double h = 1e-6;
        var sum = 0d;
        var probe = (double[])point.Clone();
        for (var i = 0; i < point.Length; i++)
        {
            probe[i] = point[i] + h;
            var up = objective(probe);
            probe[i] = point[i] - h;
            var down = objective(probe);
            probe[i] = point[i];
            var g = (up - down) / (2 * h);
            sum += g * g;
        }

        return Math.Sqrt(sum);
    }
}
