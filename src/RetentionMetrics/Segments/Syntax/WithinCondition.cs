namespace RetentionMetrics.Segments.Syntax;

/// <summary><c>X within last N days</c>: the time X is at or after A − N (A the as-of instant).</summary>
/// <param name="Operand">The time X.</param>
/// <param name="Duration">The length N.</param>
public sealed record WithinCondition(SegmentOperand Operand, SegmentDuration Duration) : SegmentCondition
{
    /// <inheritdoc/>
    public bool Equals(WithinCondition? other) => other is not null && Duration == other.Duration && Operand.Equals(other.Operand);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Operand, Duration);
}
