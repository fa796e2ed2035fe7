namespace RetentionMetrics.Health;

/// <summary>Maps a component's raw value to a goodness from 0 (worst) to 1 (best).</summary>
/// <remarks>
/// <para>
/// Population normalisers (<see cref="MinMaxNormaliser"/> without fixed bounds, <see cref="ZScoreNormaliser"/> without
/// fixed parameters, <see cref="PercentileNormaliser"/>) are learned from a population by
/// <see cref="HealthScoreModel.Fit(ReadOnlySpan{double})"/>, which returns a new model holding fitted normalisers;
/// the others need no fitting. Every normaliser is an immutable value compared by value.
/// </para>
/// <para>
/// Except for <see cref="ThresholdNormaliser"/>, whose points give the goodness directly, a normaliser first finds
/// the value's position from 0 to 1 (increasing with the raw value), and the component's
/// <see cref="HealthDirection"/> turns it into goodness: the position itself when higher is better, one minus it
/// when lower is better. Every normaliser is monotone, so improving a value never lowers its goodness.
/// </para>
/// </remarks>
public abstract record HealthNormaliser
{
    private protected HealthNormaliser()
    {
    }

    /// <summary>Whether the normaliser can score now: true unless it still needs a population.</summary>
    public abstract bool IsFitted { get; }

    /// <summary>The normaliser's type word in the JSON configuration (minMax, zScore, percentile, thresholds, boolean).</summary>
    public abstract string TypeName { get; }

    /// <summary>A min–max normaliser whose bounds are fitted on a population.</summary>
    /// <returns>The normaliser.</returns>
    public static MinMaxNormaliser MinMax() => new();

    /// <summary>A min–max normaliser with fixed bounds; values outside them are clipped.</summary>
    /// <param name="minimum">The value with position 0.</param>
    /// <param name="maximum">The value with position 1; above <paramref name="minimum"/>.</param>
    /// <returns>The normaliser; its bounds are checked when a <see cref="HealthComponent"/> is made with it.</returns>
    public static MinMaxNormaliser MinMax(double minimum, double maximum) => new(minimum, maximum);

    /// <summary>A z-score normaliser whose mean and standard deviation are fitted on a population.</summary>
    /// <returns>The normaliser.</returns>
    public static ZScoreNormaliser ZScore() => new();

    /// <summary>A z-score normaliser with a fixed mean and standard deviation.</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="standardDeviation">The standard deviation; positive.</param>
    /// <returns>The normaliser; its parameters are checked when a <see cref="HealthComponent"/> is made with it.</returns>
    public static ZScoreNormaliser ZScore(double mean, double standardDeviation) => new(mean, standardDeviation);

    /// <summary>A percentile-rank normaliser, fitted on a population.</summary>
    /// <returns>The normaliser.</returns>
    public static PercentileNormaliser Percentile() => new();

    /// <summary>A piecewise-linear normaliser through the given points.</summary>
    /// <param name="points">At least two points with strictly increasing values and scores from 0 to 1.</param>
    /// <returns>The normaliser; its points are checked when a <see cref="HealthComponent"/> is made with it.</returns>
    public static ThresholdNormaliser Thresholds(params ThresholdPoint[] points) => new(points);

    /// <summary>A boolean normaliser: a positive value is true (position 1), zero or negative is false (position 0).</summary>
    /// <returns>The normaliser.</returns>
    public static BooleanNormaliser Boolean() => new();

    /// <summary>The goodness of a finite raw value, from 0 to 1.</summary>
    internal abstract double Goodness(double value, HealthDirection direction);

    /// <summary>Checks the normaliser's own parameters; returns a message or null.</summary>
    internal virtual string? Validate(string component, HealthDirection direction) => null;

    /// <summary>Turns a position into goodness for the direction.</summary>
    private protected static double Orient(double position, HealthDirection direction) =>
        direction == HealthDirection.LowerIsBetter ? 1d - position : position;
}
