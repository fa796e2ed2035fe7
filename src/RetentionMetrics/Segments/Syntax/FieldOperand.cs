namespace RetentionMetrics.Segments.Syntax;

/// <summary>A named value: a customer trait in a rule, or a property of the event inside an aggregate's <c>where</c> filter.</summary>
/// <param name="Name">The trait or property name, compared ordinally.</param>
public sealed record FieldOperand(string Name) : SegmentOperand
{
    /// <inheritdoc/>
    public bool Equals(FieldOperand? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);
}
