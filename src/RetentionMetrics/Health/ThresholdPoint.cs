namespace RetentionMetrics.Health;

/// <summary>One point of a piecewise-linear normaliser: a raw value and the goodness it earns.</summary>
/// <remarks>Equal when both numbers are equal. <c>default</c> is the point (0, 0).</remarks>
/// <param name="Value">The raw value.</param>
/// <param name="Score">The goodness at that value, from 0 to 1.</param>
public readonly record struct ThresholdPoint(double Value, double Score);
