using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Tests.Segments;

// The radix-partitioned path for large batches must be indistinguishable from the in-place path: the same state,
// the same customers and members in the same (first-seen) order, the same counts and the same first error. Small
// forced bucket counts and chunk sizes make tiny generated inputs cross several buckets and chunks.
public partial class SegmentAccumulatorTests
{
    private static readonly Gen<ExampleEvent> RiskyEvent =
        from customer in Gen.Frequency((40, Gen.Choose(0, 9).Select(c => (string?)$"c{c}")), (1, Gen.Constant<string?>(null)))
        from name in Gen.Frequency((40, Gen.Elements<string?>("order", "session", "other")), (1, Gen.Constant<string?>(null)))
        from hours in Gen.Choose(-200 * 24, 10 * 24)
        from amount in Gen.Choose(-1, 10)
        from text in Gen.Frequency((30, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new ExampleEvent(customer!, name!, AsOf + Duration.FromHours(hours), RiskyProperties(amount, text));

    private static readonly Arbitrary<ExampleEvent[]> RiskyLogs = Arb.From(RiskyEvent.ArrayOf());

    private static readonly Arbitrary<(int Bits, int Chunk, int Cut1, int Cut2)> Shapes = Arb.From(
        from bits in Gen.Choose(0, 3)
        from chunk in Gen.Elements(1, 2, 3, 7, 1 << 22)
        from cut1 in Gen.Choose(0, 1000)
        from cut2 in Gen.Choose(0, 1000)
        select (bits, chunk, cut1, cut2));

    // A rule that fails while adding (a sum of text) and one that fails while evaluating (text compared with a number).
    private static readonly SegmentSet FailingWhileAdding = SegmentSet.Parse("s: sum(order.amount) > 5\nt: count(session) > 1");

    private static readonly SegmentSet FailingWhileEvaluating = SegmentSet.Parse("s: last(order.amount) > 5\nt: count(session) > 1");

    private static Dictionary<string, SegmentValue> RiskyProperties(int amount, bool text)
    {
        var properties = Properties(amount, amount % 3 == 0 ? "x" : string.Empty);
        if (text)
        {
            properties["amount"] = SegmentValue.FromString("ten");
        }

        return properties;
    }

    [Property(MaxTest = 300)]
    public Property AddEventsPartitioned_AnyBucketsAndChunks_EqualsInPlace() =>
        Prop.ForAll(Logs, Shapes, (events, shape) =>
        {
            var inPlace = Accumulate(events, MergeRules, shape, partitioned: false);
            var partitioned = Accumulate(events, MergeRules, shape, partitioned: true);
            return SameAssignment(inPlace, partitioned) && SameState(inPlace, partitioned) && inPlace.EventsAfterAsOf == partitioned.EventsAfterAsOf;
        });

    [Property(MaxTest = 300)]
    public Property AddEventsPartitioned_BadEvents_FailLikeInPlace() =>
        Prop.ForAll(RiskyLogs, Shapes, Arb.From(Gen.Elements(FailingWhileAdding, FailingWhileEvaluating)), (events, shape, set) =>
        {
            var inPlace = Outcome(() => Accumulate(events, set, shape, partitioned: false));
            var partitioned = Outcome(() => Accumulate(events, set, shape, partitioned: true));
            return (inPlace.Error, partitioned.Error) switch
            {
                (null, null) => SameAssignment(inPlace.Accumulator!, partitioned.Accumulator!),
                ({ } x, { } y) => (x.Reason, x.Customer, x.Position) == (y.Reason, y.Customer, y.Position),
                _ => false,
            };
        });

    // Six properties of one event (more than a partitioned pass keeps on the stack), texts and a filter among them.
    private static readonly SegmentSet WideRules = SegmentSet.Parse("""
        w: sum(order.a) > 3 and max(order.b) >= 2 and last(order.c) = 'x'
        v: min(order.d) < 2 or first(order.e) = 'y' or count(order where f = 'z' and a > 1) > 0
        """);

    private static readonly Arbitrary<ExampleEvent[]> WideLogs = Arb.From(
        (from customer in Gen.Choose(0, 7)
         from hours in Gen.Choose(-100 * 24, 2 * 24)
         from numbers in Gen.Choose(-1, 4).ArrayOf(3)
         from texts in Gen.Elements("x", "y", "z", string.Empty).ArrayOf(3)
         select new ExampleEvent($"c{customer}", "order", AsOf + Duration.FromHours(hours), WideProperties(numbers, texts))).ArrayOf());

    private static Dictionary<string, SegmentValue> WideProperties(int[] numbers, string[] texts)
    {
        // -1 and the empty text stand for an absent property.
        var properties = new Dictionary<string, SegmentValue>();
        string[] numberNames = ["a", "b", "d"];
        string[] textNames = ["c", "e", "f"];
        for (var i = 0; i < 3; i++)
        {
            if (i < numbers.Length && numbers[i] >= 0)
            {
                properties[numberNames[i]] = SegmentValue.FromNumber(numbers[i]);
            }

            if (i < texts.Length && texts[i].Length > 0)
            {
                properties[textNames[i]] = SegmentValue.FromString(texts[i]);
            }
        }

        return properties;
    }

    [Property(MaxTest = 200)]
    public Property AddEventsPartitioned_EventsWithManyProperties_EqualsInPlace() =>
        Prop.ForAll(WideLogs, Shapes, (events, shape) =>
        {
            var inPlace = Accumulate(events, WideRules, shape, partitioned: false);
            var partitioned = Accumulate(events, WideRules, shape, partitioned: true);
            return SameAssignment(inPlace, partitioned) && SameState(inPlace, partitioned);
        });

    [Fact]
    public void AddEvents_LargeBatch_TakesPartitionedPathAndEqualsInPlace()
    {
        // 250,000 events (above the 100,000 threshold) over 40,000 customers, a fifth of them after the as-of instant
        // or of a name the rules never read, in three batches through the public method.
        var random = new Random(7);
        var names = new[] { "order", "session", "other" };
        var events = Enumerable.Range(0, 250_000).Select(_ => new ExampleEvent(
            $"c{random.Next(40_000)}", names[random.Next(3)], AsOf + Duration.FromHours(random.Next(-200 * 24, 2 * 24)),
            Properties(random.Next(-1, 10), random.Next(3) == 0 ? "x" : string.Empty))).ToArray();
        var inPlace = new SegmentAccumulator<string>(MergeRules, new SegmentOptions(AsOf));
        inPlace.AddEventsInPlace<ExampleEvent>(events, SegmentExampleData.Selectors, 0);
        var partitioned = new SegmentAccumulator<string>(MergeRules, new SegmentOptions(AsOf));
        partitioned.AddEvents(events.AsSpan(0, 120_000), SegmentExampleData.Selectors);
        partitioned.AddEvents(events.AsSpan(120_000, 10), SegmentExampleData.Selectors);
        partitioned.AddEvents(events.AsSpan(120_010), SegmentExampleData.Selectors);

        Assert.True(SameAssignment(inPlace, partitioned));
        Assert.True(SameState(inPlace, partitioned));
        Assert.Equal(inPlace.EventsAfterAsOf, partitioned.EventsAfterAsOf);
        Assert.Equal(inPlace.StateBytes + (8L * inPlace.CustomerCount), partitioned.StateBytes);
    }

    [Fact]
    public void AddEventsPartitioned_CustomerOnlyInDroppedEvents_IsCountedInFirstSeenOrder()
    {
        // "late" appears only after the as-of instant and "idle" only in an event the rules never read: both are
        // customers (evaluated, in no segment here) and keep their place in first-seen order.
        ExampleEvent[] events =
        [
            new("a", "order", AsOf - Duration.FromDays(1), Properties(5, string.Empty)),
            new("late", "order", AsOf + Duration.FromDays(1), Properties(5, string.Empty)),
            new("idle", "other", AsOf - Duration.FromDays(1), Properties(5, string.Empty)),
            new("a", "order", AsOf - Duration.FromDays(2), Properties(5, string.Empty)),
            new("b", "session", AsOf - Duration.FromDays(1), Properties(-1, string.Empty)),
        ];
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("s: count(order, last 30 days) >= 2"), new SegmentOptions(AsOf));

        accumulator.AddEventsPartitioned<ExampleEvent>(events, SegmentExampleData.Selectors, 0, 3);
        var assignment = accumulator.ToAssignment();

        Assert.Equal(new[] { "a", "late", "idle", "b" }, assignment.Customers);
        Assert.Equal(new[] { "a" }, assignment.MembersOf(0));
        Assert.Equal(5, accumulator.EventsRead);
        Assert.Equal(1, accumulator.EventsAfterAsOf);
    }

    [Fact]
    public void AddEventsPartitioned_NullNameAfterBadAmount_ReportsTheEarlierEvent()
    {
        // Event 1 has a text amount (a failure found only when the buckets are applied), event 3 no name (found while
        // bucketing): the earlier one is reported, as the in-place path would.
        ExampleEvent[] events =
        [
            new("a", "order", AsOf - Duration.FromDays(1), Properties(5, string.Empty)),
            new("b", "order", AsOf - Duration.FromDays(1), RiskyProperties(5, text: true)),
            new("c", "order", AsOf - Duration.FromDays(1), Properties(5, string.Empty)),
            new("d", null!, AsOf - Duration.FromDays(1), Properties(5, string.Empty)),
        ];
        var accumulator = new SegmentAccumulator<string>(FailingWhileAdding, new SegmentOptions(AsOf));

        var error = Assert.Throws<RetentionDataException>(() => accumulator.AddEventsPartitioned<ExampleEvent>(events, SegmentExampleData.Selectors, 10, 2));

        Assert.Equal(("b", 11L), (error.Customer, error.Position));
    }

    private static SegmentAccumulator<string> Accumulate(ExampleEvent[] events, SegmentSet set, (int Bits, int Chunk, int Cut1, int Cut2) shape, bool partitioned)
    {
        // Traits first (in place), then three batches: in place, then partitioned (or in place), then in place again.
        var accumulator = new SegmentAccumulator<string>(set, new SegmentOptions(AsOf));
        accumulator.AddTrait("c3", "plan", SegmentValue.FromString("pro"));
        var first = events.Length == 0 ? 0 : shape.Cut1 % (events.Length + 1);
        var second = first + (events.Length - first == 0 ? 0 : shape.Cut2 % (events.Length - first + 1));
        accumulator.AddEventsInPlace<ExampleEvent>(events.AsSpan(0, first), SegmentExampleData.Selectors, 0);
        if (partitioned)
        {
            accumulator.AddEventsPartitioned<ExampleEvent>(events.AsSpan(first, second - first), SegmentExampleData.Selectors, first, shape.Bits, shape.Chunk);
        }
        else
        {
            accumulator.AddEventsInPlace<ExampleEvent>(events.AsSpan(first, second - first), SegmentExampleData.Selectors, first);
        }

        accumulator.AddEventsInPlace<ExampleEvent>(events.AsSpan(second), SegmentExampleData.Selectors, second);
        return accumulator;
    }

    private static (SegmentAccumulator<string>? Accumulator, RetentionDataException? Error) Outcome(Func<SegmentAccumulator<string>> run)
    {
        try
        {
            var accumulator = run();
            accumulator.ToAssignment();
            return (accumulator, null);
        }
        catch (RetentionDataException e)
        {
            return (null, e);
        }
    }

    private static bool SameAssignment(SegmentAccumulator<string> x, SegmentAccumulator<string> y)
    {
        var a = x.ToAssignment();
        var b = y.ToAssignment();
        return a.Customers.SequenceEqual(b.Customers) && a.EventsRead == b.EventsRead && x.CustomerCount == y.CustomerCount
            && Enumerable.Range(0, a.Segments.Count).All(i => a.MembersOf(i).SequenceEqual(b.MembersOf(i)));
    }
}
