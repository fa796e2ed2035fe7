namespace RetentionMetrics.Segments;

/// <summary>The table and column names <see cref="SegmentSql"/> writes queries against.</summary>
/// <remarks>
/// The events table has one row per event with the customer, the event name, the time (a UTC
/// <c>TIMESTAMP</c>) and one column per property; the traits table one row per customer with one column per trait.
/// </remarks>
public sealed record SegmentSqlOptions
{
    /// <summary>The defaults: tables <c>events</c> and <c>traits</c>, columns <c>customer_id</c>, <c>event</c>, <c>timestamp</c>.</summary>
    public static SegmentSqlOptions Default { get; } = new();

    /// <summary>The events table (default <c>events</c>).</summary>
    public string EventsTable { get; init; } = "events";

    /// <summary>The traits table (default <c>traits</c>).</summary>
    public string TraitsTable { get; init; } = "traits";

    /// <summary>The customer column of both tables (default <c>customer_id</c>).</summary>
    public string CustomerColumn { get; init; } = "customer_id";

    /// <summary>The event-name column (default <c>event</c>).</summary>
    public string EventColumn { get; init; } = "event";

    /// <summary>The event-time column, a UTC timestamp (default <c>timestamp</c>).</summary>
    public string TimeColumn { get; init; } = "timestamp";
}
