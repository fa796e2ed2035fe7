namespace RetentionMetrics.Churn;

/// <summary>A customer satisfaction score (CSAT): the share of answers at or above the satisfied threshold, with its Wilson interval.</summary>
/// <remarks>With no responses the share and interval are <see langword="null"/>. Equal when every field is equal.</remarks>
/// <param name="Responses">All answers counted.</param>
/// <param name="Satisfied">Answers at or above the threshold (4 or 5 on the default 1–5 scale).</param>
/// <param name="Share">Satisfied ÷ responses, from 0 to 1; <see langword="null"/> without responses.</param>
/// <param name="Interval">The Wilson score interval of the share; <see langword="null"/> without responses.</param>
public sealed record CustomerSatisfaction(long Responses, long Satisfied, double? Share, ConfidenceInterval? Interval);
