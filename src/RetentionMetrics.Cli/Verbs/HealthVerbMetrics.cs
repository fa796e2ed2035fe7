namespace RetentionMetrics.Cli.Verbs;

/// <summary>A metrics file read into memory: customer ids in file order and their values, row-major, NaN for missing.</summary>
internal sealed record HealthMetrics(string File, IReadOnlyList<string> Customers, double[] Values);
