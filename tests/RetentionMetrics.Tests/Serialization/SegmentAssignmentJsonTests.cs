using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Segments;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Segments;

namespace RetentionMetrics.Tests.Serialization;

public class SegmentAssignmentJsonTests
{
    private static readonly SegmentSet Set = SegmentSet.Parse("buyers: count(order) > 1\nbig: sum(order.amount) > 5\nrecent: exists(order, last 10 days)");

    private static readonly Arbitrary<(ExampleEvent[] Events, SegmentAssignmentMode Mode)> Cases = Arb.From(
        from events in (from customer in Gen.Choose(0, 9)
                        from hours in Gen.Choose(-30 * 24, 0)
                        from amount in Gen.Choose(0, 6)
                        select new ExampleEvent($"c{customer}", "order", SegmentExampleData.AsOf + Duration.FromHours(hours),
                            new Dictionary<string, SegmentValue> { ["amount"] = SegmentValue.FromNumber(amount) })).ArrayOf()
        from mode in Gen.Elements(SegmentAssignmentMode.AllMatches, SegmentAssignmentMode.FirstMatch)
        select (events, mode));

    [Property(MaxTest = 100)]
    public Property RoundTrip_AnyEvents_GivesTheSameMembers() =>
        Prop.ForAll(Cases, c =>
        {
            var assignment = Assign(c.Events, c.Mode);
            var restored = StateJsonAssert.RoundTrip(assignment, out var sameJson);
            return sameJson && restored.Segments.Equals(assignment.Segments) && restored.Mode == assignment.Mode
                && restored.EventsRead == assignment.EventsRead && restored.Customers.SequenceEqual(assignment.Customers)
                && Enumerable.Range(0, Set.Count).All(s => restored.MembersOf(s).SequenceEqual(assignment.MembersOf(s)))
                && assignment.Customers.All(k => restored.SegmentsOf(k).SequenceEqual(assignment.SegmentsOf(k)));
        });

    [Fact]
    public void Deserialize_MemberNotAmongTheCustomers_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(Assign(SegmentExampleData.Events, SegmentAssignmentMode.AllMatches));
        var start = json.IndexOf("\"members\":", StringComparison.Ordinal);
        var bad = json[..start] + "\"members\":[[\"nobody\"],[],[]]}";

        StateJsonAssert.Rejects<SegmentAssignment<string>>(
            bad, "$.members[0][0]", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "every member must be one of the customers"));
    }

    [Fact]
    public void Deserialize_FirstMatchCustomerInTwoSegments_NamesThePath()
    {
        const string Json = """{"type":"segmentAssignment","version":1,"segments":{"type":"segmentSet","version":1,"segments":[{"name":"a","rule":"count(order) > 0"},{"name":"b","rule":"count(order) > 1"}]},"mode":"firstMatch","eventsRead":3,"customers":["x"],"members":[["x"],["x"]]}""";

        StateJsonAssert.Rejects<SegmentAssignment<string>>(Json, "$.members[1][0]", SerializationErrorMessages.Format(SerializationErrorMessages.DuplicateCustomer, "x"));
    }

    private static SegmentAssignment<string> Assign(ReadOnlySpan<ExampleEvent> events, SegmentAssignmentMode mode)
    {
        var accumulator = new SegmentAccumulator<string>(Set, SegmentExampleData.Options with { Assignment = mode });
        accumulator.AddEvents(events, SegmentExampleData.Selectors);
        return accumulator.ToAssignment();
    }
}
