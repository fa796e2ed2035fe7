namespace RetentionMetrics.Health;

/// <summary>Compares the health scores of two snapshots (now and before) customer by customer.</summary>
public static class HealthSnapshots
{
    /// <summary>Pairs each customer's current score with their previous one.</summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="previous">The earlier snapshot.</param>
    /// <param name="current">The current snapshot.</param>
    /// <param name="comparer">Compares keys; the default comparer when null.</param>
    /// <returns>One change per customer: the current snapshot's customers in their order, then those only in the previous one.</returns>
    /// <remarks><b>Buffers</b> the previous snapshot in a dictionary, then streams the current one.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="previous"/> or <paramref name="current"/> is null.</exception>
    /// <exception cref="RetentionDataException">A customer appears twice in one snapshot; the message names the customer and position.</exception>
    public static IReadOnlyList<HealthChange<TKey>> Compare<TKey>(
        IEnumerable<CustomerHealthScore<TKey>> previous, IEnumerable<CustomerHealthScore<TKey>> current, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var before = new Dictionary<TKey, (HealthScore Score, long Position)>(comparer);
        var position = 0L;
        foreach (var (customer, score) in previous)
        {
            if (!before.TryAdd(customer, (score, position)))
            {
                throw new RetentionDataException("The customer appears twice in the previous snapshot.", customer.ToString(), position);
            }

            position++;
        }

        var changes = new List<HealthChange<TKey>>();
        var seen = new HashSet<TKey>(comparer);
        position = 0L;
        foreach (var (customer, score) in current)
        {
            if (!seen.Add(customer))
            {
                throw new RetentionDataException("The customer appears twice in the current snapshot.", customer.ToString(), position);
            }

            changes.Add(new HealthChange<TKey>(customer, before.TryGetValue(customer, out var earlier) ? earlier.Score : null, score));
            position++;
        }

        foreach (var (customer, earlier) in before.OrderBy(p => p.Value.Position))
        {
            if (!seen.Contains(customer))
            {
                changes.Add(new HealthChange<TKey>(customer, earlier.Score, null));
            }
        }

        return changes;
    }

    /// <summary>The band transitions between two snapshots: the alerts (customers whose band went up or down).</summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="previous">The earlier snapshot.</param>
    /// <param name="current">The current snapshot.</param>
    /// <param name="comparer">Compares keys; the default comparer when null.</param>
    /// <returns>The changes whose <see cref="HealthChange{TKey}.IsTransition"/> is true, deteriorations first, then in current order.</returns>
    /// <remarks><b>Buffers</b> the previous snapshot.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="previous"/> or <paramref name="current"/> is null.</exception>
    /// <exception cref="RetentionDataException">A customer appears twice in one snapshot.</exception>
    public static IReadOnlyList<HealthChange<TKey>> Transitions<TKey>(
        IEnumerable<CustomerHealthScore<TKey>> previous, IEnumerable<CustomerHealthScore<TKey>> current, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull =>
        Compare(previous, current, comparer).Where(c => c.IsTransition).OrderBy(c => c.Trend == HealthTrend.Deteriorated ? 0 : 1).ToArray();
}
