using NodaTime;

namespace RetentionMetrics.Customers;

/// <summary>
/// One customer's purchase history condensed: totals, first and last purchase, and the repeat-purchase summary
/// (frequency, recency, T, monetary value) that the lifetime-value models take, with <c>lifetimes</c>' conventions.
/// </summary>
/// <remarks>
/// <para>Periods are those of <see cref="CustomerSummaryOptions.Period"/>. <see cref="Frequency"/> is the number of
/// distinct purchase periods minus one; <see cref="Recency"/> the periods from the first to the last purchase period;
/// <see cref="T"/> the periods from the first purchase period to the as-of date; <see cref="MonetaryValue"/> the mean
/// spend per repeat period (the first period's spend excluded), 0 when <see cref="Frequency"/> is 0.</para>
/// <para>Two summaries are equal when every field is equal. <c>default</c> is not a meaningful summary.</para>
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <param name="CustomerId">The customer key.</param>
/// <param name="Transactions">The number of records counted for the customer.</param>
/// <param name="TotalSpend">The sum of the amounts counted (refunds lower it under <see cref="RefundPolicy.Subtract"/>).</param>
/// <param name="FirstPurchase">The local date and time of the earliest record, in the analysis time zone.</param>
/// <param name="LastPurchase">The local date and time of the latest record, in the analysis time zone.</param>
/// <param name="Frequency">Repeat purchase periods: distinct purchase periods − 1.</param>
/// <param name="Recency">Periods between the first and the last purchase period.</param>
/// <param name="T">Periods between the first purchase period and the as-of date (the customer's age).</param>
/// <param name="MonetaryValue">Mean spend per repeat period; 0 when <paramref name="Frequency"/> is 0.</param>
public readonly record struct CustomerSummary<TKey>(
    TKey CustomerId,
    int Transactions,
    decimal TotalSpend,
    LocalDateTime FirstPurchase,
    LocalDateTime LastPurchase,
    int Frequency,
    int Recency,
    int T,
    decimal MonetaryValue)
{
    /// <summary>The number of distinct purchase periods (<see cref="Frequency"/> + 1).</summary>
    public int PurchasePeriods => Frequency + 1;
}
