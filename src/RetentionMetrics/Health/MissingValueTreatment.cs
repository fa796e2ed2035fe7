namespace RetentionMetrics.Health;

/// <summary>What a missing component value does to a customer's score.</summary>
public enum MissingValueTreatment
{
    /// <summary>The component is left out and the remaining weights are scaled up to fill the 100 points.</summary>
    Skip,

    /// <summary>The component counts with the worst goodness, 0, and keeps its weight.</summary>
    Worst,

    /// <summary>A given raw value is used in place of the missing one and normalised like any other.</summary>
    Value,
}
