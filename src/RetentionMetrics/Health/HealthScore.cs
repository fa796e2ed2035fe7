using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>One customer's health: the score from 0 to 100, its band, and each component's contribution.</summary>
/// <remarks>
/// <see cref="Score"/> is, exactly, the left-to-right sum of the contributions' points. When no component with a
/// positive weight has a value (all missing and skipped), the score is 0 — no evidence of health — and
/// <see cref="HasEvidence"/> is false. Equal when score, band and every contribution are equal.
/// </remarks>
public sealed partial class HealthScore : IEquatable<HealthScore>
{
    private readonly HealthContribution[] contributions;

    internal HealthScore(double score, HealthBand band, HealthContribution[] contributions, bool hasEvidence)
    {
        Score = score;
        Band = band;
        this.contributions = contributions;
        HasEvidence = hasEvidence;
    }

    /// <summary>The score, from 0 to 100.</summary>
    public double Score { get; }

    /// <summary>The band the score falls in.</summary>
    public HealthBand Band { get; }

    /// <summary>Whether at least one component with a positive weight counted (had a value, or a policy that supplies one).</summary>
    public bool HasEvidence { get; }

    /// <summary>Each component's contribution, in the model's component order; the points add up to <see cref="Score"/>.</summary>
    public IReadOnlyList<HealthContribution> Contributions => contributions;

    /// <summary>The components that pulled the score down most: those that lost points, most lost first (ties in component order).</summary>
    /// <param name="count">How many to return at most.</param>
    /// <returns>Up to <paramref name="count"/> contributions with positive lost points.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<HealthContribution> PulledDownMost(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return contributions.Where(c => c.LostPoints > 0d).OrderByDescending(c => c.LostPoints).Take(count).ToArray();
    }

    /// <inheritdoc/>
    public bool Equals(HealthScore? other) =>
        other is not null && Score.Equals(other.Score) && Band.Equals(other.Band) && HasEvidence == other.HasEvidence
        && contributions.AsSpan().SequenceEqual(other.contributions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HealthScore);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Score, Band, contributions.Length);

    /// <summary>The score and band, such as <c>72.5 (Healthy)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Score:0.##} ({Band.Name})");
}
