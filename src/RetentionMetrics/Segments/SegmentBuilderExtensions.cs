using System.Collections.Immutable;
using NodaTime;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Segments;

/// <summary>The fluent rule builder's comparisons, tests, combinators and aggregate refinements; start from <see cref="Segment"/>.</summary>
public static class SegmentBuilderExtensions
{
    /// <summary><c>left = right</c>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The condition.</returns>
    public static ComparisonCondition EqualTo(this SegmentOperand left, SegmentOperand right) => Compare(left, ComparisonOperator.Equal, right);

    /// <summary><c>left != right</c>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The condition.</returns>
    public static ComparisonCondition NotEqualTo(this SegmentOperand left, SegmentOperand right) => Compare(left, ComparisonOperator.NotEqual, right);

    /// <summary><c>left &lt; right</c>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The condition.</returns>
    public static ComparisonCondition LessThan(this SegmentOperand left, SegmentOperand right) => Compare(left, ComparisonOperator.Less, right);

    /// <summary><c>left &lt;= right</c>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The condition.</returns>
    public static ComparisonCondition AtMost(this SegmentOperand left, SegmentOperand right) => Compare(left, ComparisonOperator.LessOrEqual, right);

    /// <summary><c>left &gt; right</c>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The condition.</returns>
    public static ComparisonCondition GreaterThan(this SegmentOperand left, SegmentOperand right) => Compare(left, ComparisonOperator.Greater, right);

    /// <summary><c>left &gt;= right</c>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The condition.</returns>
    public static ComparisonCondition AtLeast(this SegmentOperand left, SegmentOperand right) => Compare(left, ComparisonOperator.GreaterOrEqual, right);

    /// <summary><c>operand in (values)</c>.</summary>
    /// <param name="operand">The value tested.</param>
    /// <param name="values">At least one literal.</param>
    /// <returns>The condition.</returns>
    public static InCondition In(this SegmentOperand operand, params LiteralOperand[] values) => InList(operand, values, negated: false);

    /// <summary><c>operand not in (values)</c>.</summary>
    /// <param name="operand">The value tested.</param>
    /// <param name="values">At least one literal.</param>
    /// <returns>The condition.</returns>
    public static InCondition NotIn(this SegmentOperand operand, params LiteralOperand[] values) => InList(operand, values, negated: true);

    /// <summary><c>operand between low and high</c> (both included).</summary>
    /// <param name="operand">The value tested.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <returns>The condition.</returns>
    public static BetweenCondition Between(this SegmentOperand operand, SegmentOperand low, SegmentOperand high)
    {
        ArgumentNullException.ThrowIfNull(operand);
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        return new BetweenCondition(operand, low, high);
    }

    /// <summary><c>operand is null</c>.</summary>
    /// <param name="operand">The value tested.</param>
    /// <returns>The condition.</returns>
    public static NullCondition IsNull(this SegmentOperand operand)
    {
        ArgumentNullException.ThrowIfNull(operand);
        return new NullCondition(operand);
    }

    /// <summary><c>operand is not null</c>.</summary>
    /// <param name="operand">The value tested.</param>
    /// <returns>The condition.</returns>
    public static NullCondition IsNotNull(this SegmentOperand operand)
    {
        ArgumentNullException.ThrowIfNull(operand);
        return new NullCondition(operand, Negated: true);
    }

    /// <summary><c>operand more than N ago</c>.</summary>
    /// <param name="operand">A time.</param>
    /// <param name="duration">N.</param>
    /// <returns>The condition.</returns>
    public static AgoCondition MoreThanAgo(this SegmentOperand operand, SegmentDuration duration)
    {
        ArgumentNullException.ThrowIfNull(operand);
        return new AgoCondition(operand, duration);
    }

    /// <summary><c>operand within last N</c>.</summary>
    /// <param name="operand">A time.</param>
    /// <param name="duration">N.</param>
    /// <returns>The condition.</returns>
    public static WithinCondition WithinLast(this SegmentOperand operand, SegmentDuration duration)
    {
        ArgumentNullException.ThrowIfNull(operand);
        return new WithinCondition(operand, duration);
    }

    /// <summary>A boolean operand as a condition (<c>exists(app_session)</c>, a boolean trait).</summary>
    /// <param name="operand">A boolean.</param>
    /// <returns>The condition.</returns>
    public static TestCondition IsTrue(this SegmentOperand operand)
    {
        ArgumentNullException.ThrowIfNull(operand);
        return new TestCondition(operand);
    }

    /// <summary><c>left and right</c>.</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The condition.</returns>
    public static AndCondition And(this SegmentCondition left, SegmentCondition right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new AndCondition(left, right);
    }

    /// <summary><c>left or right</c>.</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The condition.</returns>
    public static OrCondition Or(this SegmentCondition left, SegmentCondition right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new OrCondition(left, right);
    }

    /// <summary>Adds a <c>where</c> filter over the event's properties (see <see cref="Segment.Property"/>).</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="filter">The filter.</param>
    /// <returns>The refined aggregate.</returns>
    public static AggregateOperand Where(this AggregateOperand aggregate, SegmentCondition filter)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(filter);
        return aggregate with { Filter = filter };
    }

    /// <summary>Restricts the aggregate to the window <c>last N</c>.</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="duration">N.</param>
    /// <returns>The refined aggregate.</returns>
    public static AggregateOperand InLast(this AggregateOperand aggregate, SegmentDuration duration)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return aggregate with { Window = new RelativeWindow(duration) };
    }

    /// <summary>Restricts the aggregate to the days <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <returns>The refined aggregate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static AggregateOperand InRange(this AggregateOperand aggregate, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The last day must not be before the first.");
        }

        return aggregate with { Window = new DateRangeWindow(from, to) };
    }

    private static ComparisonCondition Compare(SegmentOperand left, ComparisonOperator op, SegmentOperand right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new ComparisonCondition(left, op, right);
    }

    private static InCondition InList(SegmentOperand operand, LiteralOperand[] values, bool negated)
    {
        ArgumentNullException.ThrowIfNull(operand);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("Expected at least one value.", nameof(values));
        }

        return new InCondition(operand, ImmutableArray.Create(values), negated);
    }
}
