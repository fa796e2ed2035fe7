using System.Globalization;

namespace RetentionMetrics.Rfm;

/// <summary>How customers' recency, frequency and monetary values become scores and named segments.</summary>
/// <remarks>
/// The defaults: 5 bins, frequency as transactions, monetary as total spend, the tie-consistent
/// <see cref="RfmScoring.CountBelow"/> rule and the <see cref="RfmSegmentMap.Default"/> segments. See <c>docs/rfm.md</c>.
/// </remarks>
public sealed record RfmOptions
{
    /// <summary>The default options.</summary>
    public static RfmOptions Default { get; } = new();

    /// <summary>The number of score bins <c>n</c>: scores run from 1 to <c>n</c>. 5 by default; at least 2.</summary>
    public int Bins { get; init; } = 5;

    /// <summary>What frequency counts. <see cref="RfmFrequency.Transactions"/> by default.</summary>
    public RfmFrequency Frequency { get; init; } = RfmFrequency.Transactions;

    /// <summary>What monetary measures. <see cref="RfmMonetary.TotalSpend"/> by default.</summary>
    public RfmMonetary Monetary { get; init; } = RfmMonetary.TotalSpend;

    /// <summary>How values become scores. <see cref="RfmScoring.CountBelow"/> by default.</summary>
    public RfmScoring Scoring { get; init; } = RfmScoring.CountBelow;

    /// <summary>The fixed breakpoints <see cref="RfmScoring.Breakpoints"/> uses; their bin count must equal <see cref="Bins"/>.</summary>
    public RfmBreakpoints? Breakpoints { get; init; }

    /// <summary>The capacity of each level of the sketches <see cref="RfmScoring.Sketch"/> uses. <see cref="QuantileSketch.DefaultCapacity"/> by default.</summary>
    public int SketchCapacity { get; init; } = QuantileSketch.DefaultCapacity;

    /// <summary>The seed of the sketches <see cref="RfmScoring.Sketch"/> uses. 0 by default.</summary>
    public int SketchSeed { get; init; }

    /// <summary>The named segments. <see cref="RfmSegmentMap.Default"/> by default.</summary>
    public RfmSegmentMap Segments { get; init; } = RfmSegmentMap.Default;

    internal void Validate(string parameterName)
    {
        if (Bins < 2)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.TooFewBins, Bins), parameterName);
        }

        if (!Enum.IsDefined(Frequency) || !Enum.IsDefined(Monetary) || !Enum.IsDefined(Scoring))
        {
            throw new ArgumentException("The options name an unknown frequency, monetary or scoring choice.", parameterName);
        }

        if (Segments is null)
        {
            throw new ArgumentException("The options need a segment map.", parameterName);
        }

        if (Scoring == RfmScoring.Breakpoints)
        {
            if (Breakpoints is null)
            {
                throw new ArgumentException(RfmErrorMessages.BreakpointsMissing, parameterName);
            }

            if (Breakpoints.Bins != Bins)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointCount, "recency", Bins - 1, Breakpoints.Bins - 1), parameterName);
            }
        }

        if (Scoring == RfmScoring.Sketch && (SketchCapacity is < 8 or > 65_536 || SketchCapacity % 2 != 0))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.SketchCapacity, SketchCapacity), parameterName);
        }
    }
}
