namespace RetentionMetrics.Health;

/// <summary>What one component added to a customer's score, and what it could have added.</summary>
/// <remarks>Equal when every field is equal. <c>default</c> has no component name and zero points.</remarks>
public readonly record struct HealthContribution
{
    /// <summary>Creates a contribution.</summary>
    /// <param name="component">The component's name.</param>
    /// <param name="points">The points the component contributed (its share of 100 times its goodness).</param>
    /// <param name="maximumPoints">The points it would have contributed at goodness 1 (its share of 100); 0 when skipped.</param>
    /// <param name="isMissing">Whether the customer's value was missing (skipped, counted as worst, or replaced by a value).</param>
    /// <exception cref="ArgumentNullException"><paramref name="component"/> is null.</exception>
    public HealthContribution(string component, double points, double maximumPoints, bool isMissing)
    {
        ArgumentNullException.ThrowIfNull(component);
        Component = component;
        Points = points;
        MaximumPoints = maximumPoints;
        IsMissing = isMissing;
    }

    /// <summary>The component's name.</summary>
    public string Component { get; }

    /// <summary>The points the component contributed (its share of 100 times its goodness).</summary>
    public double Points { get; }

    /// <summary>The points it would have contributed at goodness 1 (its share of 100); 0 when skipped.</summary>
    public double MaximumPoints { get; }

    /// <summary>Whether the customer's value was missing (skipped, counted as worst, or replaced by a value).</summary>
    public bool IsMissing { get; }

    /// <summary>The points lost against the maximum: <see cref="MaximumPoints"/> − <see cref="Points"/>, never negative.</summary>
    public double LostPoints => Math.Max(0d, MaximumPoints - Points);
}
