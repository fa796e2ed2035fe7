using System.Collections.Immutable;

namespace RetentionMetrics.Segments.Syntax;

/// <summary>A membership test such as <c>plan in ('pro', 'enterprise')</c> or <c>plan not in (...)</c>.</summary>
/// <param name="Operand">The value tested.</param>
/// <param name="Values">The literals, at least one.</param>
/// <param name="Negated">Whether it reads <c>not in</c>.</param>
public sealed record InCondition(SegmentOperand Operand, ImmutableArray<LiteralOperand> Values, bool Negated = false) : SegmentCondition
{
    /// <inheritdoc/>
    public bool Equals(InCondition? other) =>
        other is not null && Negated == other.Negated && Operand.Equals(other.Operand) && Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Operand, Negated);
        foreach (var value in Values)
        {
            hash = HashCode.Combine(hash, value);
        }

        return hash;
    }
}
