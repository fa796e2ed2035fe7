using System.Collections.Immutable;

namespace RetentionMetrics.Segments.Syntax;

/// <summary><c>A and B and ...</c> with SQL three-valued logic.</summary>
/// <remarks>Nested <c>and</c> conditions are flattened into one list, so <c>(a and b) and c</c> equals <c>a and b and c</c>.</remarks>
public sealed record AndCondition : SegmentCondition
{
    /// <summary>Combines at least two conditions with <c>and</c>.</summary>
    /// <param name="operands">The conditions; nested <c>and</c> conditions are flattened.</param>
    /// <exception cref="ArgumentNullException"><paramref name="operands"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two operands.</exception>
    public AndCondition(IEnumerable<SegmentCondition> operands)
    {
        ArgumentNullException.ThrowIfNull(operands);
        var builder = ImmutableArray.CreateBuilder<SegmentCondition>();
        foreach (var operand in operands)
        {
            ArgumentNullException.ThrowIfNull(operand, nameof(operands));
            if (operand is AndCondition nested)
            {
                builder.AddRange(nested.Operands);
            }
            else
            {
                builder.Add(operand);
            }
        }

        if (builder.Count < 2)
        {
            throw new ArgumentException(SegmentErrorMessages.TooFewOperands, nameof(operands));
        }

        Operands = builder.ToImmutable();
    }

    /// <summary>Combines conditions with <c>and</c>.</summary>
    /// <param name="operands">At least two conditions.</param>
    public AndCondition(params SegmentCondition[] operands)
        : this((IEnumerable<SegmentCondition>)operands)
    {
    }

    /// <summary>The combined conditions, in order, none of them itself an <see cref="AndCondition"/>.</summary>
    public ImmutableArray<SegmentCondition> Operands { get; }

    /// <inheritdoc/>
    public bool Equals(AndCondition? other) => other is not null && Operands.AsSpan().SequenceEqual(other.Operands.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = 3;
        foreach (var operand in Operands)
        {
            hash = HashCode.Combine(hash, operand);
        }

        return hash;
    }
}
