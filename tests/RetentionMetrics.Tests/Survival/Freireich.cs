using RetentionMetrics.Survival;

namespace RetentionMetrics.Tests.Survival;

/// <summary>
/// Remission times in weeks of the 42 leukaemia patients of Freireich et al. (1963), "The effect of 6-mercaptopurine
/// on the duration of steroid-induced remissions in acute leukemia", Blood 21, 699–716, as tabulated in Kleinbaum and
/// Klein, "Survival Analysis: A Self-Learning Text" (3rd ed., 2012), chapter 2, and in G. Rodríguez's Princeton notes
/// "Kaplan-Meier and Mantel-Haenszel" (https://grodri.github.io/survival/gehan, data.princeton.edu/pop509/gehan.html).
/// </summary>
internal static class Freireich
{
    public static readonly SurvivalObservation[] MercaptopurineGroup =
    [
        .. new[] { 6, 6, 6, 7, 10, 13, 16, 22, 23 }.Select(t => SurvivalObservation.Event(t)),
        .. new[] { 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35 }.Select(t => SurvivalObservation.Censored(t)),
    ];

    public static readonly SurvivalObservation[] PlaceboGroup =
        new[] { 1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23 }.Select(t => SurvivalObservation.Event(t)).ToArray();
}
