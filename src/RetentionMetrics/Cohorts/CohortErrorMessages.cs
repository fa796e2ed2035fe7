namespace RetentionMetrics.Cohorts;

/// <summary>The wording of the errors raised while building cohort tables, in one place.</summary>
public static class CohortErrorMessages
{
    /// <summary>A record is dated before the signup date given with it.</summary>
    public const string ActivityBeforeSignup = "The record is dated before the customer's signup date.";

    /// <summary>A cohort's revenue no longer fits in a <see cref="decimal"/>.</summary>
    public const string RevenueOverflow = "The cohort revenue exceeds the range of a decimal.";

    /// <summary>A revenue measure was asked of an accumulator created with <see cref="CohortOptions.TrackRevenue"/> off.</summary>
    public const string RevenueNotTracked = "Revenue measures need CohortOptions.TrackRevenue; the accumulator was created without it.";

    /// <summary>Two accumulators with different options were merged.</summary>
    public const string MergeMismatch = "Only accumulators with the same period, time zone, as-of date and revenue tracking can be merged.";

    /// <summary>The options list no brackets, or brackets that are not in increasing order.</summary>
    public const string BracketsOutOfOrder = "Brackets must be non-empty and in increasing order of their first offset.";
}
