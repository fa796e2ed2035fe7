using RetentionMetrics.Internal;

namespace RetentionMetrics.Survival;

/// <summary>The log-rank (Mantel–Cox) test of whether two or more groups share one survival function.</summary>
/// <remarks>
/// At each distinct event time t of the pooled data, with n subjects at risk and d events, group j with nⱼ at risk is
/// expected to have d·nⱼ/n events; V accumulates d·(n − d)/(n − 1)·(nⱼ/n)(δⱼₗ − nₗ/n). The statistic is
/// (O − E)ᵀ V⁻¹ (O − E) over the first k − 1 groups, chi-squared with k − 1 degrees of freedom under equal survival
/// (Mantel 1966; Peto and Peto 1972). See <c>docs/cohorts.md</c>.
/// </remarks>
public static class LogRankTest
{
    /// <summary>Tests whether the groups share one survival function.</summary>
    /// <remarks><b>Buffers</b>: the observations are sorted, so they are held in memory.</remarks>
    /// <param name="groups">Two or more groups.</param>
    /// <returns>The statistic, degrees of freedom, p-value and each group's observed and expected events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or one of its groups is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two groups were given.</exception>
    public static LogRankResult Compare(IReadOnlyList<SurvivalGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count < 2)
        {
            throw new ArgumentException(SurvivalErrorMessages.TooFewGroups, nameof(groups));
        }

        var k = groups.Count;
        var all = new List<(double Time, bool IsEvent, int Group)>();
        for (var g = 0; g < k; g++)
        {
            ArgumentNullException.ThrowIfNull(groups[g], nameof(groups));
            ArgumentNullException.ThrowIfNull(groups[g].Observations, nameof(groups));
            foreach (var o in groups[g].Observations)
            {
                all.Add((o.Time, o.IsEvent, g));
            }
        }

        all.Sort((a, b) => a.Time.CompareTo(b.Time));
        var atRisk = groups.Select(g => g.Observations.Count).ToArray();
        var observed = new int[k];
        var expected = new double[k];
        var variance = new double[k, k];
        var died = new int[k];
        var left = new int[k];
        for (var i = 0; i < all.Count;)
        {
            var time = all[i].Time;
            Array.Clear(died);
            Array.Clear(left);
            for (; i < all.Count && all[i].Time == time; i++)
            {
                left[all[i].Group]++;
                if (all[i].IsEvent)
                {
                    died[all[i].Group]++;
                }
            }

            var n = (double)atRisk.Sum();
            var d = (double)died.Sum();
            if (d > 0)
            {
                for (var j = 0; j < k; j++)
                {
                    observed[j] += died[j];
                    expected[j] += d * atRisk[j] / n;
                }

                if (n > 1)
                {
                    var factor = d * (n - d) / (n - 1);
                    for (var j = 0; j < k; j++)
                    {
                        for (var l = 0; l < k; l++)
                        {
                            var share = atRisk[j] / n;
                            variance[j, l] += factor * share * ((j == l ? 1 : 0) - atRisk[l] / n);
                        }
                    }
                }
            }

            for (var j = 0; j < k; j++)
            {
                atRisk[j] -= left[j];
            }
        }

        var difference = new double[k - 1];
        for (var j = 0; j < k - 1; j++)
        {
            difference[j] = observed[j] - expected[j];
        }

        var (statistic, rank) = QuadraticForm(variance, difference);
        var pValue = rank == 0 ? 1 : Math.Clamp(SpecialFunctions.ChiSquaredSurvival(statistic, rank), 0, 1);
        var lines = groups.Select((g, j) => new LogRankGroup(g.Name, g.Observations.Count, observed[j], expected[j])).ToArray();
        return new LogRankResult(lines, statistic, rank, pValue);
    }

    /// <summary>xᵀ V⁺ x over the leading (k − 1) block of V by symmetric elimination, skipping pivots that vanish.</summary>
    private static (double Value, int Rank) QuadraticForm(double[,] fullVariance, double[] x)
    {
        var m = x.Length;
        var a = new double[m, m];
        var scale = 0d;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                a[i, j] = fullVariance[i, j];
            }

            scale = Math.Max(scale, Math.Abs(a[i, i]));
        }

        var b = (double[])x.Clone();
        var value = 0d;
        var rank = 0;
        var tolerance = Math.Max(scale, 1e-300) * 1e-10;
        for (var p = 0; p < m; p++)
        {
            var pivot = a[p, p];
            if (pivot <= tolerance)
            {
                continue;
            }

            rank++;
            value += b[p] * b[p] / pivot;
            for (var i = p + 1; i < m; i++)
            {
                var factor = a[i, p] / pivot;
                for (var j = p + 1; j < m; j++)
                {
                    a[i, j] -= factor * a[p, j];
                }

                b[i] -= factor * b[p];
            }
        }

        return (Math.Max(0, value), rank);
    }
}
