namespace RetentionMetrics.Rfm;

/// <summary>What the frequency of RFM counts.</summary>
public enum RfmFrequency
{
    /// <summary>The number of transactions (records counted in the summaries). The default.</summary>
    Transactions,

    /// <summary>The number of distinct calendar days with a purchase; needs summaries grouped by <see cref="Customers.PurchasePeriod.Day"/>.</summary>
    PurchaseDays,
}
