namespace RetentionMetrics.Health;

/// <summary>A customer's key with their health score.</summary>
/// <remarks>Equal when key and score are equal. <c>default</c> has no key and no score.</remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <param name="CustomerId">The customer's key.</param>
/// <param name="Health">The customer's score, band and contributions.</param>
public readonly record struct CustomerHealthScore<TKey>(TKey CustomerId, HealthScore Health);
