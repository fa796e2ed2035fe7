using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Rfm;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>The RFM settings documents: <see cref="RfmBreakpoints"/> and <see cref="RfmSegmentMap"/>.</summary>
public class RfmRulesJsonTests
{
    private static readonly Arbitrary<RfmBreakpoints> Breakpoints = Arb.From(
        from count in Gen.Choose(1, 6)
        from recencySteps in Gen.Choose(1, 400).ArrayOf(count)
        from frequencySteps in Gen.Choose(1, 20).ArrayOf(count)
        from monetarySteps in Gen.Choose(1, 100_000).ArrayOf(count)
        select new RfmBreakpoints(Ascending(recencySteps), Ascending(frequencySteps), Ascending(monetarySteps).Select(cents => cents / 100m)));

    private static readonly Arbitrary<RfmSegmentMap> Maps = Arb.From(
        from bins in Gen.Choose(2, 9)
        from rules in (from name in Gen.Elements("Champions", "At Risk", "Lost", "Can't Lose Them", "Ünïcode \"quoted\"")
                       from bounds in Gen.Choose(1, bins).ArrayOf(6)
                       select new RfmSegmentRule(name, Math.Min(bounds[0], bounds[1]), Math.Max(bounds[0], bounds[1]),
                           Math.Min(bounds[2], bounds[3]), Math.Max(bounds[2], bounds[3]), Math.Min(bounds[4], bounds[5]), Math.Max(bounds[4], bounds[5]))).ListOf()
        from fallback in Gen.Elements(RfmSegmentMap.Others, "Everyone else")
        select new RfmSegmentMap(rules, bins, fallback));

    [Property(MaxTest = 100)]
    public Property RfmBreakpoints_RoundTrip_GivesEqualBreakpoints() =>
        Prop.ForAll(Breakpoints, breakpoints => StateJsonAssert.RoundTrip(breakpoints, out var sameJson).Equals(breakpoints) && sameJson);

    [Property(MaxTest = 100)]
    public Property RfmSegmentMap_RoundTrip_GivesAnEqualMap() =>
        Prop.ForAll(Maps, map => StateJsonAssert.RoundTrip(map, out var sameJson).Equals(map) && sameJson);

    [Fact]
    public void RfmSegmentMap_Default_RoundTripsToTheDefault()
    {
        Assert.Equal(RfmSegmentMap.Default, StateJsonAssert.Restore(RfmSegmentMap.Default));
    }

    [Fact]
    public void RfmBreakpoints_WorkedExample_WritesTheDocumentedShape()
    {
        var breakpoints = new RfmBreakpoints([30, 90], [2, 5], [50m, 250.5m]);

        Assert.Equal(
            """{"type":"rfmBreakpoints","version":1,"recency":[30,90],"frequency":[2,5],"monetary":[50,250.5]}""",
            RetentionMetricsJson.Serialize(breakpoints));
    }

    [Fact]
    public void RfmBreakpoints_NotAscending_ReportsTheLibraryReasonAtTheRoot()
    {
        const string Json = """{"type":"rfmBreakpoints","version":1,"recency":[90,30],"frequency":[2,5],"monetary":[50,250]}""";

        StateJsonAssert.RejectsAt<RfmBreakpoints>(Json, "$");
        var error = Assert.Throws<System.Text.Json.JsonException>(() => RetentionMetricsJson.Deserialize<RfmBreakpoints>(Json));
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointsNotAscending, "recency"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RfmBreakpoints_TextAmount_NamesThePath()
    {
        const string Json = """{"type":"rfmBreakpoints","version":1,"recency":[30],"frequency":[2],"monetary":["50"]}""";

        StateJsonAssert.Rejects<RfmBreakpoints>(Json, "$.monetary[0]", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a decimal number", "\"50\""));
    }

    [Fact]
    public void RfmSegmentMap_EmptyRange_NamesTheRule()
    {
        const string Json = """{"type":"rfmSegmentMap","version":1,"bins":5,"fallback":"Others","rules":[{"name":"Lost","recency":[1,1],"frequency":[1,5],"monetary":[1,5]},{"name":"Odd","recency":[4,2],"frequency":[1,5],"monetary":[1,5]}]}""";

        StateJsonAssert.RejectsAt<RfmSegmentMap>(Json, "$.rules[1]");
    }

    [Fact]
    public void RfmSegmentMap_OneBin_NamesThePath()
    {
        const string Json = """{"type":"rfmSegmentMap","version":1,"bins":1,"fallback":"Others","rules":[]}""";

        StateJsonAssert.Rejects<RfmSegmentMap>(Json, "$.bins", SerializationErrorMessages.Format(SerializationErrorMessages.OutOfRange, 2, int.MaxValue, 1));
    }

    private static int[] Ascending(int[] steps)
    {
        var values = new int[steps.Length];
        var total = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            total += steps[i];
            values[i] = total;
        }

        return values;
    }
}
