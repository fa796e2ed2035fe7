namespace RetentionMetrics.Segments;

/// <summary>Suggests the nearest known name for a misspelt one (optimal string alignment distance, case-insensitive).</summary>
internal static class EditDistance
{
    /// <summary>The candidate nearest to <paramref name="text"/>, when it is close enough to be a likely typo; otherwise null.</summary>
    public static string? Suggest(string text, IEnumerable<string> candidates)
    {
        if (text.Length > 64)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var distance = Distance(text.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        var allowed = text.Length <= 2 ? 1 : Math.Min(3, Math.Max(2, text.Length / 3));
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Edits (insert, delete, substitute, swap of neighbours) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
