namespace RetentionMetrics.Health;

/// <summary>A yes/no component: a positive value is true (position 1), zero or a negative value is false (position 0).</summary>
/// <remarks>
/// With <see cref="HealthDirection.HigherIsBetter"/> true is healthy (has SSO enabled); with
/// <see cref="HealthDirection.LowerIsBetter"/> true is unhealthy (had a failed payment). Needs no fitting.
/// All boolean normalisers are equal.
/// </remarks>
public sealed record BooleanNormaliser : HealthNormaliser
{
    /// <inheritdoc/>
    public override bool IsFitted => true;

    /// <inheritdoc/>
    public override string TypeName => "boolean";

    internal override double Goodness(double value, HealthDirection direction) => Orient(value > 0d ? 1d : 0d, direction);

}
