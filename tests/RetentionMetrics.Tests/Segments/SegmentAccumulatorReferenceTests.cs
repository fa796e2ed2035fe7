using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Segments;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Tests.Segments;

/// <summary>
/// The compiled one-pass path against a straightforward reference: each rule interpreted on the syntax tree, per
/// customer, over that customer's list of events (LINQ, no plan, no rows), with SQL's three-valued logic written out.
/// </summary>
public partial class SegmentAccumulatorTests
{
    private static readonly string[] ReferenceEventNames = ["order", "session"];

    internal static readonly Gen<ExampleEvent> ReferenceEvent =
        from customer in Gen.Choose(0, 7)
        from name in Gen.Elements("order", "session", "other")
        from hours in Gen.Choose(-60 * 24, 2 * 24)
        from amount in Gen.Choose(-1, 12)
        select new ExampleEvent($"c{customer}", name, AsOf + Duration.FromHours(hours),
            amount < 0 ? new Dictionary<string, SegmentValue>() : new Dictionary<string, SegmentValue> { ["amount"] = SegmentValue.FromNumber(amount) });

    private static readonly Gen<string> Window = Gen.Elements(string.Empty, ", last 3 days", ", last 10 days", ", last 45 days");

    private static readonly Gen<string> Filter = Gen.Elements(string.Empty, " where amount >= 5", " where amount < 3");

    // An aggregate with a number result (or unknown), as text.
    private static readonly Gen<string> NumberAggregate =
        from function in Gen.Elements("count", "sum", "avg", "min", "max", "first", "last")
        from name in Gen.Elements(ReferenceEventNames)
        from filter in Filter
        from window in Window
        select function == "count" ? $"count({name}{filter}{window})" : $"{function}({name}.amount{filter}{window})";

    private static readonly Gen<string> TimeAggregate =
        from function in Gen.Elements("first", "last")
        from name in Gen.Elements(ReferenceEventNames)
        from filter in Filter
        from window in Window
        select $"{function}({name}{filter}{window})";

    private static readonly Gen<string> Leaf = Gen.OneOf(
        from aggregate in NumberAggregate
        from op in Gen.Elements("=", "!=", "<", "<=", ">", ">=")
        from value in Gen.Choose(0, 20)
        select $"{aggregate} {op} {value}",
        from aggregate in TimeAggregate
        from days in Gen.Elements(1, 5, 20)
        from ago in Gen.Elements(true, false)
        select ago ? $"{aggregate} more than {days} days ago" : $"{aggregate} within last {days} days",
        from aggregate in Gen.OneOf(NumberAggregate, TimeAggregate)
        from negated in Gen.Elements(false, true)
        select negated ? $"{aggregate} is not null" : $"{aggregate} is null",
        from name in Gen.Elements(ReferenceEventNames)
        from filter in Filter
        from window in Window
        select $"exists({name}{filter}{window})",
        Gen.Elements("plan = 'pro'", "plan is null", "plan != 'free'"));

    internal static readonly Gen<string> RuleText = Gen.Sized(size => RuleOfDepth(Math.Min(3, size / 20)));

    private static readonly Arbitrary<(ExampleEvent[] Events, string[] Rules, int Cut)> Cases = Arb.From(
        from events in ReferenceEvent.ArrayOf()
        from rules in RuleText.ArrayOf().Where(r => r.Length is > 0 and <= 6)
        from cut in Gen.Choose(0, 1000)
        select (events, rules, cut));

    private static Gen<string> RuleOfDepth(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        var inner = RuleOfDepth(depth - 1);
        return Gen.Frequency(
            (3, Leaf),
            (1, from a in inner from b in inner select $"({a}) and ({b})"),
            (1, from a in inner from b in inner select $"({a}) or ({b})"),
            (1, inner.Select(a => $"not ({a})")));
    }

    private static SegmentSet SetOf(string[] rules) =>
        SegmentSet.Parse(string.Join('\n', rules.Select((rule, i) => $"s{i}: {rule}")));

    // Customers c0..c2 have a plan: pro, free, pro; the others have none.
    private static readonly (string Customer, string Plan)[] Plans = [("c0", "pro"), ("c1", "free"), ("c2", "pro")];

    private static SegmentAccumulator<string> Batched(ReadOnlySpan<ExampleEvent> events, SegmentSet set)
    {
        var accumulator = new SegmentAccumulator<string>(set, new SegmentOptions(AsOf));
        foreach (var (customer, plan) in Plans)
        {
            accumulator.AddTrait(customer, "plan", SegmentValue.FromString(plan));
        }

        accumulator.AddEvents(events, SegmentExampleData.Selectors);
        return accumulator;
    }

    private static string[][] MembersOf(SegmentAssignment<string> assignment, int rules) =>
        [.. Enumerable.Range(0, rules).Select(i => assignment.MembersOf(i).Order(StringComparer.Ordinal).ToArray())];

    [Property(MaxTest = 300)]
    public Property AddEvents_AgreesWithReferenceEvaluator() =>
        Prop.ForAll(Cases, c =>
        {
            var set = SetOf(c.Rules);
            var actual = MembersOf(Batched(c.Events, set).ToAssignment(), c.Rules.Length);
            var expected = ReferenceMembers(c.Events, set);
            return actual.Zip(expected).All(p => p.First.SequenceEqual(p.Second))
                .Label($"rules: {string.Join(" | ", c.Rules)}; expected {string.Join(" / ", expected.Select(m => string.Join(',', m)))}, got {string.Join(" / ", actual.Select(m => string.Join(',', m)))}");
        });

    [Property(MaxTest = 200)]
    public Property AddEvents_MergeOfBatchedSplit_EqualsPerEventSinglePass() =>
        Prop.ForAll(Cases, c =>
        {
            var set = SetOf(c.Rules);
            var split = c.Events.Length == 0 ? 0 : c.Cut % (c.Events.Length + 1);
            var left = Batched(c.Events.AsSpan(0, split), set);
            left.Merge(Batched(c.Events.AsSpan(split), set));
            var single = new SegmentAccumulator<string>(set, new SegmentOptions(AsOf));
            foreach (var (customer, plan) in Plans)
            {
                single.AddTrait(customer, "plan", SegmentValue.FromString(plan));
            }

            foreach (var e in c.Events)
            {
                single.AddEvent(e.Customer, e.Name, e.Time, e.Properties);
            }

            var merged = MembersOf(left.ToAssignment(), c.Rules.Length);
            var once = MembersOf(single.ToAssignment(), c.Rules.Length);
            return merged.Zip(once).All(p => p.First.SequenceEqual(p.Second)) && left.EventsRead == single.EventsRead && left.CustomerCount == single.CustomerCount;
        });

    [Fact]
    public void AddEvents_NullCustomerKey_ThrowsDataErrorAtPosition()
    {
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("s: count(order) > 0"), new SegmentOptions(AsOf));
        ExampleEvent[] events = [new("c1", "order", AsOf - Duration.FromDays(1), new Dictionary<string, SegmentValue>()), new(null!, "order", AsOf - Duration.FromDays(1), new Dictionary<string, SegmentValue>())];

        var error = Assert.Throws<RetentionDataException>(() => accumulator.AddEvents<ExampleEvent>(events, SegmentExampleData.Selectors));

        Assert.Equal(SegmentErrorMessages.NullCustomer, error.Reason);
        Assert.Equal(1, error.Position);
    }

    [Fact]
    public void StateBytes_RowOfTwoCountersAndASum_CountsEntryAndSlots()
    {
        // count(e) and last(e) are two longs, sum(e.v) two more: a row of 4 longs (32 bytes) beside a string
        // reference (8) plus 16 bytes for the hash slots: 56 bytes a customer, 112 for two.
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("a: count(e) > 1 and last(e) is not null\nb: sum(e.v) > 3"), new SegmentOptions(AsOf));
        accumulator.AddCustomer("x");
        accumulator.AddCustomer("y");

        Assert.Equal(112, accumulator.StateBytes);
    }

    /// <summary>The members of each rule, by interpreting its tree over each customer's events.</summary>
    private static string[][] ReferenceMembers(ExampleEvent[] events, SegmentSet set)
    {
        var plans = Plans.ToDictionary(p => p.Customer, p => p.Plan);
        var customers = events.Select(e => e.Customer).Concat(plans.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var byCustomer = events.Where(e => e.Time < AsOf).ToLookup(e => e.Customer);
        return [.. set.Select(segment => customers
            .Where(c => Truth(segment.Rule.Condition, [.. byCustomer[c]], plans.GetValueOrDefault(c)) == true)
            .ToArray())];
    }

    // Three-valued truth: null is unknown.
    private static bool? Truth(SegmentCondition condition, ExampleEvent[] events, string? plan)
    {
        switch (condition)
        {
            case AndCondition and:
            {
                var parts = and.Operands.Select(o => Truth(o, events, plan)).ToArray();
                return parts.Any(p => p == false) ? false : parts.All(p => p == true) ? true : null;
            }

            case OrCondition or:
            {
                var parts = or.Operands.Select(o => Truth(o, events, plan)).ToArray();
                return parts.Any(p => p == true) ? true : parts.All(p => p == false) ? false : null;
            }

            case NotCondition not:
                return !Truth(not.Operand, events, plan);
            case ComparisonCondition comparison:
            {
                var left = Value(comparison.Left, events, plan);
                var right = Value(comparison.Right, events, plan);
                if (left is null || right is null)
                {
                    return null;
                }

                var order = left is decimal l ? l.CompareTo((decimal)right) : string.CompareOrdinal((string)left, (string)right);
                return comparison.Operator switch
                {
                    ComparisonOperator.Equal => order == 0,
                    ComparisonOperator.NotEqual => order != 0,
                    ComparisonOperator.Less => order < 0,
                    ComparisonOperator.LessOrEqual => order <= 0,
                    ComparisonOperator.Greater => order > 0,
                    _ => order >= 0,
                };
            }

            case NullCondition isNull:
                return (Value(isNull.Operand, events, plan) is null) != isNull.Negated;
            case AgoCondition ago:
                return Value(ago.Operand, events, plan) is Instant t ? t < AsOf - Duration.FromDays(ago.Duration.Count) : null;
            case WithinCondition within:
                return Value(within.Operand, events, plan) is Instant w ? w >= AsOf - Duration.FromDays(within.Duration.Count) : null;
            case TestCondition test:
                return (bool?)Value(test.Operand, events, plan);
            default:
                throw new InvalidOperationException($"The reference does not read {condition}.");
        }
    }

    // A decimal, a string, an Instant, a bool, or null for unknown.
    private static object? Value(SegmentOperand operand, ExampleEvent[] events, string? plan)
    {
        switch (operand)
        {
            case LiteralOperand literal:
                return literal.Value.Kind == SegmentValueKind.Number ? literal.Value.Number : literal.Value.String;
            case FieldOperand { Name: "plan" }:
                return plan;
            case AggregateOperand aggregate:
            {
                var from = aggregate.Window is RelativeWindow window ? AsOf - Duration.FromDays(window.Duration.Count) : Instant.MinValue;
                var chosen = events.Where(e => e.Name == aggregate.EventName && e.Time >= from && (aggregate.Filter is null || FilterHolds(aggregate.Filter, e))).ToArray();
                var amounts = chosen.Select(e => e.Property("amount")).Where(v => !v.IsMissing).Select(v => v.Number).ToArray();
                return aggregate.Function switch
                {
                    AggregateFunction.Count => (decimal)chosen.Length,
                    AggregateFunction.Exists => chosen.Length > 0,
                    AggregateFunction.Sum => amounts.Sum(),
                    AggregateFunction.Avg => amounts.Length == 0 ? null : amounts.Sum() / amounts.Length,
                    AggregateFunction.Min => amounts.Length == 0 ? null : amounts.Min(),
                    AggregateFunction.Max => amounts.Length == 0 ? null : amounts.Max(),
                    _ when chosen.Length == 0 => null,
                    AggregateFunction.First when aggregate.Property is null => chosen.Min(e => e.Time),
                    AggregateFunction.Last when aggregate.Property is null => chosen.Max(e => e.Time),
                    // The value on the earliest (latest) event; at equal times the greater value, a missing value least.
                    AggregateFunction.First => AmountOrNull(chosen.Where(e => e.Time == chosen.Min(x => x.Time))),
                    _ => AmountOrNull(chosen.Where(e => e.Time == chosen.Max(x => x.Time))),
                };
            }

            default:
                throw new InvalidOperationException($"The reference does not read {operand}.");
        }
    }

    private static object? AmountOrNull(IEnumerable<ExampleEvent> tied)
    {
        var present = tied.Select(e => e.Property("amount")).Where(v => !v.IsMissing).ToArray();
        return present.Length == 0 ? null : present.Max(v => v.Number);
    }

    // The filters are "amount >= k" or "amount < k": an event without an amount is unknown, so left out.
    private static bool FilterHolds(SegmentCondition filter, ExampleEvent e)
    {
        var comparison = (ComparisonCondition)filter;
        var amount = e.Property("amount");
        if (amount.IsMissing)
        {
            return false;
        }

        var k = ((LiteralOperand)comparison.Right).Value.Number;
        return comparison.Operator == ComparisonOperator.GreaterOrEqual ? amount.Number >= k : amount.Number < k;
    }
}
