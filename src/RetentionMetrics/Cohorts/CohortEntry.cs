namespace RetentionMetrics.Cohorts;

/// One record reduced to what a cohort partition needs: the customer, the local time in ticks and the record's index
/// in its window (for its position in errors, and to read its amount, group or signup date when the options need them).
internal readonly struct CohortEntry<TKey>(TKey key, long ticks, int index)
{
    public readonly TKey Key = key;
    public readonly long Ticks = ticks;
    public readonly int Index = index;
}
