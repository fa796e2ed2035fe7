namespace RetentionMetrics.Survival;

/// <summary>How a Kaplan–Meier curve is estimated.</summary>
public sealed record KaplanMeierOptions
{
    /// <summary>The default options: 95% confidence intervals.</summary>
    public static KaplanMeierOptions Default { get; } = new();

    /// <summary>The confidence level of the pointwise intervals, between 0 and 1. 0.95 by default.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    internal void Validate(string parameterName)
    {
        if (!(ConfidenceLevel is > 0 and < 1))
        {
            throw new ArgumentException(SurvivalErrorMessages.ConfidenceLevelNotValid, parameterName);
        }
    }
}
