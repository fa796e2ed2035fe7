namespace RetentionMetrics.Health;

/// <summary>How a customer's band moved between two snapshots.</summary>
public enum HealthTrend
{
    /// <summary>Same band in both snapshots (the score may still have moved).</summary>
    Unchanged,

    /// <summary>Moved to a higher band (for example At-Risk → Healthy).</summary>
    Improved,

    /// <summary>Moved to a lower band (for example Healthy → At-Risk): the alert a customer-success team acts on.</summary>
    Deteriorated,

    /// <summary>Only in the current snapshot.</summary>
    New,

    /// <summary>Only in the previous snapshot.</summary>
    Gone,
}
