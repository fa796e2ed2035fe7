using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>How a component treats a customer whose value is missing.</summary>
/// <remarks>
/// Two policies are equal when their treatment and value are equal. <c>default</c> is <see cref="Skip"/>.
/// </remarks>
public readonly record struct MissingValuePolicy
{
    private MissingValuePolicy(MissingValueTreatment treatment, double value)
    {
        Treatment = treatment;
        Value = value;
    }

    /// <summary>Leaves the component out and re-weights the others.</summary>
    public static MissingValuePolicy Skip => default;

    /// <summary>Counts the component as worst (goodness 0) with its full weight.</summary>
    public static MissingValuePolicy Worst => new(MissingValueTreatment.Worst, 0d);

    /// <summary>The treatment.</summary>
    public MissingValueTreatment Treatment { get; }

    /// <summary>The raw value used in place of a missing one when <see cref="Treatment"/> is <see cref="MissingValueTreatment.Value"/>; 0 otherwise.</summary>
    public double Value { get; }

    /// <summary>Uses <paramref name="value"/> in place of a missing value.</summary>
    /// <param name="value">A finite raw value.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not finite.</exception>
    public static MissingValuePolicy UseValue(double value) =>
        new(MissingValueTreatment.Value, Internal.Preconditions.CheckFinite(value));

    /// <summary>The policy as its configuration word: skip, worst or value=<i>x</i>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Treatment switch
    {
        MissingValueTreatment.Worst => "worst",
        MissingValueTreatment.Value => "value=" + Value.ToString("R", CultureInfo.InvariantCulture),
        _ => "skip",
    };
}
