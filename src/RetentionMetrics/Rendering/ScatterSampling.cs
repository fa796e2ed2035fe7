namespace RetentionMetrics.Rendering;

/// <summary>Deterministic down-sampling of a scatter: how many points each cluster keeps under a limit.</summary>
internal static class ScatterSampling
{
    /// <summary>
    /// Splits min(total, limit) points among clusters in proportion to their sizes (Hamilton's largest-remainder
    /// method, ties to the lower cluster number); each quota is at most the cluster's size, and the quotas add up
    /// to exactly min(total, limit).
    /// </summary>
    internal static int[] Quotas(IReadOnlyList<int> sizes, int limit)
    {
        long total = 0;
        foreach (var size in sizes)
        {
            total += size;
        }

        var quotas = new int[sizes.Count];
        if (total <= limit)
        {
            for (var c = 0; c < quotas.Length; c++)
            {
                quotas[c] = sizes[c];
            }

            return quotas;
        }

        var remainders = new long[sizes.Count];
        long assigned = 0;
        for (var c = 0; c < quotas.Length; c++)
        {
            var exact = (long)sizes[c] * limit;
            quotas[c] = (int)(exact / total);
            remainders[c] = exact % total;
            assigned += quotas[c];
        }

        var order = Enumerable.Range(0, quotas.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c).ToArray();
        for (var i = 0; assigned < limit && i < order.Length; i++)
        {
            var c = order[i];
            if (quotas[c] < sizes[c])
            {
                quotas[c]++;
                assigned++;
            }
        }

        return quotas;
    }
}
