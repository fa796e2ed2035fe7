using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>A named range of scores: from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive; the top band includes 100).</summary>
/// <remarks>Equal when name and bounds are equal. Name comparison is exact; uniqueness among a model's bands ignores case.</remarks>
public sealed record HealthBand
{
    /// <summary>Creates a band.</summary>
    /// <param name="name">The band's name, not empty.</param>
    /// <param name="from">The lowest score in the band, from 0 to 100.</param>
    /// <param name="to">The score where the band ends, above <paramref name="from"/> and at most 100.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or the range is empty, reversed or outside 0..100; the message names the band.</exception>
    public HealthBand(string name, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException(HealthErrorMessages.EmptyBandName, nameof(name));
        }

        if (!double.IsFinite(from) || !double.IsFinite(to) || from < 0d || to > 100d)
        {
            throw new ArgumentOutOfRangeException(nameof(from), string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.BandBoundOutOfRange, name));
        }

        if (from >= to)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.BandRangeEmpty, name, from, to), nameof(to));
        }

        Name = name;
        From = from;
        To = to;
    }

    /// <summary>The band's name.</summary>
    public string Name { get; }

    /// <summary>The lowest score in the band.</summary>
    public double From { get; }

    /// <summary>The score where the band ends (exclusive, except 100 for the top band).</summary>
    public double To { get; }

    /// <summary>The band as <c>Name [from, to)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} [{From}, {To})");
}
