using NodaTime;

namespace RetentionMetrics.Cohorts;

/// <summary>One row of a cohort table: the customers acquired in one period (and group, when grouped).</summary>
/// <remarks>Equal when all four fields are equal.</remarks>
/// <param name="Group">The value of the grouping dimension (channel, plan, …), or <see langword="null"/> when not grouped.</param>
/// <param name="Start">The first day of the acquisition period.</param>
/// <param name="Label">The acquisition period as text: <c>2024-01-15</c>, <c>2024-W03</c>, <c>2024-01</c> or <c>2024-Q1</c>.</param>
/// <param name="Size">The number of customers acquired.</param>
public sealed record Cohort(string? Group, LocalDate Start, string Label, int Size);
