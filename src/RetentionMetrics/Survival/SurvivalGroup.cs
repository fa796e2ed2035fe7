namespace RetentionMetrics.Survival;

/// <summary>A named group of survival observations, such as the customers who received a campaign.</summary>
/// <remarks>Equality is by reference to <see cref="Observations"/>, as for any record holding a list.</remarks>
/// <param name="Name">The group's name.</param>
/// <param name="Observations">The group's observations.</param>
public sealed record SurvivalGroup(string Name, IReadOnlyList<SurvivalObservation> Observations);
