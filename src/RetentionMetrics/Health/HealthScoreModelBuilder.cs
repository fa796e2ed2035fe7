namespace RetentionMetrics.Health;

/// <summary>Builds a <see cref="HealthScoreModel"/> fluently: add components, choose bands, then <see cref="Build"/>.</summary>
/// <remarks>
/// Each component is checked when it is added (weight, normaliser parameters); the whole model (at least one
/// component, unique names, weights not all zero, bands) when it is built. A builder is not thread-safe.
/// </remarks>
/// <example>
/// <code>
/// var model = HealthScoreModel.CreateBuilder()
///     .Add("logins", HealthNormaliser.Percentile(), weight: 3)
///     .Add("tickets", HealthNormaliser.MinMax(0, 10), weight: 1, HealthDirection.LowerIsBetter, MissingValuePolicy.UseValue(0))
///     .WithBands(HealthBands.FromThresholds(["Red", "Yellow", "Green"], [50, 80]))
///     .Build();
/// </code>
/// </example>
public sealed class HealthScoreModelBuilder
{
    private readonly List<HealthComponent> components = [];
    private IReadOnlyList<HealthBand> bands = HealthBands.Default;

    internal HealthScoreModelBuilder()
    {
    }

    /// <summary>Adds a component.</summary>
    /// <param name="component">The component.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="component"/> is null.</exception>
    public HealthScoreModelBuilder Add(HealthComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        components.Add(component);
        return this;
    }

    /// <summary>Adds a component made from its parts.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="normaliser">Maps the raw value to goodness.</param>
    /// <param name="weight">The weight, finite and zero or more.</param>
    /// <param name="direction">Which way is healthy.</param>
    /// <param name="missing">What a missing value does.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="normaliser"/> is null.</exception>
    /// <exception cref="ArgumentException">The component is invalid; the message names it.</exception>
    public HealthScoreModelBuilder Add(string name, HealthNormaliser normaliser, double weight = 1d,
        HealthDirection direction = HealthDirection.HigherIsBetter, MissingValuePolicy missing = default) =>
        Add(new HealthComponent(name, normaliser, weight, direction, missing));

    /// <summary>Replaces the bands (the default is <see cref="HealthBands.Default"/>).</summary>
    /// <param name="newBands">Bands covering 0..100 without gaps or overlaps.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="newBands"/> is null.</exception>
    public HealthScoreModelBuilder WithBands(IEnumerable<HealthBand> newBands)
    {
        ArgumentNullException.ThrowIfNull(newBands);
        bands = newBands.ToArray();
        return this;
    }

    /// <summary>Builds the model.</summary>
    /// <returns>The model (unfitted when it has population normalisers).</returns>
    /// <exception cref="ArgumentException">The configuration is invalid; the message names the component or band.</exception>
    public HealthScoreModel Build() => new(components, bands);
}
