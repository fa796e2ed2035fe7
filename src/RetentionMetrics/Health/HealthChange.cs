namespace RetentionMetrics.Health;

/// <summary>One customer's health now against a previous snapshot.</summary>
/// <remarks>Equal when key and both scores are equal. Bands are ordered by where they start, so bands of the same model compare correctly.</remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed record HealthChange<TKey>
{
    /// <summary>Creates the change.</summary>
    /// <param name="customerId">The customer's key.</param>
    /// <param name="previous">The previous score, or null when the customer is new.</param>
    /// <param name="current">The current score, or null when the customer is gone.</param>
    /// <exception cref="ArgumentException">Both scores are null.</exception>
    public HealthChange(TKey customerId, HealthScore? previous, HealthScore? current)
    {
        if (previous is null && current is null)
        {
            throw new ArgumentException("Expected at least one of the previous and current scores.", nameof(current));
        }

        CustomerId = customerId;
        Previous = previous;
        Current = current;
    }

    /// <summary>The customer's key.</summary>
    public TKey CustomerId { get; }

    /// <summary>The previous score, or null when the customer is new.</summary>
    public HealthScore? Previous { get; }

    /// <summary>The current score, or null when the customer is gone.</summary>
    public HealthScore? Current { get; }

    /// <summary>Current score minus previous score, or null when either is absent.</summary>
    public double? ScoreChange => Previous is not null && Current is not null ? Current.Score - Previous.Score : null;

    /// <summary>How the band moved.</summary>
    public HealthTrend Trend => (Previous, Current) switch
    {
        (null, _) => HealthTrend.New,
        (_, null) => HealthTrend.Gone,
        var (p, c) when c.Band.From > p.Band.From => HealthTrend.Improved,
        var (p, c) when c.Band.From < p.Band.From => HealthTrend.Deteriorated,
        _ => HealthTrend.Unchanged,
    };

    /// <summary>Whether the customer changed band (improved or deteriorated): a transition worth an alert.</summary>
    public bool IsTransition => Trend is HealthTrend.Improved or HealthTrend.Deteriorated;

    /// <summary>The transition as text, such as <c>Healthy → At-Risk</c>; empty when the band did not change.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsTransition ? $"{Previous!.Band.Name} → {Current!.Band.Name}" : string.Empty;
}
