using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>One input of a health score: a named per-customer value, how it is normalised and how much it weighs.</summary>
/// <remarks>Immutable; equal when every part is equal (normalisers compare by value).</remarks>
public sealed record HealthComponent
{
    /// <summary>Creates a component.</summary>
    /// <param name="name">The component's name (also its metrics column in the CLI); not empty.</param>
    /// <param name="normaliser">Maps the raw value to goodness from 0 to 1.</param>
    /// <param name="weight">The component's weight, finite and zero or more; only ratios between weights matter.</param>
    /// <param name="direction">Which way is healthy.</param>
    /// <param name="missing">What a missing value does; <see cref="MissingValuePolicy.Skip"/> by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="normaliser"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is empty, the weight is negative or not finite, or the normaliser's
    /// parameters are invalid; the message names the component.</exception>
    public HealthComponent(string name, HealthNormaliser normaliser, double weight = 1d,
        HealthDirection direction = HealthDirection.HigherIsBetter, MissingValuePolicy missing = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(normaliser);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException(HealthErrorMessages.EmptyComponentName, nameof(name));
        }

        if (!double.IsFinite(weight) || weight < 0d)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight,
                string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.NegativeWeight, name, weight));
        }

        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Expected HigherIsBetter or LowerIsBetter.");
        }

        if (normaliser.Validate(name, direction) is { } problem)
        {
            throw new ArgumentException(problem, nameof(normaliser));
        }

        Name = name;
        Normaliser = normaliser;
        Weight = weight;
        Direction = direction;
        Missing = missing;
    }

    /// <summary>The component's name.</summary>
    public string Name { get; }

    /// <summary>The normaliser.</summary>
    public HealthNormaliser Normaliser { get; }

    /// <summary>The weight.</summary>
    public double Weight { get; }

    /// <summary>Which way is healthy.</summary>
    public HealthDirection Direction { get; }

    /// <summary>What a missing value does.</summary>
    public MissingValuePolicy Missing { get; }

    /// <summary>A copy with another normaliser (used by fitting).</summary>
    /// <param name="normaliser">The new normaliser.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="normaliser"/> is null.</exception>
    /// <exception cref="ArgumentException">The normaliser's parameters are invalid.</exception>
    public HealthComponent WithNormaliser(HealthNormaliser normaliser) => new(Name, normaliser, Weight, Direction, Missing);

    /// <summary>A copy with another weight.</summary>
    /// <param name="weight">The new weight, finite and zero or more.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative or not finite.</exception>
    public HealthComponent WithWeight(double weight) => new(Name, Normaliser, weight, Direction, Missing);

    /// <summary>The goodness of a customer's value, or −1 when the component is left out (missing and skipped).</summary>
    internal double GoodnessOf(double value)
    {
        if (double.IsNaN(value))
        {
            switch (Missing.Treatment)
            {
                case MissingValueTreatment.Worst:
                    return 0d;
                case MissingValueTreatment.Value:
                    value = Missing.Value;
                    break;
                default:
                    return -1d;
            }
        }

        if (!double.IsFinite(value))
        {
            throw new RetentionDataException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ValueNotFinite, Name, value));
        }

        return Normaliser.Goodness(value, Direction);
    }
}
