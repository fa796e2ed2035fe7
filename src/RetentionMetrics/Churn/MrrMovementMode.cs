namespace RetentionMetrics.Churn;

/// <summary>How subscription changes become MRR movements.</summary>
public enum MrrMovementMode
{
    /// <summary>
    /// Compare each customer's MRR in force at the end of consecutive periods (the default): 0 → positive is new
    /// business (or reactivation when the customer had positive MRR at any moment before the period began),
    /// positive → 0 is churn, up is expansion, down is contraction. Changes undone within a period leave no movement.
    /// </summary>
    PeriodEnd,

    /// <summary>
    /// Count every change against the MRR in force just before it, as ChartMogul's activity log does: an upgrade and a
    /// downgrade in the same month are an expansion and a contraction.
    /// </summary>
    Event,
}
