using System.Globalization;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Health;

/// <summary>Standardising through the normal distribution: the position is Φ((x − mean) ÷ standard deviation).</summary>
/// <remarks>
/// Without parameters the normaliser is fitted: the mean and the population standard deviation (divided by n) of the
/// observed values. When a fitted population has no spread (standard deviation 0), a value below the mean has position
/// 0, above it 1, and equal to it 0.5 — the limit of Φ as the spread shrinks — so the result is never NaN.
/// Equal when both parameters are equal.
/// </remarks>
public sealed record ZScoreNormaliser : HealthNormaliser
{
    /// <summary>Creates an unfitted normaliser (parameters learned by fitting).</summary>
    public ZScoreNormaliser()
    {
    }

    /// <summary>Creates a normaliser with fixed parameters.</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="standardDeviation">The standard deviation, positive.</param>
    public ZScoreNormaliser(double mean, double standardDeviation)
    {
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    private ZScoreNormaliser(double mean, double standardDeviation, bool fitted)
    {
        Mean = mean;
        StandardDeviation = standardDeviation;
        IsFittedOnPopulation = fitted;
    }

    /// <summary>The mean, or null before fitting.</summary>
    public double? Mean { get; }

    /// <summary>The standard deviation, or null before fitting.</summary>
    public double? StandardDeviation { get; }

    /// <summary>Whether the parameters were learned from a population (and so are re-learned by the next fit).</summary>
    public bool IsFittedOnPopulation { get; }

    /// <inheritdoc/>
    public override bool IsFitted => Mean.HasValue && StandardDeviation.HasValue;

    /// <inheritdoc/>
    public override string TypeName => "zScore";

    internal static ZScoreNormaliser Fitted(double mean, double standardDeviation) => new(mean, standardDeviation, fitted: true);

    internal override double Goodness(double value, HealthDirection direction)
    {
        var mean = Mean!.Value;
        var deviation = StandardDeviation!.Value;
        double position;
        if (value == mean)
        {
            position = 0.5;
        }
        else if (deviation <= 0d)
        {
            position = value < mean ? 0d : 1d;
        }
        else
        {
            var z = (value - mean) / deviation;
            position = double.IsNaN(z) ? 0.5 : Math.Clamp(SpecialFunctions.NormalCdf(z), 0d, 1d);
        }

        return Orient(position, direction);
    }


    internal override string? Validate(string component, HealthDirection direction)
    {
        if (Mean is { } mean && StandardDeviation is { } deviation)
        {
            if (!double.IsFinite(mean))
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ParameterNotFinite, component, "mean");
            }

            if (!double.IsFinite(deviation))
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ParameterNotFinite, component, "standard deviation");
            }

            if (deviation < 0d || (!IsFittedOnPopulation && deviation == 0d))
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.StandardDeviationNotPositive, component, deviation);
            }
        }

        return null;
    }
}
