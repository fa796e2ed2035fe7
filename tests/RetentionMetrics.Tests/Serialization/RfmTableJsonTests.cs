using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Rfm;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Rfm;

namespace RetentionMetrics.Tests.Serialization;

public class RfmTableJsonTests
{
    [Property(MaxTest = 100)]
    public Property RoundTrip_AnyScoring_GivesAnEqualTable() =>
        Prop.ForAll(
            RfmTestData.CustomerArrays, Arb.From(Gen.Choose(2, 9)),
            Arb.From(Gen.Elements(RfmScoring.CountBelow, RfmScoring.EqualCount, RfmScoring.Sketch, RfmScoring.Breakpoints)),
            (customers, bins, scoring) =>
            {
                var options = new RfmOptions
                {
                    Bins = bins,
                    Scoring = scoring,
                    Frequency = RfmFrequency.PurchaseDays,
                    Breakpoints = scoring == RfmScoring.Breakpoints ? Breakpoints(bins) : null,
                };
                var table = RfmModel.Score(RfmTestData.Summaries(customers), options);
                var restored = StateJsonAssert.RoundTrip(table, out var sameJson);
                return sameJson && restored.Equals(table) && restored.SequenceEqual(table) && restored.Segments.SequenceEqual(table.Segments)
                    && restored.RankErrorBound == table.RankErrorBound && restored.Options.Equals(table.Options);
            });

    [Fact]
    public void RoundTrip_TenCustomers_FindsEveryCustomerByKey()
    {
        var summaries = RfmTestData.Summaries(RfmTestData.TenCustomers);
        var table = RfmModel.Score(summaries);
        var json = RetentionMetricsJson.Serialize(table);
        var restored = RetentionMetricsJson.Deserialize<RfmTable<string>>(json);

        foreach (var row in table)
        {
            Assert.True(restored.TryGet(row.CustomerId, out var match));
            Assert.Equal(row, match);
        }
    }

    [Fact]
    public void Deserialize_ScoreAboveTheBins_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers)));
        var start = json.IndexOf("\"score\":{\"recency\":", StringComparison.Ordinal) + "\"score\":{\"recency\":".Length;
        var bad = json[..start] + "6" + json[(start + 1)..];

        StateJsonAssert.Rejects<RfmTable<string>>(bad, "$.customers[0].score.recency", SerializationErrorMessages.Format(SerializationErrorMessages.OutOfRange, 1, 5, 6));
    }

    [Fact]
    public void Deserialize_UnknownSegment_NamesThePath()
    {
        var table = RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers));
        var json = RetentionMetricsJson.Serialize(table);
        var first = "\"segment\":\"" + table[0].Segment + "\"";
        var at = json.IndexOf(first, json.IndexOf("\"customers\":[", StringComparison.Ordinal), StringComparison.Ordinal);

        StateJsonAssert.RejectsAt<RfmTable<string>>(json[..at] + "\"segment\":\"Nobody\"" + json[(at + first.Length)..], "$.customers[0].segment");
    }

    [Fact]
    public void Deserialize_BreakpointsForOtherBins_ReportsInvalidSettingsAtTheOptions()
    {
        var options = new RfmOptions { Bins = 3, Scoring = RfmScoring.Breakpoints, Breakpoints = new RfmBreakpoints([7, 30], [2, 5], [30m, 80m]) };
        var json = RetentionMetricsJson.Serialize(RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers), options));

        StateJsonAssert.RejectsAt<RfmTable<string>>(StateJsonAssert.Replace(json, "\"options\":{\"bins\":3", "\"options\":{\"bins\":4"), "$.options");
    }

    private static RfmBreakpoints Breakpoints(int bins) =>
        new(Enumerable.Range(1, bins - 1).Select(i => i * 5), Enumerable.Range(1, bins - 1).Select(i => i + 1), Enumerable.Range(1, bins - 1).Select(i => i * 20m));
}
