using System.Globalization;
using NodaTime;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;
using RetentionMetrics.Segments;
using RetentionMetrics.Serialization;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.AotSample;

/// <summary>
/// The sample's calculation: summaries, RFM segment counts, a monthly cohort row, a segment's size, and partial cohort
/// and segment states moved through JSON and merged.
/// </summary>
/// <remarks>
/// The dates are those of the CDNOW literature: the 39-week calibration ends on 1997-09-30 and the data on
/// 1998-06-30. The same text is printed by the Native AOT binary and by the tests under the JIT.
/// </remarks>
public static class SampleReport
{
    /// <summary>The end of the CDNOW calibration period (Fader, Hardie &amp; Lee 2005).</summary>
    public static readonly LocalDate CalibrationEnd = new(1997, 9, 30);

    /// <summary>The as-of date of the RFM scores and the segment rule: the day after the last CDNOW order.</summary>
    public static readonly LocalDate AsOf = new(1998, 7, 1);

    /// <summary>The rule whose audience size is printed.</summary>
    public const string RuleText = "repeat_recent: count(order) >= 2 and last(order) within last 180 days";

    /// <summary>The number of monthly cohort columns printed for the first cohort.</summary>
    public const int CohortColumns = 7;

    /// <summary>Computes every figure and writes the report.</summary>
    /// <param name="orders">The orders.</param>
    /// <param name="source">The input's name for the first line.</param>
    /// <param name="output">Receives the report.</param>
    /// <exception cref="RetentionDataException">An order cannot be used; the message names it.</exception>
    public static void Write(SampleOrder[] orders, string source, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(output);
        var memory = new ReadOnlyMemory<SampleOrder>(orders);
        var invariant = CultureInfo.InvariantCulture;

        var all = memory.ToCustomerSummaries(o => o.CustomerId, o => o.Date, o => o.Amount);
        var first = all.Count == 0 ? default : all.Min(s => s.FirstPurchase.Date);
        var last = all.Count == 0 ? default : all.Max(s => s.LastPurchase.Date);
        output.WriteLine(string.Create(invariant, $"input: {source}, {orders.Length} orders, {all.Count} customers, {first:yyyy-MM-dd} to {last:yyyy-MM-dd}"));

        var calibration = memory.ToCustomerSummaries(o => o.CustomerId, o => o.Date, o => o.Amount, new CustomerSummaryOptions { AsOf = CalibrationEnd });
        output.WriteLine(string.Create(invariant,
            $"summaries as of {CalibrationEnd:yyyy-MM-dd}: {calibration.Count} customers, {calibration.Sum(s => s.Frequency)} repeat purchases, {calibration.RecordsAfterAsOf} orders after the as-of date, total spend {calibration.TotalSpend:0.00}"));

        var rfm = memory.ToCustomerSummaries(o => o.CustomerId, o => o.Date, o => o.Amount, new CustomerSummaryOptions { AsOf = AsOf }).ToRfmTable();
        output.WriteLine(string.Create(invariant, $"rfm segments as of {AsOf:yyyy-MM-dd}:"));
        foreach (var segment in rfm.Segments)
        {
            output.WriteLine(string.Create(invariant, $"  {segment.Segment}: {segment.Customers} customers, revenue {segment.Revenue:0.00}"));
        }

        var cohorts = memory.ToCohortTable(o => o.CustomerId, o => o.Date, o => o.Amount, new CohortOptions { Period = CohortPeriod.Month, AsOf = AsOf.PlusDays(-1) });
        if (cohorts.Cohorts.Count > 0)
        {
            var row = cohorts.Row(0).Take(CohortColumns).Select(v => v is { } value ? value.ToString("0.0%", invariant) : "-");
            output.WriteLine(string.Create(invariant, $"cohort {cohorts.Cohorts[0].Label} ({cohorts.Cohorts[0].Size} customers) monthly retention: {string.Join(" ", row)}"));
        }

        var set = SegmentSet.Parse(RuleText);
        var selectors = new SegmentEventSelectors<SampleOrder, string>(
            o => o.CustomerId, _ => "order", o => o.Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(),
            (o, property) => property == "amount" ? SegmentValue.FromNumber(o.Amount) : SegmentValue.Missing);
        var assignment = ((ReadOnlySpan<SampleOrder>)orders).ToSegmentAssignment(set, selectors, SegmentOptions.ForDate(AsOf));
        output.WriteLine(string.Create(invariant, $"segment {set[0].Name} ({set[0].Rule}): {assignment.SizeOf(set[0].Name)} customers"));

        // Two partitions summarised apart, each state written as JSON and read back (source-generated, no
        // reflection), then merged: the table equals the single pass above.
        var cohortOptions = new CohortOptions { Period = CohortPeriod.Month, AsOf = AsOf.PlusDays(-1) };
        var documents = new string[2];
        for (var part = 0; part < documents.Length; part++)
        {
            var state = new CohortAccumulator<string>(cohortOptions);
            for (var i = part; i < orders.Length; i += documents.Length)
            {
                state.Add(orders[i].CustomerId, orders[i].Date, orders[i].Amount);
            }

            documents[part] = RetentionMetricsJson.Serialize(state);
        }

        var merged = RetentionMetricsJson.Deserialize<CohortAccumulator<string>>(documents[0]);
        merged.Merge(RetentionMetricsJson.Deserialize<CohortAccumulator<string>>(documents[1]));
        output.WriteLine(string.Create(invariant, $"cohort states of {documents.Length} partitions through JSON, merged: {(merged.ToTable().Equals(cohorts) ? "equal to" : "different from")} the single pass"));

        // The segment's per-customer state the same way: each partition's accumulator through JSON, merged, evaluated.
        var segmentDocuments = new string[2];
        for (var part = 0; part < segmentDocuments.Length; part++)
        {
            var partition = orders.Where((_, i) => i % segmentDocuments.Length == part).ToArray();
            var state = new SegmentAccumulator<string>(set, SegmentOptions.ForDate(AsOf));
            state.AddEvents<SampleOrder>(partition, selectors);
            segmentDocuments[part] = RetentionMetricsJson.Serialize(state);
        }

        var audience = RetentionMetricsJson.Deserialize<SegmentAccumulator<string>>(segmentDocuments[0]);
        audience.Merge(RetentionMetricsJson.Deserialize<SegmentAccumulator<string>>(segmentDocuments[1]));
        var members = audience.ToAssignment().MembersOf(0);
        var same = members.Count == assignment.MembersOf(0).Count && members.ToHashSet(StringComparer.Ordinal).SetEquals(assignment.MembersOf(0));
        output.WriteLine(string.Create(invariant, $"segment states of {segmentDocuments.Length} partitions through JSON, merged: {members.Count} customers, {(same ? "equal to" : "different from")} the single pass"));
    }
}
