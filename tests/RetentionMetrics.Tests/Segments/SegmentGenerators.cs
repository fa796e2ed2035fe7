using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using RetentionMetrics.Segments;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Tests.Segments;

/// <summary>FsCheck generators of syntax trees (any shape, not necessarily well typed) and of rule-like text.</summary>
public static class SegmentGenerators
{
    private static readonly string[] Names = ["plan", "country", "amount", "x", "_y2", "order_completed", "and", "last", "my field", "a`b", "été", "days", "count"];

    private static readonly char[] StringChars = ['a', 'Z', ' ', '\'', '"', '\\', '\n', '\t', '\u0001', 'é', '-', '`'];

    public static Gen<string> Name { get; } = Gen.Elements(Names);

    public static Gen<LiteralOperand> Literal { get; } = Gen.OneOf(
        from units in Gen.Choose(-1_000_000, 1_000_000)
        from scale in Gen.Choose(0, 4)
        from money in Gen.Elements(false, true)
        select new LiteralOperand(SegmentValue.FromNumber(units / Pow10(scale)), money),
        from chars in Gen.Elements(StringChars).ArrayOf()
        select new LiteralOperand(SegmentValue.FromString(new string(chars))),
        from b in Gen.Elements(false, true)
        select new LiteralOperand(SegmentValue.FromBoolean(b)),
        from days in Gen.Choose(0, 73_000)
        select new LiteralOperand(SegmentValue.FromDate(new LocalDate(1900, 1, 1).PlusDays(days))),
        from seconds in Gen.Choose(0, int.MaxValue)
        from millis in Gen.Choose(0, 999)
        select new LiteralOperand(SegmentValue.FromInstant(Instant.FromUnixTimeSeconds(seconds).PlusTicks(millis * 10_000L))));

    public static Gen<SegmentDuration> Duration { get; } =
        from count in Gen.Elements(1, 2, 7, 30, 90, 365, SegmentDuration.MaximumCount)
        from unit in Gen.Elements(SegmentDurationUnit.Days, SegmentDurationUnit.Weeks, SegmentDurationUnit.Months)
        select new SegmentDuration(count, unit);

    public static Gen<SegmentWindow?> Window { get; } = Gen.OneOf(
        Gen.Constant<SegmentWindow?>(null),
        Duration.Select(d => (SegmentWindow?)new RelativeWindow(d)),
        from start in Gen.Choose(0, 40_000)
        from length in Gen.Choose(0, 400)
        select (SegmentWindow?)new DateRangeWindow(new LocalDate(1950, 1, 1).PlusDays(start), new LocalDate(1950, 1, 1).PlusDays(start + length)));

    public static Arbitrary<SegmentCondition> Conditions { get; } = Arb.From(Gen.Sized(size => Condition(Math.Min(4, size / 10), inFilter: false)));

    public static Gen<SegmentCondition> Condition(int depth, bool inFilter)
    {
        var leaf = Leaf(depth, inFilter);
        if (depth <= 0)
        {
            return leaf;
        }

        var inner = Condition(depth - 1, inFilter);
        return Gen.Frequency(
            (3, leaf),
            (1, inner.ArrayOf().Where(a => a.Length >= 2).Select(a => (SegmentCondition)new AndCondition(a.Take(4)))),
            (1, inner.ArrayOf().Where(a => a.Length >= 2).Select(a => (SegmentCondition)new OrCondition(a.Take(4)))),
            (1, inner.Select(c => (SegmentCondition)new NotCondition(c))));
    }

    private static Gen<SegmentOperand> Operand(int depth, bool inFilter)
    {
        var simple = Gen.OneOf(Literal.Select(l => (SegmentOperand)l), Name.Select(n => (SegmentOperand)new FieldOperand(n)));
        return inFilter ? simple : Gen.Frequency((3, simple), (2, Aggregate(depth).Select(a => (SegmentOperand)a)));
    }

    private static Gen<AggregateOperand> Aggregate(int depth) =>
        from function in Gen.Elements(Enum.GetValues<AggregateFunction>())
        from eventName in Name
        from property in Gen.OneOf(Gen.Constant<string?>(null), Name.Select(n => (string?)n))
        from filter in depth > 0 ? Gen.OneOf(Gen.Constant<SegmentCondition?>(null), Condition(depth - 1, inFilter: true).Select(c => (SegmentCondition?)c)) : Gen.Constant<SegmentCondition?>(null)
        from window in Window
        select new AggregateOperand(function, eventName, property, filter, window);

    private static Gen<SegmentCondition> Leaf(int depth, bool inFilter)
    {
        var operand = Operand(depth, inFilter);
        return Gen.OneOf(
            from left in operand
            from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
            from right in operand
            select (SegmentCondition)new ComparisonCondition(left, op, right),
            from o in operand
            from values in Literal.ArrayOf().Where(a => a.Length > 0)
            from negated in Gen.Elements(false, true)
            select (SegmentCondition)new InCondition(o, [.. values.Take(4)], negated),
            from o in operand
            from low in operand
            from high in operand
            from negated in Gen.Elements(false, true)
            select (SegmentCondition)new BetweenCondition(o, low, high, negated),
            from o in operand
            from negated in Gen.Elements(false, true)
            select (SegmentCondition)new NullCondition(o, negated),
            from o in operand
            from d in Duration
            select (SegmentCondition)new AgoCondition(o, d),
            from o in operand
            from d in Duration
            select (SegmentCondition)new WithinCondition(o, d),
            operand.Select(o => (SegmentCondition)new TestCondition(o)));
    }

    /// <summary>Rule-like text: fragments of the language glued at random, plus stray characters.</summary>
    public static Arbitrary<string> RuleLikeText { get; } = Arb.From(
        Gen.Elements(
            "count(", "sum(", "last(", "x", "order_completed", ".amount", " where ", ", last 30 days", ")", "(", " and ", " or ", " not ",
            " = ", " >= ", " != ", " in (", "'pro'", "\"a\\\"b\"", "'unterminated", "$500", "1e999", "-", "2024-01-31", "2024-02-30",
            " between ", " is null", " more than 90 days ago", " within last 7 days", "`q", "\u0000", "\n", "--c\n", "99999999999999999999999999999999",
            "true", ",", " ", "\t", "é", "🙂", "\\", ":")
        .ArrayOf().Select(parts => string.Concat(parts)));

    private static decimal Pow10(int scale) => scale switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => 10000m };
}
