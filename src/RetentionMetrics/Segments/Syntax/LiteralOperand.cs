namespace RetentionMetrics.Segments.Syntax;

/// <summary>A constant: a number, money (<c>$500</c>), a string, a boolean, an ISO date or an ISO instant.</summary>
/// <param name="Value">The constant's value; never missing.</param>
/// <param name="IsMoney">Whether the number was written as money (<c>$500</c>); it prints with a dollar sign.</param>
public sealed record LiteralOperand(SegmentValue Value, bool IsMoney = false) : SegmentOperand
{
    /// <inheritdoc/>
    public bool Equals(LiteralOperand? other) => other is not null && Value.Equals(other.Value) && IsMoney == other.IsMoney;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, IsMoney);
}
