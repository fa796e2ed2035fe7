namespace RetentionMetrics.Churn;

/// <summary>A two-sided confidence interval around an estimate.</summary>
/// <remarks>Equal when both bounds and the level are equal. <c>default</c> is the empty interval [0, 0] at level 0.</remarks>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
/// <param name="Level">The confidence level, such as 0.95.</param>
public readonly record struct ConfidenceInterval(double Low, double High, double Level)
{
    /// <summary>Whether <paramref name="value"/> lies within the interval, bounds included.</summary>
    /// <param name="value">The value to test.</param>
    /// <returns><see langword="true"/> when Low ≤ value ≤ High.</returns>
    public bool Contains(double value) => value >= Low && value <= High;
}
