namespace RetentionMetrics.Lifetime;

/// <summary>
/// Maximum likelihood with analytic gradients: BFGS on the log-parameters u = ln θ with a backtracking (Armijo) line
/// search, then the Hessian by central differences of the analytic gradient, used for a few Newton steps when the
/// gradient is still above the tolerance and for the standard errors. Deterministic.
/// </summary>
/// <remarks>
/// The objective is f(u) = −LL(e^u) / N + λ Σ θ², the same as the Nelder–Mead path, so the two optimisers agree on
/// what they minimise. A step never moves a log-parameter by more than <see cref="MaximumStep"/>, so the parameters
/// cannot overflow in one step; the line search treats a non-finite likelihood as +∞ and backs off.
/// </remarks>
internal static class QuasiNewton
{
    private const double MaximumStep = 4d;
    private const double Armijo = 1e-4;
    private const int MaximumBacktracks = 60;
    private const int NewtonSteps = 4;
    private const double HessianStep = 1e-5;
    private const double DivergenceBound = 20d;

    /// <summary>
    /// Below the gradient tolerance BFGS still goes on while its last step lowered the objective by more than this share
    /// of it: at a maximum that is one or two more steps, but along a ridge that rises towards infinity (Pareto/NBD with
    /// s, β → ∞ at fixed s/β) each step gains half the remaining likelihood while the gradient is already small.
    /// </summary>
    private const double StillDescending = 1e-10;

    public static (double[] Parameters, LifetimeFitDiagnostics Diagnostics) Fit(string[] names, GradientLikelihood likelihood, LifetimeFitOptions options)
    {
        var n = names.Length;
        var customers = likelihood.Customers;
        var penalty = options.Penalty;
        var evaluations = 0;
        double Objective(double[] u, double[] gradient)
        {
            evaluations++;
            Span<double> theta = stackalloc double[n];
            Span<double> score = stackalloc double[n];
            for (var i = 0; i < n; i++)
            {
                theta[i] = Math.Exp(u[i]);
                if (!(theta[i] > 0) || !double.IsFinite(theta[i]))
                {
                    return double.PositiveInfinity;
                }
            }

            var ll = likelihood.Evaluate(theta, score);
            if (!double.IsFinite(ll))
            {
                return double.PositiveInfinity;
            }

            var value = -ll / customers;
            for (var i = 0; i < n; i++)
            {
                value += penalty * theta[i] * theta[i];
                gradient[i] = (-score[i] / customers + 2 * penalty * theta[i]) * theta[i];
                if (!double.IsFinite(gradient[i]))
                {
                    return double.PositiveInfinity;
                }
            }

            return value;
        }

        var point = options.InitialParameters is { } initial ? initial.Select(v => Math.Log(v)).ToArray() : new double[n];
        var gradient = new double[n];
        var value = Objective(point, gradient);
        if (!double.IsFinite(value))
        {
            return NotFinite(names, point, evaluations);
        }

        var inverse = Identity(n, 1d);
        var trial = new double[n];
        var trialGradient = new double[n];
        var direction = new double[n];
        var step = new double[n];
        var change = new double[n];
        var iterations = 0;
        var lastStep = 0d;
        string? reason = null;
        var scaled = false;
        var flatSteps = 0;
        var lastDecrease = double.PositiveInfinity;
        while (Norm(gradient) > options.GradientTolerance || lastDecrease > StillDescending * Math.Abs(value))
        {
            if (iterations >= options.MaximumIterations)
            {
                reason = Norm(gradient) > options.GradientTolerance ? LifetimeErrorMessages.IterationLimit : null;
                break;
            }

            iterations++;
            var accepted = false;
            for (var attempt = 0; attempt < 2 && !accepted; attempt++)
            {
                if (attempt == 1)
                {
                    // The quasi-Newton direction failed: restart from steepest descent.
                    inverse = Identity(n, 1d);
                    scaled = false;
                }

                Multiply(inverse, gradient, direction, -1d);
                var slope = Dot(gradient, direction);
                if (!(slope < 0))
                {
                    for (var i = 0; i < n; i++)
                    {
                        direction[i] = -gradient[i];
                    }

                    slope = -Dot(gradient, gradient);
                }

                var largest = direction.Max(Math.Abs);
                var length = largest > MaximumStep ? MaximumStep / largest : 1d;
                for (var backtrack = 0; backtrack < MaximumBacktracks; backtrack++)
                {
                    for (var i = 0; i < n; i++)
                    {
                        trial[i] = point[i] + length * direction[i];
                    }

                    var trialValue = Objective(trial, trialGradient);
                    var sufficient = trialValue <= value + Armijo * length * slope;
                    // At the optimum the decrease falls below rounding: accept a step that keeps the value within a
                    // few ulps and shrinks the gradient.
                    var atPrecision = Math.Abs(trialValue - value) <= 4e-16 * Math.Abs(value)
                        && Norm(trialGradient) < Norm(gradient);
                    if (double.IsFinite(trialValue) && (sufficient || atPrecision))
                    {
                        // A step that changes the value by less than 1e-14 of it is flat, even if it passes Armijo.
                        flatSteps = sufficient && value - trialValue > 1e-14 * Math.Abs(value) ? 0 : flatSteps + 1;
                        for (var i = 0; i < n; i++)
                        {
                            step[i] = trial[i] - point[i];
                            change[i] = trialGradient[i] - gradient[i];
                        }

                        var curvature = Dot(step, change);
                        if (curvature > 1e-12 * Math.Sqrt(Dot(step, step) * Dot(change, change)))
                        {
                            if (!scaled)
                            {
                                // Shanno–Phua scaling of the first inverse Hessian.
                                inverse = Identity(n, curvature / Dot(change, change));
                                scaled = true;
                            }

                            Update(inverse, step, change, curvature);
                        }

                        lastStep = step.Max(Math.Abs);
                        lastDecrease = value - trialValue;
                        Array.Copy(trial, point, n);
                        Array.Copy(trialGradient, gradient, n);
                        value = trialValue;
                        accepted = true;
                        break;
                    }

                    // Backtrack: the minimum of the quadratic through f(0), f'(0) and f(length), kept in [0.1, 0.5].
                    var next = double.IsFinite(trialValue)
                        ? -slope * length * length / (2 * (trialValue - value - slope * length))
                        : 0.25 * length;
                    length = Math.Clamp(double.IsFinite(next) ? next : 0.5 * length, 0.1 * length, 0.5 * length);
                }
            }

            // Steps that no longer change the value mean BFGS is at the rounding floor: hand over to Newton.
            if (!accepted || flatSteps >= 3)
            {
                break;
            }

            if (point.Any(u => Math.Abs(u) > DivergenceBound))
            {
                break;
            }
        }

        // The Hessian of f by central differences of the analytic gradient: 2n gradient evaluations.
        var hessian = Hessian(Objective, point, n);
        var newtonInverse = hessian is null ? null : NumericalHessian.InvertPositiveDefinite(hessian);
        for (var k = 0; k < NewtonSteps && newtonInverse is not null && reason is null && Norm(gradient) > 1e-3 * options.GradientTolerance; k++)
        {
            Multiply(newtonInverse, gradient, direction, -1d);
            for (var i = 0; i < n; i++)
            {
                trial[i] = point[i] + direction[i];
            }

            var trialValue = Objective(trial, trialGradient);
            if (!(trialValue <= value + 4e-16 * Math.Abs(value)) || !(Norm(trialGradient) < Norm(gradient)))
            {
                break;
            }

            iterations++;
            lastStep = direction.Max(Math.Abs);
            Array.Copy(trial, point, n);
            Array.Copy(trialGradient, gradient, n);
            value = trialValue;
        }

        var gradientNorm = Norm(gradient);
        var converged = gradientNorm <= options.GradientTolerance;
        if (point.Any(u => Math.Abs(u) > DivergenceBound))
        {
            converged = false;
            reason = LifetimeErrorMessages.ParameterDiverged;
        }
        else if (!converged)
        {
            reason ??= LifetimeErrorMessages.LineSearchStalled;
        }
        else if (newtonInverse is null)
        {
            // A vanishing gradient where the Hessian is not positive definite is a flat ridge or a saddle, not a maximum.
            converged = false;
            reason = LifetimeErrorMessages.NotAMaximum;
        }
        else
        {
            reason = null;
        }

        var parameters = point.Select(Math.Exp).ToArray();
        var logLikelihood = likelihood.Value(parameters);
        var (errors, note) = StandardErrors(names, hessian, parameters, customers, penalty);
        var diagnostics = new LifetimeFitDiagnostics(
            logLikelihood, customers, iterations, evaluations, converged, reason, lastStep, gradientNorm, errors, note);
        return (parameters, diagnostics);
    }

    /// <summary>∂²f/∂uᵢ∂uⱼ by central differences of the gradient, symmetrised; null when a value is not finite.</summary>
    internal static double[,]? Hessian(Func<double[], double[], double> objective, double[] point, int n)
    {
        var hessian = new double[n, n];
        var probe = (double[])point.Clone();
        var up = new double[n];
        var down = new double[n];
        for (var i = 0; i < n; i++)
        {
            probe[i] = point[i] + HessianStep;
            var upValue = objective(probe, up);
            probe[i] = point[i] - HessianStep;
            var downValue = objective(probe, down);
            probe[i] = point[i];
            if (!double.IsFinite(upValue) || !double.IsFinite(downValue))
            {
                return null;
            }

            for (var j = 0; j < n; j++)
            {
                hessian[i, j] = (up[j] - down[j]) / (2 * HessianStep);
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var mean = (hessian[i, j] + hessian[j, i]) / 2;
                hessian[i, j] = mean;
                hessian[j, i] = mean;
            }
        }

        return hessian;
    }

    /// <summary>
    /// Standard errors of θ by the delta method: the Hessian of −LL in u is N (H_f − diag(4λθ²)); its inverse's
    /// diagonal times θ² is the variance of θ.
    /// </summary>
    private static (IReadOnlyDictionary<string, double> Errors, string? Note) StandardErrors(
        string[] names, double[,]? objectiveHessian, double[] parameters, double customers, double penalty)
    {
        if (objectiveHessian is null)
        {
            return (new Dictionary<string, double>(), LifetimeErrorMessages.HessianNotPositiveDefinite);
        }

        var n = names.Length;
        var hessian = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                hessian[i, j] = customers * (objectiveHessian[i, j] - (i == j ? 4 * penalty * parameters[i] * parameters[i] : 0d));
            }
        }

        var inverse = NumericalHessian.InvertPositiveDefinite(hessian);
        if (inverse is null)
        {
            return (new Dictionary<string, double>(), LifetimeErrorMessages.HessianNotPositiveDefinite);
        }

        var errors = new Dictionary<string, double>(n);
        for (var i = 0; i < n; i++)
        {
            errors[names[i]] = parameters[i] * Math.Sqrt(inverse[i, i]);
        }

        return (errors, null);
    }

    private static (double[] Parameters, LifetimeFitDiagnostics Diagnostics) NotFinite(string[] names, double[] point, int evaluations) =>
        (point.Select(Math.Exp).ToArray(), new LifetimeFitDiagnostics(
            double.MinValue, 0, 0, evaluations, false, LifetimeErrorMessages.LikelihoodNotFinite, 0, double.MaxValue,
            new Dictionary<string, double>(), LifetimeErrorMessages.HessianNotPositiveDefinite));

    private static double[,] Identity(int n, double scale)
    {
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            matrix[i, i] = scale;
        }

        return matrix;
    }

    /// <summary>The BFGS update of the inverse Hessian: H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / sᵀy.</summary>
    private static void Update(double[,] inverse, double[] s, double[] y, double curvature)
    {
        var n = s.Length;
        var rho = 1 / curvature;
        Span<double> hy = stackalloc double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = 0d;
            for (var j = 0; j < n; j++)
            {
                sum += inverse[i, j] * y[j];
            }

            hy[i] = sum;
        }

        var yhy = 0d;
        for (var i = 0; i < n; i++)
        {
            yhy += y[i] * hy[i];
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                inverse[i, j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    private static void Multiply(double[,] matrix, double[] vector, double[] result, double factor)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            var sum = 0d;
            for (var j = 0; j < vector.Length; j++)
            {
                sum += matrix[i, j] * vector[j];
            }

            result[i] = factor * sum;
        }
    }

    private static double Dot(double[] x, double[] y)
    {
        var sum = 0d;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    private static double Norm(double[] x) => Math.Sqrt(Dot(x, x));
}
