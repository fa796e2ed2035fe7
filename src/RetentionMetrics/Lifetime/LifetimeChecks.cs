namespace RetentionMetrics.Lifetime;

/// <summary>Argument checks shared by the models.</summary>
internal static class LifetimeChecks
{
    public static double Parameter(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value
            : throw new ArgumentOutOfRangeException(name, value, "Expected a positive finite model parameter.");

    public static void History(double t, double frequency, double recency, double T)
    {
        if (!double.IsFinite(t) || t < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "Expected a finite horizon, 0 or more.");
        }

        History(frequency, recency, T);
    }

    public static void History(double frequency, double recency, double T)
    {
        if (!double.IsFinite(frequency) || frequency < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Expected a finite frequency, 0 or more.");
        }

        if (!double.IsFinite(T) || T < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(T), T, "Expected a finite T, 0 or more.");
        }

        if (!double.IsFinite(recency) || recency < 0 || recency > T * (1 + 1e-12))
        {
            throw new ArgumentOutOfRangeException(nameof(recency), recency, "Expected a finite recency from 0 to T.");
        }
    }

    public static double Horizon(double t) =>
        double.IsFinite(t) && t >= 0 ? t : throw new ArgumentOutOfRangeException(nameof(t), t, "Expected a finite horizon, 0 or more.");

    /// <summary>A ₂F₁ value, or the documented error when its series did not converge.</summary>
    public static double Converged(double value) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException("t", LifetimeErrorMessages.HypergeometricNotConverged);

    public static LifetimeFitOptions Options(LifetimeFitOptions? options, int dimension)
    {
        var chosen = options ?? LifetimeFitOptions.Default;
        chosen.Validate(nameof(options), dimension);
        return chosen;
    }

    public static double Clamp01(double value) => double.IsNaN(value) ? 0d : Math.Clamp(value, 0d, 1d);

    public static double NonNegative(double value) => double.IsFinite(value) ? Math.Max(0d, value) : throw new ArgumentOutOfRangeException("t", "A prediction is not finite for these parameters and this horizon.");

    /// <summary>
    /// Evaluates a formula with a removable 0/0 at a = 1 (the (a − 1) denominators of BG/NBD and MBG/NBD): near 1 it
    /// averages the values at 1 ± 1e-5, exact to O(1e-10) for these smooth functions.
    /// </summary>
    public static double AwayFromOne(double a, Func<double, double> formula) =>
        Math.Abs(a - 1) < 1e-7 ? (formula(1 - 1e-5) + formula(1 + 1e-5)) / 2 : formula(a);

    /// <summary>
    /// As <see cref="AwayFromOne(double, Func{double, double})"/>, and also away from a second removable 0/0 at a = <paramref name="other"/>: BG/NBD's
    /// ₂F₁(…; a + b + x − 1; …) has a pole where its lower parameter is 0, cancelled by the (a + b + x − 1) factor.
    /// </summary>
    public static double AwayFromOne(double a, double other, Func<double, double> formula)
    {
        if (Math.Abs(a - other) >= 1e-7)
        {
            return AwayFromOne(a, formula);
        }

        // a stays positive: the other singular point is above 0 whenever it is reached by a valid a.
        var step = Math.Min(1e-5, a / 2);
        return (AwayFromOne(a - step, formula) + AwayFromOne(a + step, formula)) / 2;
    }
}
