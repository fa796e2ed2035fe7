namespace RetentionMetrics.Health;

/// <summary>Which way of a component's raw value is healthy.</summary>
/// <remarks><c>default</c> is <see cref="HigherIsBetter"/>.</remarks>
public enum HealthDirection
{
    /// <summary>More is healthier (logins, feature adoption, NPS).</summary>
    HigherIsBetter,

    /// <summary>Less is healthier (support tickets, failed payments).</summary>
    LowerIsBetter,
}
