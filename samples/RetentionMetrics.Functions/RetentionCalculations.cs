using NodaTime;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Functions;

/// <summary>What a function invocation computes from a stream of orders: audience sizes, RFM scores, a cohort table.</summary>
/// <remarks>
/// Every method Aggregates: it reads its orders once, keeping state per customer, and passes the host's cancellation
/// token down to the read. The rule set is parsed and compiled once per worker process and shared by every
/// invocation; it is immutable, so concurrent invocations may use it.
/// </remarks>
public static class RetentionCalculations
{
    // snippet: functions-static-rules
    /// <summary>The audience rules, one named segment per line.</summary>
    public const string AudienceRules = """
        repeat_buyers: count(order) >= 2
        big_spenders: sum(order.amount) >= 100
        lapsed: last(order) more than 90 days ago
        """;

    /// <summary>The audiences, parsed once per worker process; reused by every invocation.</summary>
    public static SegmentSet Audiences { get; } = SegmentSet.Parse(AudienceRules);

    /// <summary>How an <see cref="Order"/> is read as a segment event named <c>order</c> with the property <c>amount</c>.</summary>
    public static SegmentEventSelectors<Order, string> OrderEvents { get; } = new(
        o => o.CustomerId, _ => "order", o => o.Time,
        (o, property) => property == "amount" ? SegmentValue.FromNumber(o.Amount) : SegmentValue.Missing);

    /// <summary>Counts the customers in each audience as of the start of <paramref name="asOf"/> (UTC).</summary>
    /// <param name="orders">The orders.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="cancellationToken">The host's cancellation token.</param>
    /// <returns>The size of each audience, by name, in rule order.</returns>
    public static async ValueTask<IReadOnlyDictionary<string, int>> CountAudiencesAsync(
        IAsyncEnumerable<Order> orders, LocalDate asOf, CancellationToken cancellationToken)
    {
        var assignment = await orders.ToSegmentAssignmentAsync(
            Audiences, OrderEvents, SegmentOptions.ForDate(asOf), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Audiences.ToDictionary(s => s.Name, s => assignment.SizeOf(s.Name));
    }
    // end-snippet

    /// <summary>Scores every customer's recency, frequency and monetary value (quintiles) as of <paramref name="asOf"/>.</summary>
    /// <param name="orders">The orders.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="cancellationToken">The host's cancellation token.</param>
    /// <returns>The RFM table.</returns>
    public static ValueTask<RfmTable<string>> ScoreAsync(IAsyncEnumerable<Order> orders, LocalDate asOf, CancellationToken cancellationToken) =>
        orders.ToRfmTableAsync(new CustomerSummaryOptions { AsOf = asOf }, cancellationToken: cancellationToken);

    /// <summary>Builds the monthly retention cohort table as of <paramref name="asOf"/>.</summary>
    /// <param name="orders">The orders.</param>
    /// <param name="asOf">The last day observed.</param>
    /// <param name="cancellationToken">The host's cancellation token.</param>
    /// <returns>The cohort table.</returns>
    public static ValueTask<CohortTable> CohortsAsync(IAsyncEnumerable<Order> orders, LocalDate asOf, CancellationToken cancellationToken) =>
        orders.ToCohortTableAsync(CohortOptionsFor(asOf), cancellationToken: cancellationToken);

    /// <summary>The cohort options every function of the app uses, so partial states merge.</summary>
    /// <param name="asOf">The last day observed.</param>
    /// <returns>Monthly cohorts, retention measure, as of <paramref name="asOf"/>.</returns>
    public static CohortOptions CohortOptionsFor(LocalDate asOf) => new() { Period = CohortPeriod.Month, AsOf = asOf };
}
