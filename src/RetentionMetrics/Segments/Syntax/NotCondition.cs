namespace RetentionMetrics.Segments.Syntax;

/// <summary><c>not C</c>: true when C is false, unknown when C is unknown.</summary>
/// <param name="Operand">The negated condition.</param>
public sealed record NotCondition(SegmentCondition Operand) : SegmentCondition
{
    /// <inheritdoc/>
    public bool Equals(NotCondition? other) => other is not null && Operand.Equals(other.Operand);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Operand, 17);
}
