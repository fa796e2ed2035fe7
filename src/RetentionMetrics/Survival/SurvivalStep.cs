namespace RetentionMetrics.Survival;

/// <summary>One row of a Kaplan–Meier table: a distinct observed time and the estimate just after it.</summary>
/// <remarks>Equal when every field is equal.</remarks>
/// <param name="Time">The time.</param>
/// <param name="AtRisk">The subjects still observed just before <paramref name="Time"/>.</param>
/// <param name="Events">The events at <paramref name="Time"/>.</param>
/// <param name="Censored">The observations censored at <paramref name="Time"/>.</param>
/// <param name="Survival">The Kaplan–Meier estimate S(t) just after <paramref name="Time"/>.</param>
/// <param name="StandardError">Greenwood's standard error of S(t) (0 where S(t) is 0 or 1).</param>
/// <param name="Lower">The lower confidence limit (log-log interval).</param>
/// <param name="Upper">The upper confidence limit (log-log interval).</param>
public readonly record struct SurvivalStep(
    double Time, int AtRisk, int Events, int Censored, double Survival, double StandardError, double Lower, double Upper);
