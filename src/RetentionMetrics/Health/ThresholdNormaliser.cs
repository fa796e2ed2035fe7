using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>Piecewise-linear thresholds: goodness is interpolated between points, flat beyond the first and last.</summary>
/// <remarks>
/// The points give the goodness directly. Their values must increase strictly, their scores lie in 0..1, and the
/// scores must follow the component's direction (never decreasing along the values when higher is better, never
/// increasing when lower is better), so the normaliser is monotone. Needs no fitting. Equal when the points are equal.
/// </remarks>
/// <example>Support tickets, lower is better: points (0, 1), (3, 0.5), (10, 0) give 2 tickets a goodness of
/// 1 − 2/3 · 0.5 = 0.6667 and 20 tickets a goodness of 0.</example>
public sealed record ThresholdNormaliser : HealthNormaliser
{
    private readonly ThresholdPoint[] points;

    /// <summary>Creates the normaliser.</summary>
    /// <param name="points">The points in increasing order of value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    public ThresholdNormaliser(IEnumerable<ThresholdPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        this.points = points.ToArray();
    }

    /// <summary>The points, in the order given.</summary>
    public IReadOnlyList<ThresholdPoint> Points => points;

    /// <inheritdoc/>
    public override bool IsFitted => true;

    /// <inheritdoc/>
    public override string TypeName => "thresholds";

    /// <summary>Whether both normalisers have the same points.</summary>
    /// <param name="other">The other normaliser.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(ThresholdNormaliser? other) => other is not null && points.AsSpan().SequenceEqual(other.points);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var point in points)
        {
            hash.Add(point);
        }

        return hash.ToHashCode();
    }

    internal override double Goodness(double value, HealthDirection direction)
    {
        if (value <= points[0].Value)
        {
            return points[0].Score;
        }

        for (var i = 1; i < points.Length; i++)
        {
            if (value <= points[i].Value)
            {
                var left = points[i - 1];
                var right = points[i];
                var share = (value - left.Value) / (right.Value - left.Value);
                if (!double.IsFinite(share))
                {
                    share = 0.5;
                }

                return Math.Clamp(left.Score + (Math.Clamp(share, 0d, 1d) * (right.Score - left.Score)), 0d, 1d);
            }
        }

        return points[^1].Score;
    }


    internal override string? Validate(string component, HealthDirection direction)
    {
        if (points.Length < 2)
        {
            return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.TooFewThresholds, component);
        }

        for (var i = 0; i < points.Length; i++)
        {
            var point = points[i];
            if (!double.IsFinite(point.Value) || !double.IsFinite(point.Score))
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ThresholdNotFinite, component, i);
            }

            if (point.Score is < 0d or > 1d)
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ThresholdScoreOutOfRange, component, i, point.Score);
            }

            if (i > 0 && point.Value <= points[i - 1].Value)
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ThresholdsNotIncreasing, component, i, point.Value, points[i - 1].Value);
            }

            if (i > 0 && (direction == HealthDirection.HigherIsBetter ? point.Score < points[i - 1].Score : point.Score > points[i - 1].Score))
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ThresholdsAgainstDirection, component, i,
                    direction == HealthDirection.HigherIsBetter ? "higher is better" : "lower is better");
            }
        }

        return null;
    }
}
