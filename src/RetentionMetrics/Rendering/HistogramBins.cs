namespace RetentionMetrics.Rendering;

/// <summary>Values counted into equal bins from the smallest value to an upper quantile; values above go in the last bin.</summary>
internal sealed class HistogramBins
{
    private HistogramBins(double low, double high, int[] counts, bool open)
    {
        Low = low;
        High = high;
        Counts = counts;
        Open = open;
    }

    internal double Low { get; }

    internal double High { get; }

    internal int[] Counts { get; }

    /// <summary>Whether the last bin also holds values above <see cref="High"/>.</summary>
    internal bool Open { get; }

    internal static HistogramBins From(IReadOnlyList<double> values, int bins, double upperQuantile, string parameterName)
    {
        var sorted = new double[values.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException(RenderingErrorMessages.ValueNotFinite, parameterName);
            }

            sorted[i] = v;
        }

        var counts = new int[bins];
        if (sorted.Length == 0)
        {
            return new HistogramBins(0, 1, counts, false);
        }

        Array.Sort(sorted);
        var low = sorted[0];
        var max = sorted[^1];
        // Nearest-rank quantile: the smallest value with at least q·n values at or below it.
        var rank = (int)Math.Clamp(Math.Ceiling(upperQuantile * sorted.Length), 1, sorted.Length);
        var high = sorted[rank - 1];
        if (high <= low)
        {
            high = max;
        }

        if (high <= low)
        {
            low -= 0.5;
            high += 0.5;
        }

        var width = (high - low) / bins;
        foreach (var v in sorted)
        {
            var index = Math.Floor((v - low) / width);
            counts[(int)Math.Clamp(double.IsFinite(index) ? index : 0, 0, bins - 1)]++;
        }

        return new HistogramBins(low, high, counts, max > high);
    }
}
