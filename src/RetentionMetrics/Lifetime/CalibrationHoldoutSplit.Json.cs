namespace RetentionMetrics.Lifetime;

// Restore for RetentionMetrics.Serialization: a split from its calibration data and hold-out counts as written.
public sealed partial class CalibrationHoldoutSplit
{
    internal static CalibrationHoldoutSplit Restore(RepeatPurchaseData calibration, double[] holdoutPurchases, double holdoutLength) =>
        new(calibration, holdoutPurchases, holdoutLength);
}
