namespace RetentionMetrics.Lifetime;

/// <summary>Mean predicted and actual holdout purchases of the customers with one calibration frequency.</summary>
/// <param name="Frequency">The calibration frequency x (the lower bound of the last, pooled group).</param>
/// <param name="AndAbove">Whether the group pools every frequency from <paramref name="Frequency"/> up.</param>
/// <param name="Customers">Customers in the group.</param>
/// <param name="MeanPredicted">Mean expected holdout purchases.</param>
/// <param name="MeanActual">Mean actual holdout purchases.</param>
public readonly record struct HoldoutFrequencyGroup(int Frequency, bool AndAbove, double Customers, double MeanPredicted, double MeanActual);
