namespace RetentionMetrics.Lifetime;

/// <summary>One customer's predicted and actual holdout purchases.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="CalibrationFrequency">Repeat purchases in the calibration period.</param>
/// <param name="Predicted">The model's expected purchases in the holdout.</param>
/// <param name="Actual">The purchases that happened in the holdout.</param>
public readonly record struct HoldoutPrediction(string CustomerId, double CalibrationFrequency, double Predicted, double Actual);
