using NodaTime;

namespace RetentionMetrics.AotSample;

/// <summary>One row of an orders CSV: who bought, on which day, for how much.</summary>
/// <param name="CustomerId">The customer's id as written in the file.</param>
/// <param name="Date">The order's calendar day.</param>
/// <param name="Amount">The order's amount.</param>
public readonly record struct SampleOrder(string CustomerId, LocalDate Date, decimal Amount);
