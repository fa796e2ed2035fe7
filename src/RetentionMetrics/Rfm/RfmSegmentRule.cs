using System.Globalization;

namespace RetentionMetrics.Rfm;

/// <summary>A named segment given by inclusive ranges of the recency, frequency and monetary scores.</summary>
/// <remarks>An immutable value; two rules are equal when the name and all six bounds are equal.</remarks>
public sealed record RfmSegmentRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="name">The segment name.</param>
    /// <param name="minimumRecency">The lowest recency score in the segment.</param>
    /// <param name="maximumRecency">The highest recency score in the segment.</param>
    /// <param name="minimumFrequency">The lowest frequency score in the segment.</param>
    /// <param name="maximumFrequency">The highest frequency score in the segment.</param>
    /// <param name="minimumMonetary">The lowest monetary score in the segment.</param>
    /// <param name="maximumMonetary">The highest monetary score in the segment.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a minimum exceeds its maximum.</exception>
    public RfmSegmentRule(
        string name, int minimumRecency, int maximumRecency, int minimumFrequency, int maximumFrequency, int minimumMonetary, int maximumMonetary)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException(RfmErrorMessages.SegmentNameMissing, nameof(name));
        }

        if (minimumRecency > maximumRecency || minimumFrequency > maximumFrequency || minimumMonetary > maximumMonetary)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.SegmentRuleRange, name), nameof(name));
        }

        Name = name;
        MinimumRecency = minimumRecency;
        MaximumRecency = maximumRecency;
        MinimumFrequency = minimumFrequency;
        MaximumFrequency = maximumFrequency;
        MinimumMonetary = minimumMonetary;
        MaximumMonetary = maximumMonetary;
    }

    /// <summary>The segment name.</summary>
    public string Name { get; }

    /// <summary>The lowest recency score in the segment.</summary>
    public int MinimumRecency { get; }

    /// <summary>The highest recency score in the segment.</summary>
    public int MaximumRecency { get; }

    /// <summary>The lowest frequency score in the segment.</summary>
    public int MinimumFrequency { get; }

    /// <summary>The highest frequency score in the segment.</summary>
    public int MaximumFrequency { get; }

    /// <summary>The lowest monetary score in the segment.</summary>
    public int MinimumMonetary { get; }

    /// <summary>The highest monetary score in the segment.</summary>
    public int MaximumMonetary { get; }

    /// <summary>Whether <paramref name="score"/> falls in all three ranges.</summary>
    /// <param name="score">Scores on the scale the rule is written for.</param>
    /// <returns><see langword="true"/> when every part of the score is within its range.</returns>
    public bool Matches(RfmScore score) =>
        score.Recency >= MinimumRecency && score.Recency <= MaximumRecency
        && score.Frequency >= MinimumFrequency && score.Frequency <= MaximumFrequency
        && score.Monetary >= MinimumMonetary && score.Monetary <= MaximumMonetary;
}
