using System.Globalization;

namespace RetentionMetrics.Rfm;

/// <summary>
/// A mergeable quantile sketch of a stream of numbers: estimates how many values fall below any threshold, and the
/// quantiles, in memory that grows with the logarithm of the count, with a guaranteed rank-error bound.
/// </summary>
/// <remarks>
/// <para>A compactor sketch in the manner of KLL (Karnin, Lang and Liberty, "Optimal Quantile Approximation in
/// Streams", FOCS 2016) with equal compactor capacities: level <c>h</c> holds values of weight <c>2^h</c>; when a
/// level reaches <see cref="Capacity"/> values it is sorted and every other value (odd or even positions, chosen by a
/// seeded coin) moves up a level with double weight. One compaction at level <c>h</c> moves the estimated count
/// below any threshold by at most <c>2^h</c>, so the sketch adds up those weights in <see cref="RankErrorBound"/>:
/// for every threshold <c>x</c>, <c>|CountBelow(x) − (values &lt; x)| ≤ RankErrorBound</c>, always, not only with high
/// probability. A priori the bound never exceeds <see cref="WorstCaseRankError"/>:
/// <c>n · (⌊log2(n / capacity)⌋ + 1) / capacity</c> for <c>n ≥ capacity</c> values, and 0 below that. The random
/// coin makes the errors cancel, so the typical error is far below the bound. See <c>docs/rfm.md</c>.</para>
/// <para><see cref="Merge"/> adds another sketch's values: the result is a sketch of the union, with the two bounds
/// added and the compactions the merge needs added on top; the bound still holds for the union.</para>
/// <para>Not thread-safe: give each thread its own sketch and merge them. The same seed and the same sequence of
/// calls give the same sketch.</para>
/// </remarks>
public sealed partial class QuantileSketch
{
    /// <summary>The default capacity of each level: 256 values.</summary>
    public const int DefaultCapacity = 256;

    private readonly List<double[]> levels = [];
    private readonly List<int> sizes = [];
    private ulong random;
    private double[]? sortedValues;
    private long[]? cumulativeWeights;

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="capacity">The number of values each level holds before it is compacted: an even number from 8 to
    /// 65536. Larger is more accurate and uses more memory.</param>
    /// <param name="seed">The seed of the coin that picks the values kept at each compaction.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is odd or out of range.</exception>
    public QuantileSketch(int capacity = DefaultCapacity, int seed = 0)
    {
        if (capacity is < 8 or > 65_536 || capacity % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(capacity), capacity, string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.SketchCapacity, capacity));
        }

        Capacity = capacity;
        Seed = seed;
        random = unchecked(0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed * 0xBF58476D1CE4E5B9UL) | 1UL;
    }

    /// <summary>The number of values each level holds before it is compacted.</summary>
    public int Capacity { get; }

    /// <summary>The seed the sketch was created with.</summary>
    public int Seed { get; }

    /// <summary>The number of values added (exact).</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value added (exact); 0 when the sketch is empty.</summary>
    public double Minimum { get; private set; }

    /// <summary>The largest value added (exact); 0 when the sketch is empty.</summary>
    public double Maximum { get; private set; }

    /// <summary>
    /// A guaranteed bound on the absolute error of <see cref="CountBelow"/> and <see cref="CountAtMost"/>: the sum of
    /// the weights of every compaction this sketch and the sketches merged into it have made.
    /// </summary>
    public long RankErrorBound { get; private set; }

    /// <summary>The rank-error bound as a share of <see cref="Count"/> (0 for an empty sketch).</summary>
    public double NormalizedRankErrorBound => Count == 0 ? 0d : (double)RankErrorBound / Count;

    /// <summary>The number of values the sketch keeps in memory.</summary>
    public int RetainedValues => sizes.Sum();

    /// <summary>The a priori bound on <see cref="RankErrorBound"/> for <paramref name="count"/> values at <paramref name="capacity"/>.</summary>
    /// <param name="capacity">The capacity of each level.</param>
    /// <param name="count">The number of values.</param>
    /// <returns><c>count · (⌊log2(count / capacity)⌋ + 1) / capacity</c> rounded down, or 0 when <c>count &lt; capacity</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1 or <paramref name="count"/> is negative.</exception>
    public static long WorstCaseRankError(int capacity, long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < capacity)
        {
            return 0;
        }

        var levelsCompacted = Math.Floor(Math.Log2((double)count / capacity)) + 1;
        return (long)Math.Floor(count * levelsCompacted / capacity);
    }

    /// <summary>Adds one value.</summary>
    /// <param name="value">A finite number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, RfmErrorMessages.SketchValueNotFinite);
        }

        if (Count == 0)
        {
            Minimum = value;
            Maximum = value;
        }
        else
        {
            Minimum = Math.Min(Minimum, value);
            Maximum = Math.Max(Maximum, value);
        }

        Count++;
        Invalidate();
        EnsureLevel(0);
        var level0 = levels[0];
        level0[sizes[0]++] = value;
        if (sizes[0] >= Capacity)
        {
            CompactFrom(0);
        }
    }

    /// <summary>Adds every value of another sketch, as if they had been added here. The other sketch is unchanged.</summary>
    /// <param name="other">A sketch with the same <see cref="Capacity"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The capacities differ.</exception>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Capacity != Capacity)
        {
            throw new ArgumentException(RfmErrorMessages.SketchCapacityMismatch, nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        if (ReferenceEquals(other, this))
        {
            other = Copy();
        }

        Minimum = Count == 0 ? other.Minimum : Math.Min(Minimum, other.Minimum);
        Maximum = Count == 0 ? other.Maximum : Math.Max(Maximum, other.Maximum);
        Count += other.Count;
        RankErrorBound += other.RankErrorBound;
        Invalidate();
        for (var h = 0; h < other.levels.Count; h++)
        {
            if (other.sizes[h] == 0)
            {
                continue;
            }

            EnsureLevel(h);
            var needed = sizes[h] + other.sizes[h];
            if (needed > levels[h].Length)
            {
                var grown = levels[h];
                Array.Resize(ref grown, needed);
                levels[h] = grown;
            }

            Array.Copy(other.levels[h], 0, levels[h], sizes[h], other.sizes[h]);
            sizes[h] = needed;
        }

        CompactFrom(0);
    }

    /// <summary>The estimated number of values added that are strictly less than <paramref name="value"/>.</summary>
    /// <param name="value">The threshold.</param>
    /// <returns>An estimate within <see cref="RankErrorBound"/> of the exact count, from 0 to <see cref="Count"/>.</returns>
    public long CountBelow(double value)
    {
        Prepare();
        var position = LowerBound(sortedValues!, value);
        return position == 0 ? 0 : cumulativeWeights![position - 1];
    }

    /// <summary>The estimated number of values added that are less than or equal to <paramref name="value"/>.</summary>
    /// <param name="value">The threshold.</param>
    /// <returns>An estimate within <see cref="RankErrorBound"/> of the exact count, from 0 to <see cref="Count"/>.</returns>
    public long CountAtMost(double value)
    {
        Prepare();
        var position = UpperBound(sortedValues!, value);
        return position == 0 ? 0 : cumulativeWeights![position - 1];
    }

    /// <summary>The estimated value at a given fraction of the sorted input (0 the minimum, 1 the maximum).</summary>
    /// <param name="fraction">A number from 0 to 1.</param>
    /// <returns>The smallest retained value whose estimated count at or below it reaches <c>fraction · Count</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside 0 to 1 or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sketch is empty.</exception>
    public double Quantile(double fraction)
    {
        if (!(fraction >= 0d && fraction <= 1d))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Expected a fraction from 0 to 1 inclusive.");
        }

        if (Count == 0)
        {
            throw new InvalidOperationException(RfmErrorMessages.SketchEmpty);
        }

        if (fraction == 0d)
        {
            return Minimum;
        }

        if (fraction == 1d)
        {
            return Maximum;
        }

        Prepare();
        var target = (long)Math.Ceiling(fraction * Count);
        var weights = cumulativeWeights!;
        int low = 0, high = weights.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (weights[middle] >= target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return sortedValues![low];
    }

    /// <summary>A copy of this sketch, independent of it.</summary>
    /// <returns>A sketch with the same values, bound and coin state.</returns>
    public QuantileSketch Copy()
    {
        var copy = new QuantileSketch(Capacity, Seed)
        {
            random = random,
            Count = Count,
            Minimum = Minimum,
            Maximum = Maximum,
            RankErrorBound = RankErrorBound,
        };
        for (var h = 0; h < levels.Count; h++)
        {
            copy.levels.Add((double[])levels[h].Clone());
            copy.sizes.Add(sizes[h]);
        }

        return copy;
    }

    private void EnsureLevel(int level)
    {
        while (levels.Count <= level)
        {
            levels.Add(new double[Capacity]);
            sizes.Add(0);
        }
    }

    private void Invalidate()
    {
        sortedValues = null;
        cumulativeWeights = null;
    }

    /// <summary>Compacts every level from <paramref name="start"/> up that holds <see cref="Capacity"/> values or more.</summary>
    private void CompactFrom(int start)
    {
        for (var h = start; h < levels.Count; h++)
        {
            if (sizes[h] < Capacity)
            {
                continue;
            }

            var buffer = levels[h];
            var size = sizes[h];
            Array.Sort(buffer, 0, size);

            // An odd value out stays at this level (the largest); the rest is compacted in sorted order.
            var compacted = size & ~1;
            var offset = NextCoin();
            EnsureLevel(h + 1);
            var up = levels[h + 1];
            var needed = sizes[h + 1] + compacted / 2;
            if (needed > up.Length)
            {
                Array.Resize(ref up, Math.Max(needed, Capacity));
                levels[h + 1] = up;
            }

            var upSize = sizes[h + 1];
            for (var i = offset; i < compacted; i += 2)
            {
                up[upSize++] = buffer[i];
            }

            sizes[h + 1] = upSize;
            if (compacted < size)
            {
                buffer[0] = buffer[size - 1];
            }

            sizes[h] = size - compacted;
            checked
            {
                RankErrorBound += 1L << h;
            }
        }
    }

    private int NextCoin()
    {
        // xorshift64*: a small deterministic generator; only its lowest bit is used.
        var x = random;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        random = x;
        return (int)(unchecked(x * 0x2545F4914F6CDD1DUL) >> 63);
    }

    private void Prepare()
    {
        if (sortedValues is not null)
        {
            return;
        }

        var total = RetainedValues;
        var values = new double[total];
        var weights = new long[total];
        var n = 0;
        for (var h = 0; h < levels.Count; h++)
        {
            for (var i = 0; i < sizes[h]; i++)
            {
                values[n] = levels[h][i];
                weights[n] = 1L << h;
                n++;
            }
        }

        Array.Sort(values, weights);
        for (var i = 1; i < total; i++)
        {
            weights[i] += weights[i - 1];
        }

        sortedValues = values;
        cumulativeWeights = weights;
    }

    private static int LowerBound(double[] values, double value)
    {
        int low = 0, high = values.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (values[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int UpperBound(double[] values, double value)
    {
        int low = 0, high = values.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (values[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
