using NodaTime;

namespace RetentionMetrics.Customers;

/// <summary>A purchase record for callers who have no record type of their own.</summary>
/// <remarks>Equal when all three fields are equal. <c>default</c> has no customer and is rejected by the summaries.</remarks>
/// <param name="CustomerId">The customer key.</param>
/// <param name="Time">When the purchase happened.</param>
/// <param name="Amount">The purchase amount; negative for a refund.</param>
public readonly record struct Order(string CustomerId, Instant Time, decimal Amount);
