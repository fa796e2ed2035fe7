using System.Collections.Immutable;

namespace RetentionMetrics.Rfm;

/// <summary>An ordered list of segment rules over RFM scores: a customer belongs to the first rule that matches.</summary>
/// <remarks>
/// <para>The rules are written for scores from 1 to <see cref="Bins"/>. Scores made with a different number of bins
/// <c>n</c> are first put on that scale: <c>s' = ⌈s · Bins / n⌉</c> (so with 10 bins, scores 9 and 10 count as 5 on a
/// 5-bin map). A customer no rule matches gets <see cref="Fallback"/>.</para>
/// <para><see cref="Default"/> is the table of the R package <c>rfm</c> (Hebbali, version 0.3.0, the example of
/// <c>rfm_segment</c>), with Hibernating added; docs/rfm.md shows it.</para>
/// <para>An immutable value; two maps are equal when their rules (in order), bins and fallback are equal.</para>
/// </remarks>
public sealed class RfmSegmentMap : IEquatable<RfmSegmentMap>
{
    /// <summary>The name given to customers no rule matches in <see cref="Default"/>: "Others", as the <c>rfm</c> package.</summary>
    public const string Others = "Others";

    /// <summary>Creates a map.</summary>
    /// <param name="rules">The rules, tried in order.</param>
    /// <param name="bins">The number of bins the rules' scores are written for.</param>
    /// <param name="fallback">The name for customers no rule matches.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or a rule is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 2.</exception>
    /// <exception cref="ArgumentException"><paramref name="fallback"/> is empty.</exception>
    public RfmSegmentMap(IEnumerable<RfmSegmentRule> rules, int bins = 5, string fallback = Others)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (string.IsNullOrWhiteSpace(fallback))
        {
            throw new ArgumentException(RfmErrorMessages.SegmentNameMissing, nameof(fallback));
        }

        Rules = [.. rules];
        foreach (var rule in Rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
        }

        Bins = bins;
        Fallback = fallback;
    }

    /// <summary>
    /// The customary segments over 5-bin scores, from the <c>rfm</c> R package's table with Hibernating added before Lost:
    /// Champions, Potential Loyalists, Loyal Customers, Promising, New Customers, Can't Lose Them, At Risk,
    /// Need Attention, About to Sleep, Hibernating, Lost; "Others" for the rest.
    /// </summary>
    public static RfmSegmentMap Default { get; } = new(
    [
        new("Champions", 5, 5, 5, 5, 5, 5),
        new("Potential Loyalists", 3, 5, 3, 5, 2, 5),
        new("Loyal Customers", 2, 4, 2, 4, 2, 4),
        new("Promising", 3, 4, 1, 3, 3, 5),
        new("New Customers", 4, 5, 1, 3, 1, 5),
        new("Can't Lose Them", 1, 2, 3, 4, 4, 5),
        new("At Risk", 1, 2, 2, 5, 4, 5),
        new("Need Attention", 1, 3, 3, 5, 3, 5),
        new("About to Sleep", 2, 3, 1, 3, 1, 4),
        new("Hibernating", 2, 2, 1, 5, 1, 5),
        new("Lost", 1, 1, 1, 5, 1, 5),
    ]);

    /// <summary>The rules, in the order they are tried.</summary>
    public ImmutableArray<RfmSegmentRule> Rules { get; }

    /// <summary>The number of bins the rules are written for.</summary>
    public int Bins { get; }

    /// <summary>The name for customers no rule matches.</summary>
    public string Fallback { get; }

    /// <summary>Every segment name the map can give, in rule order, the fallback last, without repeats.</summary>
    public IReadOnlyList<string> Names => [.. Rules.Select(r => r.Name).Append(Fallback).Distinct(StringComparer.Ordinal)];

    /// <summary>The segment of a customer with <paramref name="score"/> made with <paramref name="bins"/> bins.</summary>
    /// <param name="score">The customer's scores.</param>
    /// <param name="bins">The number of bins the scores were made with.</param>
    /// <returns>The name of the first rule that matches, or <see cref="Fallback"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 2.</exception>
    public string Assign(RfmScore score, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var scaled = bins == Bins ? score : new RfmScore(Rescale(score.Recency, bins), Rescale(score.Frequency, bins), Rescale(score.Monetary, bins));
        foreach (var rule in Rules)
        {
            if (rule.Matches(scaled))
            {
                return rule.Name;
            }
        }

        return Fallback;
    }

    /// <inheritdoc />
    public bool Equals(RfmSegmentMap? other) =>
        other is not null && other.Bins == Bins && other.Fallback == Fallback && Rules.SequenceEqual(other.Rules);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RfmSegmentMap);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Bins, Fallback, Rules.Length);

    private int Rescale(int value, int bins) => (int)(((long)value * Bins + bins - 1) / bins);
}
