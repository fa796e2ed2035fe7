namespace RetentionMetrics.Rfm;

/// <summary>
/// Three mergeable quantile sketches, one per RFM dimension, that score customers by the <see cref="RfmScoring.CountBelow"/>
/// rule without sorting: for inputs too large to sort or split over machines.
/// </summary>
/// <remarks>
/// <para><b>Aggregates</b> in memory that grows with the logarithm of the customers. First add every customer's values
/// (on any number of sketches, merged at the end), then score each customer against the merged sketch. The estimated
/// <c>below(v)</c> of each dimension is within <see cref="RankErrorBound"/> of the exact count, so a score can differ
/// from the exact score only by what that error allows: the sketch score lies between
/// <c>1 + ⌊n · max(0, below − e) / N⌋</c> and <c>1 + ⌊n · min(N, below + e) / N⌋</c> (capped at n).</para>
/// <para>Monetary values are sketched as <see cref="double"/>: amounts that differ only beyond about 15 significant
/// digits count as equal. Not thread-safe.</para>
/// </remarks>
public sealed partial class RfmSketch
{
    /// <summary>Creates empty sketches.</summary>
    /// <param name="capacity">The capacity of each sketch level; see <see cref="QuantileSketch"/>.</param>
    /// <param name="seed">The seed of the sketches' coins.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is odd or out of range.</exception>
    public RfmSketch(int capacity = QuantileSketch.DefaultCapacity, int seed = 0)
    {
        Recency = new QuantileSketch(capacity, seed);
        Frequency = new QuantileSketch(capacity, unchecked(seed + 1));
        Monetary = new QuantileSketch(capacity, unchecked(seed + 2));
    }

    /// <summary>The sketch of the customers' days since their last purchase.</summary>
    public QuantileSketch Recency { get; }

    /// <summary>The sketch of the customers' frequencies.</summary>
    public QuantileSketch Frequency { get; }

    /// <summary>The sketch of the customers' monetary values.</summary>
    public QuantileSketch Monetary { get; }

    /// <summary>The number of customers added.</summary>
    public long Count => Recency.Count;

    /// <summary>The largest rank-error bound of the three sketches: every estimated <c>below(v)</c> is within it.</summary>
    public long RankErrorBound => Math.Max(Recency.RankErrorBound, Math.Max(Frequency.RankErrorBound, Monetary.RankErrorBound));

    /// <summary>Adds one customer's values.</summary>
    /// <param name="recency">Days since the last purchase.</param>
    /// <param name="frequency">The frequency.</param>
    /// <param name="monetary">The monetary value.</param>
    public void Add(int recency, int frequency, decimal monetary)
    {
        Recency.Add(recency);
        Frequency.Add(frequency);
        Monetary.Add((double)monetary);
    }

    /// <summary>Adds every customer of another RFM sketch. The other sketch is unchanged.</summary>
    /// <param name="other">A sketch with the same capacity.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The capacities differ.</exception>
    public void Merge(RfmSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Recency.Capacity != Recency.Capacity)
        {
            throw new ArgumentException(RfmErrorMessages.RfmSketchMismatch, nameof(other));
        }

        Recency.Merge(other.Recency);
        Frequency.Merge(other.Frequency);
        Monetary.Merge(other.Monetary);
    }

    /// <summary>The scores of a customer with the given values, by the count-below rule over the sketched customers.</summary>
    /// <param name="recency">Days since the last purchase.</param>
    /// <param name="frequency">The frequency.</param>
    /// <param name="monetary">The monetary value.</param>
    /// <param name="bins">The number of bins, at least 2.</param>
    /// <returns>Scores from 1 to <paramref name="bins"/>; all 1 when the sketch is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 2.</exception>
    public RfmScore Score(int recency, int frequency, decimal monetary, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var count = Count;
        if (count == 0)
        {
            return new RfmScore(1, 1, 1);
        }

        return new RfmScore(
            ScoreOf(count - Recency.CountAtMost(recency), count, bins),
            ScoreOf(Frequency.CountBelow(frequency), count, bins),
            ScoreOf(Monetary.CountBelow((double)monetary), count, bins));
    }

    private static int ScoreOf(long below, long count, int bins)
    {
        var clamped = Math.Clamp(below, 0, count);
        var bin = count <= long.MaxValue / bins ? bins * clamped / count : (long)((System.Int128)bins * clamped / count);
        return (int)Math.Min(bins, 1 + bin);
    }
}
