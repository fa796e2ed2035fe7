namespace RetentionMetrics.Segments.Syntax;

/// <summary>A comparison such as <c>sum(order_completed.amount) &gt; $500</c>; unknown when either side is missing.</summary>
/// <param name="Left">The left operand.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Right">The right operand.</param>
public sealed record ComparisonCondition(SegmentOperand Left, ComparisonOperator Operator, SegmentOperand Right) : SegmentCondition
{
    /// <inheritdoc/>
    public bool Equals(ComparisonCondition? other) =>
        other is not null && Operator == other.Operator && Left.Equals(other.Left) && Right.Equals(other.Right);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Left, Operator, Right);
}
