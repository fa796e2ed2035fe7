using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>Min–max scaling with clipping: the position is (x − minimum) ÷ (maximum − minimum), clipped to 0..1.</summary>
/// <remarks>
/// Without bounds the normaliser is fitted: the bounds become the smallest and largest observed values. When a fitted
/// population has one distinct value (maximum = minimum), a value below it has position 0, above it 1, and equal to
/// it 0.5, so the result is never NaN. Equal when both bounds are equal.
/// </remarks>
public sealed record MinMaxNormaliser : HealthNormaliser
{
    /// <summary>Creates an unfitted normaliser (bounds learned by fitting).</summary>
    public MinMaxNormaliser()
    {
    }

    /// <summary>Creates a normaliser with fixed bounds.</summary>
    /// <param name="minimum">The value with position 0.</param>
    /// <param name="maximum">The value with position 1.</param>
    public MinMaxNormaliser(double minimum, double maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    private MinMaxNormaliser(double minimum, double maximum, bool fitted)
    {
        Minimum = minimum;
        Maximum = maximum;
        IsFittedOnPopulation = fitted;
    }

    /// <summary>The value with position 0, or null before fitting.</summary>
    public double? Minimum { get; }

    /// <summary>The value with position 1, or null before fitting.</summary>
    public double? Maximum { get; }

    /// <summary>Whether the bounds were learned from a population (and so are re-learned by the next fit).</summary>
    public bool IsFittedOnPopulation { get; }

    /// <inheritdoc/>
    public override bool IsFitted => Minimum.HasValue && Maximum.HasValue;

    /// <inheritdoc/>
    public override string TypeName => "minMax";

    internal static MinMaxNormaliser Fitted(double minimum, double maximum) => new(minimum, maximum, fitted: true);

    internal override double Goodness(double value, HealthDirection direction)
    {
        var minimum = Minimum!.Value;
        var maximum = Maximum!.Value;
        double position;
        if (value <= minimum)
        {
            position = value < minimum || maximum > minimum ? 0d : 0.5;
        }
        else if (value >= maximum)
        {
            position = value > maximum || maximum > minimum ? 1d : 0.5;
        }
        else
        {
            position = (value - minimum) / (maximum - minimum);
            position = double.IsFinite(position) ? Math.Clamp(position, 0d, 1d) : 0.5;
        }

        return Orient(position, direction);
    }


    internal override string? Validate(string component, HealthDirection direction)
    {
        if (Minimum.HasValue != Maximum.HasValue)
        {
            return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.IncompleteParameters, component, "minimum and maximum");
        }

        if (Minimum is { } minimum && Maximum is { } maximum)
        {
            if (!double.IsFinite(minimum))
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ParameterNotFinite, component, "minimum");
            }

            if (!double.IsFinite(maximum))
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ParameterNotFinite, component, "maximum");
            }

            if (IsFittedOnPopulation ? minimum > maximum : minimum >= maximum)
            {
                return string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.MinimumNotBelowMaximum, component, minimum, maximum);
            }
        }

        return null;
    }
}
