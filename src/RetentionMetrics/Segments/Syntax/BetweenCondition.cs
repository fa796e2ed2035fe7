namespace RetentionMetrics.Segments.Syntax;

/// <summary>A range test such as <c>last(nps_response.score) between 0 and 6</c> (both ends included).</summary>
/// <param name="Operand">The value tested.</param>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
/// <param name="Negated">Whether it reads <c>not between</c>.</param>
public sealed record BetweenCondition(SegmentOperand Operand, SegmentOperand Low, SegmentOperand High, bool Negated = false) : SegmentCondition
{
    /// <inheritdoc/>
    public bool Equals(BetweenCondition? other) =>
        other is not null && Negated == other.Negated && Operand.Equals(other.Operand) && Low.Equals(other.Low) && High.Equals(other.High);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Operand, Low, High, Negated);
}
