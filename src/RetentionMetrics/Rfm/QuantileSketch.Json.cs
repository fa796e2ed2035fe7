namespace RetentionMetrics.Rfm;

// Snapshot and restore for RetentionMetrics.Serialization: the generator state and the retained values per level.
public sealed partial class QuantileSketch
{
    internal ulong RandomState => random;

    internal int LevelCount => levels.Count;

    internal ReadOnlySpan<double> LevelAt(int level) => levels[level].AsSpan(0, sizes[level]);

    /// <summary>Replaces the (empty) state with a validated snapshot.</summary>
    internal void Restore(ulong randomState, long count, double minimum, double maximum, long rankErrorBound, double[][] retained)
    {
        random = randomState;
        Count = count;
        Minimum = minimum;
        Maximum = maximum;
        RankErrorBound = rankErrorBound;
        levels.Clear();
        sizes.Clear();
        foreach (var level in retained)
        {
            var buffer = new double[Math.Max(Capacity, level.Length)];
            level.CopyTo(buffer, 0);
            levels.Add(buffer);
            sizes.Add(level.Length);
        }

        Invalidate();
    }
}
