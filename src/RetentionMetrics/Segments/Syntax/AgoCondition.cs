namespace RetentionMetrics.Segments.Syntax;

/// <summary><c>X more than N days ago</c>: the time X is before A − N (A the as-of instant).</summary>
/// <param name="Operand">The time X.</param>
/// <param name="Duration">The length N.</param>
public sealed record AgoCondition(SegmentOperand Operand, SegmentDuration Duration) : SegmentCondition
{
    /// <inheritdoc/>
    public bool Equals(AgoCondition? other) => other is not null && Duration == other.Duration && Operand.Equals(other.Operand);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Operand, Duration);
}
