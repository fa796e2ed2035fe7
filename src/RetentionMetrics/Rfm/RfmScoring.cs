namespace RetentionMetrics.Rfm;

/// <summary>How values become scores 1..n.</summary>
public enum RfmScoring
{
    /// <summary>
    /// The default, tie-consistent rule: with <c>N</c> customers and <c>below(v)</c> the number of customers whose value
    /// is strictly worse than <c>v</c>, the score is <c>1 + ⌊n · below(v) / N⌋</c>. Equal values get equal scores.
    /// </summary>
    CountBelow,

    /// <summary>
    /// Equal-count bins, as SQL's <c>NTILE(n)</c>: customers sorted from worst to best value, ties broken by customer key
    /// in ascending order (ordinal for strings), are cut into <c>n</c> bins whose sizes differ by at most one, the larger
    /// bins first. Equal values may get different scores.
    /// </summary>
    EqualCount,

    /// <summary>Fixed breakpoints given in <see cref="RfmOptions.Breakpoints"/>, in each dimension's own units.</summary>
    Breakpoints,

    /// <summary>
    /// The <see cref="CountBelow"/> rule with <c>below(v)</c> estimated by a <see cref="QuantileSketch"/> per dimension,
    /// for inputs too large to sort: scores differ from the exact ones only as far as the sketch's rank-error bound allows.
    /// </summary>
    Sketch,
}
