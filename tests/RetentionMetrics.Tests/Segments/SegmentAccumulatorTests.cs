using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Tests.Segments;

public partial class SegmentAccumulatorTests
{
    private static readonly Instant AsOf = Instant.FromUtc(2024, 7, 1, 0, 0);

    private static readonly SegmentSet MergeRules = SegmentSet.Parse("""
        a: count(order, last 30 days) >= 2
        b: sum(order.amount) > 50 and avg(order.amount) < 20
        c: last(order.amount) > 5 or first(order.amount) < 3
        d: min(order.amount) = 1 or max(order.amount) >= 9
        e: last(session) within last 10 days and first(session) more than 100 days ago
        f: exists(order where label = 'x', last 2 months)
        g: count(order where amount is null) > 0 or plan = 'pro'
        """);

    private static readonly Gen<ExampleEvent> Event =
        from customer in Gen.Choose(0, 5)
        from name in Gen.Elements("order", "session", "other")
        from hours in Gen.Choose(-200 * 24, 10 * 24)
        from amount in Gen.Choose(-1, 10)
        from label in Gen.Elements("x", "y", "")
        select new ExampleEvent($"c{customer}", name, AsOf + Duration.FromHours(hours), Properties(amount, label));

    private static readonly Arbitrary<ExampleEvent[]> Logs = Arb.From(Event.ArrayOf());

    private static Dictionary<string, SegmentValue> Properties(int amount, string label)
    {
        var properties = new Dictionary<string, SegmentValue>();
        if (amount >= 0)
        {
            properties["amount"] = SegmentValue.FromNumber(amount);
        }

        if (label.Length > 0)
        {
            properties["label"] = SegmentValue.FromString(label);
        }

        return properties;
    }

    private static SegmentAccumulator<string> Accumulate(IEnumerable<ExampleEvent> events, SegmentSet? set = null)
    {
        var accumulator = new SegmentAccumulator<string>(set ?? MergeRules, new SegmentOptions(AsOf));
        foreach (var e in events)
        {
            accumulator.AddEvent(e.Customer, e.Name, e.Time, e.Properties);
        }

        return accumulator;
    }

    private static bool SameState(SegmentAccumulator<string> x, SegmentAccumulator<string> y)
    {
        var customers = x.ToAssignment().Customers.Order(StringComparer.Ordinal).ToArray();
        if (!customers.SequenceEqual(y.ToAssignment().Customers.Order(StringComparer.Ordinal)) || x.EventsRead != y.EventsRead)
        {
            return false;
        }

        foreach (var customer in customers)
        {
            var (l1, d1, v1, t1) = x.StateOf(customer)!.Value;
            var (l2, d2, v2, t2) = y.StateOf(customer)!.Value;
            if (!l1.SequenceEqual(l2) || !d1.SequenceEqual(d2) || !v1.SequenceEqual(v2) || !t1.SequenceEqual(t2))
            {
                return false;
            }
        }

        var a = x.ToAssignment();
        var b = y.ToAssignment();
        return Enumerable.Range(0, a.Sizes.Count).All(i => a.MembersOf(i).Order(StringComparer.Ordinal).SequenceEqual(b.MembersOf(i).Order(StringComparer.Ordinal)));
    }

    [Property(MaxTest = 300)]
    public Property Merge_OfAnySplit_EqualsSinglePass() =>
        Prop.ForAll(Logs, Arb.From(Gen.Choose(0, 1000)), (events, cut) =>
        {
            var split = events.Length == 0 ? 0 : cut % (events.Length + 1);
            var left = Accumulate(events[..split]);
            left.Merge(Accumulate(events[split..]));
            return SameState(left, Accumulate(events));
        });

    [Property(MaxTest = 200)]
    public Property Merge_IsCommutative() =>
        Prop.ForAll(Logs, Logs, (x, y) =>
        {
            var xy = Accumulate(x);
            xy.Merge(Accumulate(y));
            var yx = Accumulate(y);
            yx.Merge(Accumulate(x));
            return SameState(xy, yx);
        });

    [Property(MaxTest = 200)]
    public Property AddEvent_AnyOrder_SameState() =>
        Prop.ForAll(Logs, events => SameState(Accumulate(events), Accumulate(events.Reverse())));

    [Property(MaxTest = 200)]
    public Property Count_NeverDecreasesWhenEventsAreAdded() =>
        Prop.ForAll(Logs, Logs, (x, y) =>
        {
            // More orders can only keep or grow the members of "count(order) >= 3" and "exists(order)".
            var set = SegmentSet.Parse("many: count(order) >= 3\nany: exists(order)");
            var before = Accumulate(x, set).ToAssignment();
            var after = Accumulate(x.Concat(y), set).ToAssignment();
            return before.MembersOf(0).All(after.MembersOf(0).Contains) && before.MembersOf(1).All(after.MembersOf(1).Contains);
        });

    [Fact]
    public void ToAssignment_MonthWindowInParisAcrossDaylightSaving_CountsByLocalCalendar()
    {
        // As of the start of 2024-03-31 in Paris (the day clocks go forward; still UTC+1 at midnight) = 2024-03-30T23:00Z.
        // last 1 month = local 2024-02-29T00:00 (31 March minus one month, clamped to February's end) = 2024-02-28T23:00Z.
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var options = SegmentOptions.ForDate(new LocalDate(2024, 3, 31), paris);
        var set = SegmentSet.Parse("two: count(e, last 1 month) = 2");
        var accumulator = new SegmentAccumulator<string>(set, options);
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 2, 28, 22, 59)); // 23:59 on 28 Feb local: before the window
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 2, 28, 23, 0)); // 00:00 on 29 Feb local: first instant in the window
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 3, 30, 22, 59)); // 23:59 on 30 Mar local: last minute in
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 3, 30, 23, 0)); // the as-of instant itself: left out

        Assert.Equal(Instant.FromUtc(2024, 3, 30, 23, 0), options.AsOf);
        Assert.Equal(["c"], accumulator.ToAssignment().MembersOf(0));
        Assert.Equal(1, accumulator.EventsAfterAsOf);
    }

    [Theory]
    [InlineData(2024, 3, 24, true)] // the start of 24 March in Paris is exactly A − 7 days: within
    [InlineData(2024, 3, 23, false)]
    public void ToAssignment_DateTraitWithinLastDays_ComparesStartOfDayInZone(int year, int month, int day, bool member)
    {
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("new: signup_date within last 7 days"), SegmentOptions.ForDate(new LocalDate(2024, 3, 31), paris));
        accumulator.AddTrait("c", "signup_date", SegmentValue.FromDate(new LocalDate(year, month, day)));

        Assert.Equal(member ? 1 : 0, accumulator.ToAssignment().SizeOf("new"));
    }

    [Fact]
    public void ToAssignment_InstantTrait_ComparesAsInstant()
    {
        // 2024-03-23T23:30Z is 00:30 on 24 March in Paris (UTC+1): after A − 7 days = 2024-03-23T23:00Z.
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("new: signup_date within last 7 days"), SegmentOptions.ForDate(new LocalDate(2024, 3, 31), paris));
        accumulator.AddTrait("c", "signup_date", SegmentValue.FromInstant(Instant.FromUtc(2024, 3, 23, 23, 30)));
        accumulator.AddTrait("d", "signup_date", SegmentValue.FromInstant(Instant.FromUtc(2024, 3, 23, 22, 59)));

        Assert.Equal(["c"], accumulator.ToAssignment().MembersOf(0));
    }

    [Fact]
    public void ToAssignment_MoreThanDaysAgo_IsStrictlyBefore()
    {
        // A − 10 days = 2024-06-21T00:00Z: an event exactly then is not "more than 10 days ago"; one tick earlier is.
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("old: last(e) more than 10 days ago"), new SegmentOptions(AsOf));
        accumulator.AddEvent("exact", "e", Instant.FromUtc(2024, 6, 21, 0, 0));
        accumulator.AddEvent("earlier", "e", Instant.FromUtc(2024, 6, 21, 0, 0) - Duration.Epsilon);

        Assert.Equal(["earlier"], accumulator.ToAssignment().MembersOf(0));
    }

    [Fact]
    public void ToAssignment_BetweenDateWindow_IncludesBothDays()
    {
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("s: count(e, between 2024-06-01 and 2024-06-02) = 2"), new SegmentOptions(AsOf));
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 5, 31, 23, 59));
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 6, 1, 0, 0));
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 6, 2, 23, 59));
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 6, 3, 0, 0));

        Assert.Equal(["c"], accumulator.ToAssignment().MembersOf(0));
    }

    [Fact]
    public void ToAssignment_AggregatesOverEvents_MatchHandValues()
    {
        // Values 4, 10, 1 on days 1, 3, 2 of June: first = 4, last = 10, min 1, max 10, sum 15, avg 5, count 3.
        var set = SegmentSet.Parse("""
            first: first(e.v) = 4
            last: last(e.v) = 10
            min: min(e.v) = 1
            max: max(e.v) = 10
            sum: sum(e.v) = 15
            avg: avg(e.v) = 5
            count: count(e.v) = 3
            firsttime: first(e) = 2024-06-01
            lasttime: last(e) = 2024-06-03
            """);
        var accumulator = new SegmentAccumulator<string>(set, new SegmentOptions(AsOf));
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 6, 1, 0, 0), new Dictionary<string, SegmentValue> { ["v"] = SegmentValue.FromNumber(4) });
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 6, 3, 0, 0), new Dictionary<string, SegmentValue> { ["v"] = SegmentValue.FromNumber(10) });
        accumulator.AddEvent("c", "e", Instant.FromUtc(2024, 6, 2, 0, 0), new Dictionary<string, SegmentValue> { ["v"] = SegmentValue.FromNumber(1) });

        Assert.All(accumulator.ToAssignment().Sizes, size => Assert.Equal(1, size));
    }

    [Fact]
    public void ToAssignment_NoEvents_CountAndSumAreZeroOthersUnknown()
    {
        // Customer "t" has a trait only: count = 0 and sum = 0 are true; exists is false; avg/min/max/first/last are unknown,
        // so neither "x = 0" nor "not x = 0" holds, and "is null" does.
        var set = SegmentSet.Parse("""
            count: count(e) = 0
            sum: sum(e.v) = 0
            exists: not exists(e)
            avg: avg(e.v) = 0 or not avg(e.v) = 0
            last: last(e) is null and last(e.v) is null and min(e.v) is null and max(e.v) is null and first(e) is null
            unknown: not (last(e) more than 1 day ago)
            """);
        var accumulator = new SegmentAccumulator<string>(set, new SegmentOptions(AsOf));
        accumulator.AddTrait("t", "plan", SegmentValue.FromString("pro"));

        Assert.Equal([1, 1, 1, 0, 1, 0], accumulator.ToAssignment().Sizes);
    }

    [Theory]
    [InlineData("x = 1 or y = 1", new[] { "both", "x1", "y1" })] // unknown or true = true
    [InlineData("x = 1 and not y = 1", new string[0])] // x1: true and not unknown = unknown; both: true and false
    [InlineData("not (x = 1 and y = 1)", new[] { "x0" })] // not (false and unknown) = not false = true
    [InlineData("x is null", new[] { "y1" })]
    [InlineData("x is not null and y is null", new[] { "x0", "x1" })]
    [InlineData("x not in (1, 2)", new[] { "x0" })]
    [InlineData("x not between 1 and 5", new[] { "x0" })]
    public void ToAssignment_MissingTraits_FollowSqlThreeValuedLogic(string rule, string[] expected)
    {
        // both: x = 1, y = 1; x1: x = 1, y missing; x0: x = 0, y missing; y1: y = 1, x missing.
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("s: " + rule), new SegmentOptions(AsOf));
        accumulator.AddTrait("both", "x", SegmentValue.FromNumber(1));
        accumulator.AddTrait("both", "y", SegmentValue.FromNumber(1));
        accumulator.AddTrait("x1", "x", SegmentValue.FromNumber(1));
        accumulator.AddTrait("x0", "x", SegmentValue.FromNumber(0));
        accumulator.AddTrait("y1", "y", SegmentValue.FromNumber(1));

        Assert.Equal(expected, accumulator.ToAssignment().MembersOf(0).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddTrait_ConflictingValues_ThrowsDataErrorNamingCustomer()
    {
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("s: plan = 'pro'"), new SegmentOptions(AsOf));
        accumulator.AddTrait("c", "plan", SegmentValue.FromString("pro"));
        accumulator.AddTrait("c", "plan", SegmentValue.FromString("pro"));

        var error = Assert.Throws<RetentionDataException>(() => accumulator.AddTrait("c", "plan", SegmentValue.FromString("free")));

        Assert.Equal("c", error.Customer);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, SegmentErrorMessages.ConflictingTrait, "`plan`", "pro", "free"), error.Reason);
    }

    [Fact]
    public void ToAssignment_TraitOfKindTheRuleCannotCompare_ThrowsDataError()
    {
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("s: score > 3"), new SegmentOptions(AsOf));
        accumulator.AddTrait("c", "score", SegmentValue.FromString("high"));

        var error = Assert.Throws<RetentionDataException>(() => accumulator.ToAssignment());

        Assert.Equal("c", error.Customer);
    }

    [Fact]
    public void Merge_DifferentOptionsOrSelf_Throws()
    {
        var set = SegmentSet.Parse("s: count(e) > 0");
        var accumulator = new SegmentAccumulator<string>(set, new SegmentOptions(AsOf));
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => accumulator.Merge(new SegmentAccumulator<string>(set, new SegmentOptions(AsOf + Duration.FromDays(1))))).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => accumulator.Merge(accumulator)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => accumulator.Merge(null!)).ParamName);
    }

    [Fact]
    public void Constructor_NullArguments_NameTheParameter()
    {
        Assert.Equal("segments", Assert.Throws<ArgumentNullException>(() => new SegmentAccumulator<string>(null!, new SegmentOptions(AsOf))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new SegmentAccumulator<string>(MergeRules, null!)).ParamName);
    }

    [Fact]
    public async Task ToAssignment_SameSetOnManyThreads_GivesSameMembers()
    {
        var events = SegmentExampleData.Events;
        var expected = Accumulate(events.Select(e => e with { Name = "order" })).ToAssignment();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Accumulate(events.Select(e => e with { Name = "order" })).ToAssignment())));
        Assert.All(results, r => Assert.Equal(expected.Sizes, r.Sizes));
    }

    [Fact]
    public void StateBytesPerCustomer_CountsOnlyNeededAggregates()
    {
        // count(e) and exists(e) share one counter (8 bytes); sum(e.v) adds one decimal (16 bytes).
        var accumulator = new SegmentAccumulator<string>(SegmentSet.Parse("a: count(e) > 1 and exists(e)\nb: sum(e.v) > 3"), new SegmentOptions(AsOf));
        Assert.Equal(24, accumulator.StateBytesPerCustomer);
    }
}
