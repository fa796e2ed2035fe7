namespace RetentionMetrics.Churn;

/// <summary>A Net Promoter Score: promoters (9–10) minus detractors (0–6), as a percentage of all answers, with its interval.</summary>
/// <remarks>
/// The interval is the normal approximation around the score with the variance of a difference of two multinomial
/// proportions, Var(NPS) = 100² · (p + d − (p − d)²) / n, clipped to [−100, 100]; see <c>docs/churn.md</c>.
/// With no responses the score and interval are <see langword="null"/>. Equal when every field is equal.
/// </remarks>
/// <param name="Responses">All answers counted.</param>
/// <param name="Promoters">Answers of 9 or 10.</param>
/// <param name="Passives">Answers of 7 or 8.</param>
/// <param name="Detractors">Answers from 0 to 6.</param>
/// <param name="Score">The score from −100 to 100; <see langword="null"/> without responses.</param>
/// <param name="Interval">The confidence interval of the score; <see langword="null"/> without responses.</param>
public sealed record NetPromoterScore(long Responses, long Promoters, long Passives, long Detractors, double? Score, ConfidenceInterval? Interval);
