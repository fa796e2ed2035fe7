using NodaTime;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Tests.Segments;

/// <summary>One event of the hand-made dataset.</summary>
public sealed record ExampleEvent(string Customer, string Name, Instant Time, IReadOnlyDictionary<string, SegmentValue> Properties)
{
    public SegmentValue Property(string name) => Properties.TryGetValue(name, out var value) ? value : SegmentValue.Missing;
}

/// <summary>
/// A small dataset on which every example rule of the issue is checked by hand (as of 2024-07-01T00:00Z, UTC).
/// Customers c1..c8; c4 has traits only, c5 and c8 events only. The members of each rule are worked out in
/// <see cref="SegmentExtensionsTests"/>.
/// </summary>
public static class SegmentExampleData
{
    public static readonly Instant AsOf = Instant.FromUtc(2024, 7, 1, 0, 0);

    public static readonly SegmentOptions Options = new(AsOf);

    public static readonly SegmentEventSelectors<ExampleEvent, string> Selectors =
        new(e => e.Customer, e => e.Name, e => e.Time, (e, name) => e.Property(name));

    public static ExampleEvent[] Events { get; } =
    [
        Order("c1", 2024, 3, 1, 600m),
        Feature("c1", 2024, 6, 20, "reports"),
        Nps("c1", 2024, 6, 30, 10),
        Nps("c1", 2024, 7, 1, 0), // at the as-of instant: left out
        Order("c2", 2024, 5, 15, 150m),
        Order("c2", 2024, 6, 1, 100m),
        Session("c2", 2024, 6, 15), Session("c2", 2024, 6, 16), Session("c2", 2024, 6, 17), Session("c2", 2024, 6, 18), Session("c2", 2024, 6, 19),
        Nps("c2", 2024, 3, 1, 9),
        Nps("c2", 2024, 5, 1, 4),
        Order("c3", 2024, 6, 1, 50m),
        Session("c3", 2024, 6, 10), Session("c3", 2024, 6, 20),
        Feature("c3", 2024, 6, 25, "export"),
        Nps("c3", 2024, 6, 1, 6),
        Session("c5", 2024, 6, 10), Session("c5", 2024, 6, 11), Session("c5", 2024, 6, 12),
        Order("c6", 2024, 4, 2, 700m),
        Order("c6", 2024, 4, 10, 100m),
        Session("c6", 2024, 6, 1), Session("c6", 2024, 6, 2), Session("c6", 2024, 6, 3), Session("c6", 2024, 7, 1),
        Nps("c6", 2024, 1, 1, 3),
        Nps("c6", 2024, 6, 1, 7),
        Order("c7", 2024, 1, 15, 300m),
        Order("c7", 2024, 2, 15, 250m),
        Session("c7", 2024, 5, 1),
        Feature("c7", 2024, 5, 1, "reports"),
        Order("c8", 2023, 12, 1, 20m),
    ];

    public static Dictionary<string, IReadOnlyDictionary<string, SegmentValue>> Traits { get; } = new()
    {
        ["c1"] = Traits_(new LocalDate(2023, 1, 1), true, "active", "pro", "FR", 600m),
        ["c2"] = Traits_(new LocalDate(2024, 6, 28), false, "active", "free", "DE", null),
        ["c3"] = Traits_(new LocalDate(2024, 6, 24), false, "cancelled", "enterprise", "FR", 50m),
        ["c4"] = Traits_(new LocalDate(2024, 6, 25), null, null, "pro", null, null),
        ["c6"] = Traits_(new LocalDate(2024, 6, 23), false, null, "basic", "FR", 700m),
        ["c7"] = Traits_(new LocalDate(2023, 5, 5), true, "paused", "enterprise", "US", 550m),
    };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, SegmentValue>> TraitsView =>
        Traits.ToDictionary(p => p.Key, p => p.Value);

    private static Dictionary<string, SegmentValue> Traits_(LocalDate signup, bool? tutorial, string? status, string plan, string? country, decimal? lifetimeValue)
    {
        var traits = new Dictionary<string, SegmentValue>
        {
            ["signup_date"] = SegmentValue.FromDate(signup),
            ["plan"] = SegmentValue.FromString(plan),
        };
        if (tutorial is { } t)
        {
            traits["product_tutorial_completed"] = SegmentValue.FromBoolean(t);
        }

        if (status is not null)
        {
            traits["subscription_status"] = SegmentValue.FromString(status);
        }

        if (country is not null)
        {
            traits["country"] = SegmentValue.FromString(country);
        }

        if (lifetimeValue is { } v)
        {
            traits["lifetime_value"] = SegmentValue.FromNumber(v);
        }

        return traits;
    }

    private static Instant Day(int year, int month, int day) => Instant.FromUtc(year, month, day, 0, 0);

    private static ExampleEvent Order(string customer, int year, int month, int day, decimal amount) =>
        new(customer, "order_completed", Day(year, month, day), new Dictionary<string, SegmentValue> { ["amount"] = SegmentValue.FromNumber(amount) });

    private static ExampleEvent Session(string customer, int year, int month, int day) =>
        new(customer, "app_session", Day(year, month, day), new Dictionary<string, SegmentValue>());

    private static ExampleEvent Feature(string customer, int year, int month, int day, string name) =>
        new(customer, "feature_used", Day(year, month, day), new Dictionary<string, SegmentValue> { ["name"] = SegmentValue.FromString(name) });

    private static ExampleEvent Nps(string customer, int year, int month, int day, int score) =>
        new(customer, "nps_response", Day(year, month, day), new Dictionary<string, SegmentValue> { ["score"] = SegmentValue.FromNumber(score) });
}
