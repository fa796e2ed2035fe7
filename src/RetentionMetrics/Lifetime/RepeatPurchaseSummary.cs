namespace RetentionMetrics.Lifetime;

/// <summary>
/// One customer (or a group of identical customers) as the lifetime-value models see them: repeat purchases,
/// recency and age in a chosen time unit, and the mean repeat-purchase value.
/// </summary>
/// <remarks>
/// <para>Follows the literature's and <c>lifetimes</c>' conventions: <see cref="Frequency"/> counts repeat purchases
/// (purchases after the first), <see cref="Recency"/> is the time from the first to the last purchase, and
/// <see cref="T"/> the time from the first purchase to the end of observation. For the discrete-time BG/BB model,
/// <see cref="Frequency"/> is the number of opportunities with a transaction, <see cref="Recency"/> the last such
/// opportunity, and <see cref="T"/> the number of opportunities <c>n</c>.</para>
/// <para>Two summaries are equal when every field is equal. <c>default</c> is a customer with no repeat purchase and
/// age 0, weight 0; <see cref="RepeatPurchaseData.Create"/> rejects it.</para>
/// </remarks>
/// <param name="CustomerId">The customer key as text (for messages and output).</param>
/// <param name="Frequency">Repeat purchases, x.</param>
/// <param name="Recency">Time of the last purchase since the first, t_x.</param>
/// <param name="T">Time from the first purchase to the end of observation.</param>
/// <param name="MonetaryValue">Mean value of the repeat purchases (0 when there is none).</param>
/// <param name="Weight">How many identical customers this row stands for (1 for one customer).</param>
public readonly record struct RepeatPurchaseSummary(
    string CustomerId, double Frequency, double Recency, double T, double MonetaryValue = 0d, double Weight = 1d);
