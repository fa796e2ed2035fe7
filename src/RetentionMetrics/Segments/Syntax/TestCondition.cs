namespace RetentionMetrics.Segments.Syntax;

/// <summary>A boolean operand used as a condition, such as <c>exists(app_session)</c> or a boolean trait <c>is_vip</c>.</summary>
/// <param name="Operand">The boolean value; unknown when missing.</param>
public sealed record TestCondition(SegmentOperand Operand) : SegmentCondition
{
    /// <inheritdoc/>
    public bool Equals(TestCondition? other) => other is not null && Operand.Equals(other.Operand);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Operand, 31);
}
