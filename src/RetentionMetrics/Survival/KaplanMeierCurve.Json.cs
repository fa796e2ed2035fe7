namespace RetentionMetrics.Survival;

// Restore for RetentionMetrics.Serialization.
public sealed partial class KaplanMeierCurve
{
    internal static KaplanMeierCurve Restore(IReadOnlyList<SurvivalStep> steps, int subjects, int events, double? median, double confidenceLevel) =>
        new(steps, subjects, events, median, confidenceLevel);
}
