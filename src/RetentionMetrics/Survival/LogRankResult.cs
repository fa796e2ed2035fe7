namespace RetentionMetrics.Survival;

/// <summary>The result of a log-rank test of equal survival across groups.</summary>
/// <remarks>An immutable result; the p-value is P(χ²(df) ≥ statistic).</remarks>
public sealed class LogRankResult
{
    internal LogRankResult(IReadOnlyList<LogRankGroup> groups, double statistic, int degreesOfFreedom, double pValue)
    {
        Groups = groups;
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>Each group's observed and expected events, in the order given.</summary>
    public IReadOnlyList<LogRankGroup> Groups { get; }

    /// <summary>The chi-squared statistic (O − E)ᵀ V⁻¹ (O − E) over the first k − 1 groups.</summary>
    public double Statistic { get; }

    /// <summary>The degrees of freedom: the number of groups minus one (less when a group adds no information).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>The p-value: the chance of a statistic this large if every group had the same survival function.</summary>
    public double PValue { get; }
}
