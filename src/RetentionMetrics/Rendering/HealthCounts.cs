using RetentionMetrics.Health;

namespace RetentionMetrics.Rendering;

/// <summary>Health scores counted into equal bins over 0–100 and into bands.</summary>
internal sealed class HealthCounts
{
    private HealthCounts(IReadOnlyList<HealthBand> bands, int[] bandCounts, int[] bins, int total)
    {
        Bands = bands;
        BandCounts = bandCounts;
        Bins = bins;
        Total = total;
    }

    /// <summary>The bands, lowest first.</summary>
    internal IReadOnlyList<HealthBand> Bands { get; }

    internal int[] BandCounts { get; }

    internal int[] Bins { get; }

    internal int Total { get; }

    internal static HealthCounts From(IEnumerable<HealthScore> scores, IReadOnlyList<HealthBand>? bands, int binCount)
    {
        var list = new List<double>();
        var seen = new List<HealthBand>();
        foreach (var score in scores)
        {
            ArgumentNullException.ThrowIfNull(score, nameof(scores));
            list.Add(score.Score);
            if (bands is null && !seen.Contains(score.Band))
            {
                seen.Add(score.Band);
            }
        }

        if (bands is not null)
        {
            foreach (var band in bands)
            {
                ArgumentNullException.ThrowIfNull(band, nameof(bands));
            }
        }

        var ordered = (bands ?? seen).OrderBy(b => b.From).ThenBy(b => b.To).ToArray();
        var bins = new int[binCount];
        var bandCounts = new int[ordered.Length];
        foreach (var value in list)
        {
            var score = double.IsFinite(value) ? Math.Clamp(value, 0d, 100d) : 0d;
            bins[(int)Math.Min(binCount - 1, Math.Floor(score / (100d / binCount)))]++;
            var band = IndexOf(ordered, score);
            if (band >= 0)
            {
                bandCounts[band]++;
            }
        }

        return new HealthCounts(ordered, bandCounts, bins, list.Count);
    }

    internal int BandIndexOf(double score) => IndexOf(Bands, score);

    private static int IndexOf(IReadOnlyList<HealthBand> bands, double score)
    {
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (score >= band.From && (score < band.To || (band.To >= 100d && score <= 100d)))
            {
                return i;
            }
        }

        return -1;
    }
}
