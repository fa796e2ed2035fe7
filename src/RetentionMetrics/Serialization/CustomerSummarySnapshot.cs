namespace RetentionMetrics.Serialization;

/// <summary>One customer's summary state: local ticks since 0001-01-01 and the sorted distinct period numbers.</summary>
internal readonly record struct CustomerSummarySnapshot(
    int Transactions, decimal TotalSpend, decimal FirstPeriodSpend, long FirstTicks, long LastTicks, int[] Periods);
