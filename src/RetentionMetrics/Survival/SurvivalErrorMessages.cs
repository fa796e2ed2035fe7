namespace RetentionMetrics.Survival;

/// <summary>The wording of the errors raised by survival analysis, in one place.</summary>
public static class SurvivalErrorMessages
{
    /// <summary>An observation time is negative, infinite or NaN.</summary>
    public const string TimeNotValid = "A survival time must be a finite number of at least 0.";

    /// <summary>The log-rank test was given fewer than two groups.</summary>
    public const string TooFewGroups = "The log-rank test compares at least two groups.";

    /// <summary>The confidence level is outside (0, 1).</summary>
    public const string ConfidenceLevelNotValid = "The confidence level must be between 0 and 1, both excluded.";

    /// <summary>The inactivity gap is zero or negative.</summary>
    public const string InactivityGapNotValid = "The inactivity gap must be a positive period, such as 90 days.";
}
