namespace RetentionMetrics.Rfm;

/// <summary>What the monetary value of RFM measures.</summary>
public enum RfmMonetary
{
    /// <summary>The customer's total spend. The default.</summary>
    TotalSpend,

    /// <summary>The customer's mean spend per transaction: total spend divided by the number of transactions.</summary>
    MeanSpend,
}
