namespace RetentionMetrics.Cohorts;

/// <summary>What each cell of a <see cref="CohortTable"/> holds for a cohort at an offset (or bracket of offsets).</summary>
/// <remarks>Definitions, with a worked example, are in <c>docs/cohorts.md</c>.</remarks>
public enum CohortMeasure
{
    /// <summary>
    /// N-period active customers: the number of cohort members with at least one record in that offset (in any
    /// offset of the bracket). Offset 0 equals the cohort size when the cohort is acquired by first activity.
    /// </summary>
    ActiveCustomers,

    /// <summary>N-period retention: <see cref="ActiveCustomers"/> divided by the cohort size, in [0, 1].</summary>
    Retention,

    /// <summary>
    /// Unbounded (rolling) active customers: the number of cohort members with a record in that offset or any later
    /// one (from the bracket's first offset on). Never increases from one offset to the next.
    /// </summary>
    UnboundedCustomers,

    /// <summary>Unbounded (rolling) retention: <see cref="UnboundedCustomers"/> divided by the cohort size, in [0, 1].</summary>
    UnboundedRetention,

    /// <summary>The revenue (sum of amounts) of the cohort's records in that offset (in the bracket's offsets).</summary>
    Revenue,

    /// <summary>
    /// The LTV curve: the cohort's revenue from offset 0 up to and including that offset (the bracket's last offset),
    /// divided by the cohort size.
    /// </summary>
    CumulativeRevenuePerCustomer,

    /// <summary>
    /// Churned customers: the number of cohort members with no record after that offset (after the bracket's last
    /// offset), up to the as-of date. A cell is observable only when the next offset is.
    /// </summary>
    ChurnedCustomers,
}
