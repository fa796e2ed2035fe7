using NodaTime;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Segments;

/// <summary>Starting points of the fluent rule builder: traits, properties, literals, aggregates, durations and combinators.</summary>
/// <remarks>
/// The builder makes the same syntax trees as the parser, so
/// <c>Segment.Sum("order_completed", "amount").GreaterThan(Segment.Money(500))</c> equals
/// <c>SegmentRule.Parse("sum(order_completed.amount) &gt; $500").Condition</c>. Continue with the methods of
/// <see cref="SegmentBuilderExtensions"/>, then check the tree with <see cref="SegmentRule.FromCondition"/>.
/// </remarks>
public static class Segment
{
    /// <summary>A customer trait.</summary>
    /// <param name="name">The trait name.</param>
    /// <returns>The operand.</returns>
    public static FieldOperand Trait(string name) => new(Checked(name));

    /// <summary>A property of the event, for use inside <see cref="SegmentBuilderExtensions.Where"/>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The operand.</returns>
    public static FieldOperand Property(string name) => new(Checked(name));

    /// <summary>A number literal.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The literal.</returns>
    public static LiteralOperand Value(decimal value) => new(SegmentValue.FromNumber(value));

    /// <summary>A money literal (prints as <c>$500</c>).</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The literal.</returns>
    public static LiteralOperand Money(decimal value) => new(SegmentValue.FromNumber(value), IsMoney: true);

    /// <summary>A string literal.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The literal.</returns>
    public static LiteralOperand Value(string value) => new(SegmentValue.FromString(value));

    /// <summary>A boolean literal.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The literal.</returns>
    public static LiteralOperand Value(bool value) => new(SegmentValue.FromBoolean(value));

    /// <summary>A date literal (the start of the day in the evaluation's zone).</summary>
    /// <param name="value">The date.</param>
    /// <returns>The literal.</returns>
    public static LiteralOperand Value(LocalDate value) => new(SegmentValue.FromDate(value));

    /// <summary>An instant literal.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The literal.</returns>
    public static LiteralOperand Value(Instant value) => new(SegmentValue.FromInstant(value));

    /// <summary><c>count(event)</c>.</summary>
    /// <param name="eventName">The event name.</param>
    /// <returns>The aggregate.</returns>
    public static AggregateOperand Count(string eventName) => Aggregate(AggregateFunction.Count, eventName, null);

    /// <summary><c>exists(event)</c>.</summary>
    /// <param name="eventName">The event name.</param>
    /// <returns>The aggregate.</returns>
    public static AggregateOperand Exists(string eventName) => Aggregate(AggregateFunction.Exists, eventName, null);

    /// <summary><c>sum(event.property)</c>.</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="property">The numeric property.</param>
    /// <returns>The aggregate.</returns>
    public static AggregateOperand Sum(string eventName, string property) => Aggregate(AggregateFunction.Sum, eventName, Checked(property));

    /// <summary><c>avg(event.property)</c>.</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="property">The numeric property.</param>
    /// <returns>The aggregate.</returns>
    public static AggregateOperand Avg(string eventName, string property) => Aggregate(AggregateFunction.Avg, eventName, Checked(property));

    /// <summary><c>min(event.property)</c>.</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="property">The numeric or date property.</param>
    /// <returns>The aggregate.</returns>
    public static AggregateOperand Min(string eventName, string property) => Aggregate(AggregateFunction.Min, eventName, Checked(property));

    /// <summary><c>max(event.property)</c>.</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="property">The numeric or date property.</param>
    /// <returns>The aggregate.</returns>
    public static AggregateOperand Max(string eventName, string property) => Aggregate(AggregateFunction.Max, eventName, Checked(property));

    /// <summary><c>first(event)</c> (its time) or <c>first(event.property)</c> (the property on the earliest event).</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="property">The property, or null for the time.</param>
    /// <returns>The aggregate.</returns>
    public static AggregateOperand First(string eventName, string? property = null) =>
        Aggregate(AggregateFunction.First, eventName, property is null ? null : Checked(property));

    /// <summary><c>last(event)</c> (its time) or <c>last(event.property)</c> (the property on the latest event).</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="property">The property, or null for the time.</param>
    /// <returns>The aggregate.</returns>
    public static AggregateOperand Last(string eventName, string? property = null) =>
        Aggregate(AggregateFunction.Last, eventName, property is null ? null : Checked(property));

    /// <summary>A duration of <paramref name="count"/> days.</summary>
    /// <param name="count">From 1 to <see cref="SegmentDuration.MaximumCount"/>.</param>
    /// <returns>The duration.</returns>
    public static SegmentDuration Days(int count) => Duration(count, SegmentDurationUnit.Days);

    /// <summary>A duration of <paramref name="count"/> weeks.</summary>
    /// <param name="count">From 1 to <see cref="SegmentDuration.MaximumCount"/>.</param>
    /// <returns>The duration.</returns>
    public static SegmentDuration Weeks(int count) => Duration(count, SegmentDurationUnit.Weeks);

    /// <summary>A duration of <paramref name="count"/> months.</summary>
    /// <param name="count">From 1 to <see cref="SegmentDuration.MaximumCount"/>.</param>
    /// <returns>The duration.</returns>
    public static SegmentDuration Months(int count) => Duration(count, SegmentDurationUnit.Months);

    /// <summary>All of the conditions (<c>and</c>).</summary>
    /// <param name="conditions">At least two conditions.</param>
    /// <returns>The condition.</returns>
    public static AndCondition All(params SegmentCondition[] conditions) => new(conditions);

    /// <summary>Any of the conditions (<c>or</c>).</summary>
    /// <param name="conditions">At least two conditions.</param>
    /// <returns>The condition.</returns>
    public static OrCondition Any(params SegmentCondition[] conditions) => new(conditions);

    /// <summary>The negation (<c>not</c>).</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>The condition.</returns>
    public static NotCondition Not(SegmentCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new(condition);
    }

    private static SegmentDuration Duration(int count, SegmentDurationUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, SegmentDuration.MaximumCount);
        return new SegmentDuration(count, unit);
    }

    private static AggregateOperand Aggregate(AggregateFunction function, string eventName, string? property) =>
        new(function, Checked(eventName), property);

    private static string Checked(string name, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(name))] string? parameter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
        return name;
    }
}
