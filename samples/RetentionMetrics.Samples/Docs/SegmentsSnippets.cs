// snippet: segments-builder
using static RetentionMetrics.Segments.Segment;

// end-snippet
using NodaTime;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Samples.Docs;

/// <summary>The code examples of docs/segments.md.</summary>
public static class SegmentsSnippets
{
    /// <summary>An event of the caller's own type.</summary>
    public sealed record MyEvent(string UserId, string Name, Instant At, decimal Amount);

    /// <summary>Assigns customers to a set of named segments, first match wins; returns the size of one.</summary>
    public static async Task<int> SetAsync(
        IAsyncEnumerable<MyEvent> events, IReadOnlyDictionary<string, IReadOnlyDictionary<string, SegmentValue>> traits)
    {
        // snippet: segments-set
        var set = SegmentSet.Parse("""
            high_value_at_risk: sum(order_completed.amount) > $500 and last(order_completed) more than 60 days ago
                and last(app_session) more than 30 days ago
            churned: subscription_status = 'cancelled' or (last(order_completed) more than 180 days ago
                and count(order_completed) > 0)
            """);
        var selectors = new SegmentEventSelectors<MyEvent, string>(e => e.UserId, e => e.Name, e => e.At,
            (e, property) => property == "amount" ? SegmentValue.FromNumber(e.Amount) : SegmentValue.Missing);
        var assignment = await events.ToSegmentAssignmentAsync(set, selectors,
            SegmentOptions.ForDate(new LocalDate(2024, 7, 1)) with { Assignment = SegmentAssignmentMode.FirstMatch }, traits);
        int atRisk = assignment.SizeOf("high_value_at_risk");
        // end-snippet
        return atRisk;
    }

    /// <summary>Builds the first rule of the set with the builder instead of text.</summary>
    public static SegmentRule Builder()
    {
        // snippet: segments-builder
        var rule = SegmentRule.FromCondition(
            Sum("order_completed", "amount").GreaterThan(Money(500))
                .And(Last("order_completed").MoreThanAgo(Days(60)))
                .And(Last("app_session").MoreThanAgo(Days(30))));
        // end-snippet
        return rule;
    }
}
