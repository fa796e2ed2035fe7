namespace RetentionMetrics.Survival;

/// <summary>One group's line of a log-rank test: its size, observed events and expected events under equal survival.</summary>
/// <remarks>Equal when every field is equal.</remarks>
/// <param name="Name">The group's name.</param>
/// <param name="Subjects">The group's observations.</param>
/// <param name="Observed">The group's events.</param>
/// <param name="Expected">The events expected if every group had the same survival function.</param>
public readonly record struct LogRankGroup(string Name, int Subjects, int Observed, double Expected);
