using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Segments;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Segments;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>
/// The segment accumulator's JSON form: a restored state evaluates to the same assignment, and restored partial states
/// merge to the single pass, so an audience can be fanned out across processes and merged.
/// </summary>
public class SegmentAccumulatorJsonTests
{
    private static readonly Instant AsOf = SegmentExampleData.AsOf;

    // Every aggregate kind, every trait kind, a filter and windows: first/last/min/max keep values of several kinds.
    private static readonly SegmentSet RichRules = SegmentSet.Parse("""
        a: count(order, last 30 days) >= 2
        b: sum(order.amount) > 20 and avg(order.amount) < 8
        c: last(order.amount) > 5 or first(order.label) = 'x'
        d: min(order.amount) = 1 or max(order.when) >= 2024-06-01
        e: last(session) within last 10 days and first(session) more than 100 days ago
        f: exists(order where label = 'x', last 2 months)
        g: plan = 'pro' or trial = true or signup within last 30 days or score > 3
        h: last(order.label) is null and min(order.when) is not null
        """);

    private static readonly Gen<ExampleEvent> RichEvent =
        from customer in Gen.Choose(0, 6)
        from name in Gen.Elements("order", "session", "other")
        from hours in Gen.Choose(-200 * 24, 5 * 24)
        from amount in Gen.Choose(-1, 10)
        from label in Gen.Elements("x", "y", "")
        from when in Gen.Choose(-1, 60)
        from instant in Gen.Elements(false, true)
        select new ExampleEvent($"c{customer}", name, AsOf + Duration.FromHours(hours), RichProperties(amount, label, when, instant));

    // Per customer c0..c6 at most one value of each trait, of the kind the rules expect (signup a date or an instant).
    private static readonly Gen<(string Customer, string Trait, SegmentValue Value)[]> RichTraits =
        Gen.Choose(0, 6).SelectMany(c => Gen.OneOf(
                Gen.Elements("pro", "free").Select(p => ("plan", SegmentValue.FromString(p))),
                Gen.Elements(false, true).Select(b => ("trial", SegmentValue.FromBoolean(b))),
                Gen.Choose(0, 90).Select(d => ("signup", SegmentValue.FromDate(new LocalDate(2024, 4, 1).PlusDays(d)))),
                Gen.Choose(0, 2000).Select(h => ("signup", SegmentValue.FromInstant(AsOf - Duration.FromHours(h)))),
                Gen.Choose(0, 6).Select(s => ("score", SegmentValue.FromNumber(s))))
            .Select(t => ($"c{c}", t.Item1, t.Item2)))
        .ArrayOf()
        .Select(traits => traits.DistinctBy(t => (t.Item1, t.Item2)).ToArray());

    private static readonly Arbitrary<(ExampleEvent[] Events, (string, string, SegmentValue)[] Traits, SegmentAssignmentMode Mode, int Cut)> RichCases = Arb.From(
        from events in RichEvent.ArrayOf()
        from traits in RichTraits
        from mode in Gen.Elements(SegmentAssignmentMode.AllMatches, SegmentAssignmentMode.FirstMatch)
        from cut in Gen.Choose(0, 1000)
        select (events, traits, mode, cut));

    // The generators of the accumulator's reference tests: random rule text over counts, sums, averages, extremes,
    // first/last values and times, with filters and windows, and random events; here with random plans as traits.
    private static readonly Arbitrary<(ExampleEvent[] Events, string[] Rules, string?[] Plans, SegmentAssignmentMode Mode, int Cut)> GeneratedCases = Arb.From(
        from events in SegmentAccumulatorTests.ReferenceEvent.ArrayOf()
        from rules in SegmentAccumulatorTests.RuleText.ArrayOf().Where(r => r.Length is > 0 and <= 6)
        from plans in Gen.Elements<string?>("pro", "free", null).ArrayOf(8)
        from mode in Gen.Elements(SegmentAssignmentMode.AllMatches, SegmentAssignmentMode.FirstMatch)
        from cut in Gen.Choose(0, 1000)
        select (events, rules, plans, mode, cut));

    [Property(MaxTest = 200)]
    public Property RoundTrip_GeneratedRulesEventsAndTraits_GivesTheSameAssignment() =>
        Prop.ForAll(GeneratedCases, c =>
        {
            var set = GeneratedSet(c.Rules);
            var original = Accumulate(set, c.Mode, c.Events, PlanTraits(c.Plans));
            var restored = StateJsonAssert.RoundTrip(original, out var sameJson);
            return (sameJson && SameAssignment(restored.ToAssignment(), original.ToAssignment()) && restored.EventsAfterAsOf == original.EventsAfterAsOf
                && restored.Segments.Equals(original.Segments) && restored.Options == original.Options)
                .Label(string.Join(" | ", c.Rules));
        });

    [Property(MaxTest = 200)]
    public Property Merge_RestoredHalvesOfGeneratedCases_EqualsSinglePass() =>
        Prop.ForAll(GeneratedCases, c =>
        {
            var set = GeneratedSet(c.Rules);
            var split = c.Events.Length == 0 ? 0 : c.Cut % (c.Events.Length + 1);
            var traits = PlanTraits(c.Plans);
            var merged = StateJsonAssert.Restore(Accumulate(set, c.Mode, c.Events[..split], traits));
            merged.Merge(StateJsonAssert.Restore(Accumulate(set, c.Mode, c.Events[split..], [])));
            var single = Accumulate(set, c.Mode, c.Events, traits);
            return (SameAssignment(merged.ToAssignment(), single.ToAssignment())
                && RetentionMetricsJson.Serialize(merged) == RetentionMetricsJson.Serialize(single))
                .Label(string.Join(" | ", c.Rules));
        });

    [Property(MaxTest = 200)]
    public Property RoundTrip_EveryAggregateAndValueKind_GivesTheSameAssignment() =>
        Prop.ForAll(RichCases, c =>
        {
            var original = Accumulate(RichRules, c.Mode, c.Events, c.Traits);
            var restored = StateJsonAssert.RoundTrip(original, out var sameJson);
            return sameJson && SameAssignment(restored.ToAssignment(), original.ToAssignment());
        });

    [Property(MaxTest = 200)]
    public Property Merge_RestoredHalvesWithEveryValueKind_EqualsSinglePass() =>
        Prop.ForAll(RichCases, c =>
        {
            // The traits are split too: the first half carries those of even customers, the second the rest.
            var split = c.Events.Length == 0 ? 0 : c.Cut % (c.Events.Length + 1);
            var even = c.Traits.Where(t => (t.Item1[^1] - '0') % 2 == 0).ToArray();
            var odd = c.Traits.Except(even).ToArray();
            var merged = StateJsonAssert.Restore(Accumulate(RichRules, c.Mode, c.Events[..split], even));
            merged.Merge(StateJsonAssert.Restore(Accumulate(RichRules, c.Mode, c.Events[split..], odd)));
            var single = Accumulate(RichRules, c.Mode, c.Events, c.Traits);
            return SameAssignment(merged.ToAssignment(), single.ToAssignment()) && merged.EventsRead == single.EventsRead
                && merged.EventsAfterAsOf == single.EventsAfterAsOf && merged.CustomerCount == single.CustomerCount;
        });

    [Fact]
    public void Serialize_WorkedExample_WritesTheDocumentedShape()
    {
        var json = RetentionMetricsJson.Serialize(WorkedExample());

        // The writer's default encoder escapes > and ' in the rule text (\u003E, \u0027): the same JSON strings.
        // a: orders of 30 and 50 on 10 and 20 June → count 2, avg {sum 80, count 2}, last 20 June, max 50.
        // b: 120 on 1 February; c: one order exactly at the as-of instant, left out (an empty row: count 0, avg over no
        // values, no time, no maximum, no plan); d: 150 on 15 March. eventsRead 5, eventsAfterAsOf 1.
        Assert.Equal(
            """{"type":"segmentAccumulator","version":1,"segments":{"type":"segmentSet","version":1,"segments":["""
            + """{"name":"loyal","rule":"count(order) \u003E= 2 and avg(order.amount) \u003E= 20"},"""
            + """{"name":"lapsed","rule":"last(order) more than 90 days ago"},"""
            + """{"name":"pro_big","rule":"plan = \u0027pro\u0027 and max(order.amount) \u003E= 100"}]}"""
            + ""","options":{"asOf":"2024-07-01T00:00:00Z","zone":"UTC","assignment":"allMatches"},"eventsRead":5,"eventsAfterAsOf":1"""
            + ""","aggregates":["count(order)","avg(order.amount)","last(order)","max(order.amount)"],"traits":["plan"],"customers":["""
            + """{"key":"a","aggregates":[2,{"sum":80,"count":2},"2024-06-20T00:00:00Z",50],"traits":["pro"]},"""
            + """{"key":"b","aggregates":[1,{"sum":120,"count":1},"2024-02-01T00:00:00Z",120],"traits":["free"]},"""
            + """{"key":"c","aggregates":[0,{"sum":0,"count":0},null,null],"traits":[null]},"""
            + """{"key":"d","aggregates":[1,{"sum":150,"count":1},"2024-03-15T00:00:00Z",150],"traits":["pro"]}]}""",
            json);
    }

    [Fact]
    public void Deserialize_WorkedExample_GivesTheHandCheckedMembers()
    {
        // As of 1 July 2024 (UTC), "more than 90 days ago" means before 2 April 2024.
        // loyal: a (2 orders, average 40). lapsed: b (1 Feb) and d (15 Mar); a's last order (20 Jun) is recent and c has
        // none (unknown). pro_big: d (pro, maximum 150); a is pro but its maximum is 50, b is free, c has no plan.
        var restored = StateJsonAssert.Restore(WorkedExample());
        var assignment = restored.ToAssignment();

        Assert.Equal(["a", "b", "c", "d"], assignment.Customers);
        Assert.Equal(["a"], assignment.MembersOf("loyal"));
        Assert.Equal(["b", "d"], assignment.MembersOf("lapsed"));
        Assert.Equal(["d"], assignment.MembersOf("pro_big"));
        Assert.Equal(5, restored.EventsRead);
        Assert.Equal(1, restored.EventsAfterAsOf);
    }

    [Fact]
    public void Deserialize_HandWrittenDocumentWithEveryValueKind_GivesTheHandCheckedMembers()
    {
        // As of 2024-07-01 in Paris (2024-06-30T22:00Z), first-match, long keys.
        // 1: first page "pricing" (a string) → s1; signup 2024-03-01 (a date) and trial true → s2 as well, but first
        //    match keeps s1 only. 2: first page absent (its first visit had no page: unknown); signup an instant in
        //    2024 and trial true → s2. 3: earliest visit time 2024-05-31T21:59Z, before the start of 1 June in Paris
        //    (2024-05-31T22:00Z) → s3. 4: 2024-05-31T22:00Z, exactly the start of 1 June → in no segment.
        const string Json = """
            {"type":"segmentAccumulator","version":1,
             "segments":{"type":"segmentSet","version":1,"segments":[
               {"name":"s1","rule":"first(visit.page) = 'pricing'"},
               {"name":"s2","rule":"signup >= 2024-01-01 and trial = true"},
               {"name":"s3","rule":"min(visit.at) < 2024-06-01"}]},
             "options":{"asOf":"2024-06-30T22:00:00Z","zone":"Europe/Paris","assignment":"firstMatch"},
             "eventsRead":6,"eventsAfterAsOf":0,
             "aggregates":["first(visit.page)","min(visit.at)"],"traits":["signup","trial"],
             "customers":[
               {"key":1,"aggregates":[{"time":"2024-06-01T10:00:00Z","value":"pricing"},null],"traits":[{"date":"2024-03-01"},true]},
               {"key":2,"aggregates":[{"time":"2024-06-02T10:00:00Z","value":null},null],"traits":[{"instant":"2024-02-10T08:30:00Z"},true]},
               {"key":3,"aggregates":[null,{"instant":"2024-05-31T21:59:00Z"}],"traits":[null,false]},
               {"key":4,"aggregates":[null,{"instant":"2024-05-31T22:00:00Z"}],"traits":[{"date":"2023-12-31"},true]}]}
            """;

        var restored = RetentionMetricsJson.Deserialize<SegmentAccumulator<long>>(Json);
        var assignment = restored.ToAssignment();

        Assert.Equal(SegmentAssignmentMode.FirstMatch, restored.Options.Assignment);
        Assert.Equal("Europe/Paris", restored.Options.Zone.Id);
        Assert.Equal([1L], assignment.MembersOf("s1"));
        Assert.Equal([2L], assignment.MembersOf("s2"));
        Assert.Equal([3L], assignment.MembersOf("s3"));
    }

    [Fact]
    public void RoundTrip_LongKeys_KeepsTheKeysAndTheMembers()
    {
        var set = SegmentSet.Parse("many: count(e) >= 2");
        var accumulator = new SegmentAccumulator<long>(set, new SegmentOptions(AsOf));
        accumulator.AddEvent(long.MaxValue, "e", AsOf - Duration.FromDays(1));
        accumulator.AddEvent(long.MaxValue, "e", AsOf - Duration.FromDays(2));
        accumulator.AddEvent(-3, "e", AsOf - Duration.FromDays(2));

        var restored = StateJsonAssert.RoundTrip(accumulator, out var sameJson);

        Assert.True(sameJson);
        Assert.Equal([long.MaxValue, -3L], restored.ToAssignment().Customers);
        Assert.Equal([long.MaxValue], restored.ToAssignment().MembersOf(0));
    }

    [Fact]
    public void CreateTypeInfoResolver_GuidKeys_RoundTrips()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(RetentionMetricsJson.CreateTypeInfoResolver<Guid>(), RetentionMetricsJsonContext.Default),
        };
        var info = options.GetTypeInfo(typeof(SegmentAccumulator<Guid>));
        var accumulator = new SegmentAccumulator<Guid>(SegmentSet.Parse("any: exists(e)"), new SegmentOptions(AsOf));
        var key = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        accumulator.AddEvent(key, "e", AsOf - Duration.FromDays(1));

        var json = JsonSerializer.Serialize(accumulator, info);
        var restored = (SegmentAccumulator<Guid>)JsonSerializer.Deserialize(json, info)!;

        Assert.Contains("\"key\":\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"", json, StringComparison.Ordinal);
        Assert.Equal([key], restored.ToAssignment().MembersOf(0));
    }

    [Fact]
    public void Merge_RestoredStateWithOtherOptions_ThrowsArgumentException()
    {
        var restored = StateJsonAssert.Restore(WorkedExample());
        var other = new SegmentAccumulator<string>(restored.Segments, new SegmentOptions(AsOf) { Assignment = SegmentAssignmentMode.FirstMatch });

        Assert.Equal("other", Assert.Throws<ArgumentException>(() => restored.Merge(other)).ParamName);
    }

    public static TheoryData<string, string, string> BadDocuments => new()
    {
        { Replace("\"version\":1,\"segments\":{", "\"version\":2,\"segments\":{"), "$.version", SerializationErrorMessages.Format(SerializationErrorMessages.UnsupportedVersion, 1, 2) },
        { Replace("\"type\":\"segmentAccumulator\"", "\"type\":\"segmentAssignment\""), "$.type", SerializationErrorMessages.Format(SerializationErrorMessages.WrongType, "segmentAccumulator", "segmentAssignment") },
        { Replace("\"eventsRead\":5,", ""), "$", SerializationErrorMessages.Format(SerializationErrorMessages.MissingProperty, "eventsRead") },
        { Replace("\"eventsAfterAsOf\":1", "\"eventsAfterAsOf\":6"), "$.eventsAfterAsOf", SerializationErrorMessages.Format(SerializationErrorMessages.OutOfRange, 0, 5, 6) },
        { Replace("\"eventsRead\":5", "\"eventsRead\":-5"), "$.eventsRead", SerializationErrorMessages.Format(SerializationErrorMessages.NegativeCount, -5) },
        { Replace("\"zone\":\"UTC\"", "\"zone\":\"Mars/Olympus\""), "$.options.zone", SerializationErrorMessages.Format(SerializationErrorMessages.UnknownTimeZone, "Mars/Olympus") },
        { Replace("\"assignment\":\"allMatches\"", "\"assignment\":\"bestMatch\""), "$.options.assignment", SerializationErrorMessages.Format(SerializationErrorMessages.UnknownName, "\"allMatches\", \"firstMatch\"", "bestMatch") },
        { Replace("\"asOf\":\"2024-07-01T00:00:00Z\"", "\"asOf\":\"2024-07-01\""), "$.options.asOf", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "an ISO-8601 instant such as \"2024-03-01T09:30:00Z\"", "\"2024-07-01\"") },
        { Replace("\"count(order)\",\"avg(order.amount)\"", "\"avg(order.amount)\",\"count(order)\""), "$.aggregates", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "the aggregates must be those the segments need, in the order they compile to") },
        { Replace("\"traits\":[\"plan\"]", "\"traits\":[\"plan\",\"country\"]"), "$.traits", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "the traits must be those the segments read, in the order they compile to") },
        { Replace("\"aggregates\":[2,{\"sum\":80,\"count\":2},\"2024-06-20T00:00:00Z\",50]", "\"aggregates\":[2,{\"sum\":80,\"count\":2},\"2024-06-20T00:00:00Z\"]"), "$.customers[0].aggregates", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "one state per aggregate") },
        { Replace("\"traits\":[\"free\"]", "\"traits\":[\"free\",null]"), "$.customers[1].traits", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "one value per trait") },
        { Replace("\"aggregates\":[2,", "\"aggregates\":[\"2\","), "$.customers[0].aggregates[0]", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a whole number", "\"2\"") },
        { Replace("\"aggregates\":[2,", "\"aggregates\":[5,"), "$.customers[0].aggregates[0]", SerializationErrorMessages.Format(SerializationErrorMessages.OutOfRange, 0, 4, 5) },
        { Replace("{\"sum\":80,", "{\"sum\":\"80\","), "$.customers[0].aggregates[1].sum", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a decimal number", "\"80\"") },
        { Replace("{\"sum\":80,\"count\":2}", "{\"sum\":80}"), "$.customers[0].aggregates[1]", SerializationErrorMessages.Format(SerializationErrorMessages.MissingProperty, "count") },
        { Replace("{\"sum\":0,\"count\":0}", "{\"sum\":7,\"count\":0}"), "$.customers[2].aggregates[1]", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "an average over no values has a sum of 0") },
        { Replace("\"2024-06-20T00:00:00Z\"", "\"2024-07-01T00:00:00Z\""), "$.customers[0].aggregates[2]", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "an event time must lie in its aggregate's window, before the as-of instant") },
        { Replace("\"2024-06-20T00:00:00Z\",50]", "\"2024-06-20T00:00:00Z\",\"50\"]"), "$.customers[0].aggregates[3]", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a number, a date, an instant or null", "\"50\"") },
        { Replace("\"traits\":[\"free\"]", "\"traits\":[{\"week\":\"2024-W05\"}]"), "$.customers[1].traits[0]", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a number, a string, true, false, null, {\"date\": …} or {\"instant\": …}", "an object") },
        { Replace("\"traits\":[\"free\"]", "\"traits\":[{\"date\":\"2024-02-30\"}]"), "$.customers[1].traits[0].date", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "an ISO-8601 date such as \"2024-03-01\"", "\"2024-02-30\"") },
        { Replace("\"key\":\"b\"", "\"key\":\"a\""), "$.customers[1].key", SerializationErrorMessages.Format(SerializationErrorMessages.DuplicateCustomer, "a") },
        { Replace("\"key\":\"b\"", "\"key\":7"), "$.customers[1].key", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a string", "7") },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Deserialize_BadDocument_ThrowsNamingThePath(string json, string path, string problem) =>
        StateJsonAssert.Rejects<SegmentAccumulator<string>>(json, path, problem);

    [Fact]
    public void Deserialize_BadRuleText_ReportsTheParserMessageAtTheRule()
    {
        var json = Replace("\"rule\":\"last(order) more than 90 days ago\"", "\"rule\":\"last(order) more than\"");

        StateJsonAssert.RejectsAt<SegmentAccumulator<string>>(json, "$.segments.segments[1].rule");
    }

    [Fact]
    public void Deserialize_Null_Throws() =>
        Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<SegmentAccumulator<string>>("null"));

    /// <summary>The example of docs/serialization.md: four customers, three segments, as of 1 July 2024 (UTC).</summary>
    private static SegmentAccumulator<string> WorkedExample()
    {
        var set = SegmentSet.Parse("""
            loyal: count(order) >= 2 and avg(order.amount) >= 20
            lapsed: last(order) more than 90 days ago
            pro_big: plan = 'pro' and max(order.amount) >= 100
            """);
        var accumulator = new SegmentAccumulator<string>(set, new SegmentOptions(AsOf));
        accumulator.AddEvent("a", "order", Instant.FromUtc(2024, 6, 10, 0, 0), Amount(30));
        accumulator.AddEvent("a", "order", Instant.FromUtc(2024, 6, 20, 0, 0), Amount(50));
        accumulator.AddEvent("b", "order", Instant.FromUtc(2024, 2, 1, 0, 0), Amount(120));
        accumulator.AddEvent("c", "order", AsOf, Amount(10));
        accumulator.AddEvent("d", "order", Instant.FromUtc(2024, 3, 15, 0, 0), Amount(150));
        accumulator.AddTrait("a", "plan", SegmentValue.FromString("pro"));
        accumulator.AddTrait("b", "plan", SegmentValue.FromString("free"));
        accumulator.AddTrait("d", "plan", SegmentValue.FromString("pro"));
        return accumulator;

        static Dictionary<string, SegmentValue> Amount(int amount) => new() { ["amount"] = SegmentValue.FromNumber(amount) };
    }

    private static string Replace(string from, string to) => StateJsonAssert.Replace(RetentionMetricsJson.Serialize(WorkedExample()), from, to);

    private static SegmentSet GeneratedSet(string[] rules) =>
        SegmentSet.Parse(string.Join('\n', rules.Select((rule, i) => $"s{i}: {rule}")));

    private static (string, string, SegmentValue)[] PlanTraits(string?[] plans) =>
        [.. plans.Select((plan, i) => ($"c{i}", "plan", plan is null ? SegmentValue.Missing : SegmentValue.FromString(plan)))];

    private static SegmentAccumulator<string> Accumulate(
        SegmentSet set, SegmentAssignmentMode mode, ReadOnlySpan<ExampleEvent> events, IEnumerable<(string Customer, string Trait, SegmentValue Value)> traits)
    {
        var accumulator = new SegmentAccumulator<string>(set, new SegmentOptions(AsOf) { Assignment = mode });
        foreach (var (customer, trait, value) in traits)
        {
            accumulator.AddTrait(customer, trait, value);
        }

        accumulator.AddEvents(events, SegmentExampleData.Selectors);
        return accumulator;
    }

    private static bool SameAssignment(SegmentAssignment<string> x, SegmentAssignment<string> y) =>
        x.Customers.Order(StringComparer.Ordinal).SequenceEqual(y.Customers.Order(StringComparer.Ordinal))
        && x.EventsRead == y.EventsRead && x.Mode == y.Mode
        && Enumerable.Range(0, x.Segments.Count).All(s =>
            x.MembersOf(s).Order(StringComparer.Ordinal).SequenceEqual(y.MembersOf(s).Order(StringComparer.Ordinal)));

    private static Dictionary<string, SegmentValue> RichProperties(int amount, string label, int when, bool instant)
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

        if (when >= 0)
        {
            var day = new LocalDate(2024, 5, 1).PlusDays(when);
            properties["when"] = instant ? SegmentValue.FromInstant(day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromHours(when % 24)) : SegmentValue.FromDate(day);
        }

        return properties;
    }
}
