namespace RetentionMetrics.Health;

/// <summary>What one component added to a customer's score, and what it could have added.</summary>
/// <remarks>Equal when every field is equal. <c>default</c> has no component name and zero points.</remarks>
/// <param name="Component">The component's name.</param>
/// <param name="Points">The points the component contributed (its share of 100 times its goodness).</param>
/// <param name="MaximumPoints">The points it would have contributed at goodness 1 (its share of 100); 0 when skipped.</param>
/// <param name="IsMissing">Whether the customer's value was missing (skipped, counted as worst, or replaced by a value).</param>
public readonly record struct HealthContribution(string Component, double Points, double MaximumPoints, bool IsMissing)
{
    /// <summary>The points lost against the maximum: <see cref="MaximumPoints"/> − <see cref="Points"/>, never negative.</summary>
    public double LostPoints => Math.Max(0d, MaximumPoints - Points);
}
