namespace RetentionMetrics.Rfm;

/// <summary>One customer's RFM values, scores and named segment.</summary>
/// <remarks>Equal when every field is equal. <c>default</c> is not a meaningful row.</remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <param name="CustomerId">The customer key.</param>
/// <param name="Recency">Days from the last purchase to the as-of date.</param>
/// <param name="Frequency">Transactions or purchase days, as the options chose.</param>
/// <param name="Monetary">Total or mean spend, as the options chose.</param>
/// <param name="Revenue">The customer's total spend, whatever monetary measures.</param>
/// <param name="Score">The recency, frequency and monetary scores.</param>
/// <param name="Segment">The name of the customer's segment.</param>
public readonly record struct RfmCustomer<TKey>(
    TKey CustomerId, int Recency, int Frequency, decimal Monetary, decimal Revenue, RfmScore Score, string Segment);
