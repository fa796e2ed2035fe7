namespace RetentionMetrics.Segments.Syntax;

/// <summary>An absence test: <c>lifetime_value is null</c> or <c>is not null</c>; never unknown.</summary>
/// <param name="Operand">The value tested.</param>
/// <param name="Negated">Whether it reads <c>is not null</c>.</param>
public sealed record NullCondition(SegmentOperand Operand, bool Negated = false) : SegmentCondition
{
    /// <inheritdoc/>
    public bool Equals(NullCondition? other) => other is not null && Negated == other.Negated && Operand.Equals(other.Operand);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Operand, Negated);
}
