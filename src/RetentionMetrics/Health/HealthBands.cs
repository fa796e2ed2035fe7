using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>Ready-made band sets and the checks every band set passes.</summary>
public static class HealthBands
{
    /// <summary>The name of the lowest default band, scores 0 to 40.</summary>
    public const string Endangered = "Endangered";

    /// <summary>The name of the middle default band, scores 40 to 70.</summary>
    public const string AtRisk = "At-Risk";

    /// <summary>The name of the highest default band, scores 70 to 100.</summary>
    public const string Healthy = "Healthy";

    /// <summary>Endangered [0, 40), At-Risk [40, 70), Healthy [70, 100].</summary>
    public static IReadOnlyList<HealthBand> Default { get; } =
        [new HealthBand(Endangered, 0, 40), new HealthBand(AtRisk, 40, 70), new HealthBand(Healthy, 70, 100)];

    /// <summary>Bands from names (lowest first) and the thresholds between them.</summary>
    /// <param name="names">The band names from the lowest scores to the highest; one more than the thresholds.</param>
    /// <param name="thresholds">Strictly increasing scores strictly between 0 and 100 where one band ends and the next begins.</param>
    /// <returns>The bands, lowest first.</returns>
    /// <example><c>FromThresholds(["Red", "Yellow", "Green"], [50, 80])</c> gives Red [0, 50), Yellow [50, 80), Green [80, 100].</example>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts do not match, the thresholds do not increase inside (0, 100), or a name is empty or repeated.</exception>
    public static IReadOnlyList<HealthBand> FromThresholds(IReadOnlyList<string> names, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (names.Count != thresholds.Count + 1)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.BandNamesDoNotMatchThresholds, names.Count, thresholds.Count), nameof(names));
        }

        for (var i = 0; i < thresholds.Count; i++)
        {
            if (!double.IsFinite(thresholds[i]) || thresholds[i] <= 0d || thresholds[i] >= 100d || (i > 0 && thresholds[i] <= thresholds[i - 1]))
            {
                throw new ArgumentException(HealthErrorMessages.BandThresholdsNotIncreasing, nameof(thresholds));
            }
        }

        var bands = new HealthBand[names.Count];
        for (var i = 0; i < bands.Length; i++)
        {
            bands[i] = new HealthBand(names[i], i == 0 ? 0d : thresholds[i - 1], i == thresholds.Count ? 100d : thresholds[i]);
        }

        if (Check(bands) is { } problem)
        {
            throw new ArgumentException(problem.Message, nameof(names));
        }

        return bands;
    }

    /// <summary>Checks that bands cover 0..100 with no gap, overlap or repeated name; returns the problem and the index of the band at fault, or null.</summary>
    internal static (string Message, int Index)? Check(IReadOnlyList<HealthBand> bands)
    {
        if (bands.Count == 0)
        {
            return (HealthErrorMessages.NoBands, -1);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < bands.Count; i++)
        {
            if (!names.Add(bands[i].Name))
            {
                return (string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.DuplicateBandName, bands[i].Name), i);
            }
        }

        var order = Enumerable.Range(0, bands.Count).OrderBy(i => bands[i].From).ThenBy(i => bands[i].To).ToArray();
        var first = bands[order[0]];
        if (first.From != 0d)
        {
            return (string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.FirstBandNotAtZero, first.Name, first.From), order[0]);
        }

        for (var k = 1; k < order.Length; k++)
        {
            var previous = bands[order[k - 1]];
            var band = bands[order[k]];
            if (band.From > previous.To)
            {
                return (string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.BandGap, band.Name, band.From, previous.Name, previous.To), order[k]);
            }

            if (band.From < previous.To)
            {
                return (string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.BandOverlap, band.Name, band.From, previous.Name, previous.To), order[k]);
            }
        }

        var last = bands[order[^1]];
        if (last.To != 100d)
        {
            return (string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.LastBandNotAtHundred, last.Name, last.To), order[^1]);
        }

        return null;
    }
}
