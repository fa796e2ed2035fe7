namespace RetentionMetrics.Lifetime;

/// <summary>The "average purchase value × purchase frequency × lifespan" lifetime value of a group of customers.</summary>
/// <remarks>An immutable value; two results are equal when every field is equal.</remarks>
/// <param name="Revenue">Total revenue of the group.</param>
/// <param name="Purchases">Number of purchases.</param>
/// <param name="Customers">Number of distinct customers.</param>
/// <param name="AveragePurchaseValue">APV = revenue ÷ purchases (0 with no purchase).</param>
/// <param name="PurchaseFrequency">PF = purchases ÷ customers (0 with no customer).</param>
/// <param name="Lifespan">The average customer lifespan, in the periods the purchases were counted over.</param>
/// <param name="Margin">The share of revenue that is profit.</param>
/// <param name="Value">APV × PF × lifespan × margin.</param>
public sealed record AverageLifetimeValue(
    decimal Revenue, long Purchases, long Customers, decimal AveragePurchaseValue, decimal PurchaseFrequency, decimal Lifespan, decimal Margin, decimal Value);
