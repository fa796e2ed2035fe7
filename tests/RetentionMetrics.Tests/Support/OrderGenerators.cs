using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Tests.Support;

/// <summary>FsCheck generators of small purchase logs: few customers, so repeats, same-day orders and merges happen.</summary>
public static class OrderGenerators
{
    public static readonly Instant Start = Instant.FromUtc(2024, 1, 1, 0, 0);

    /// <summary>One order: one of eight customers, a time within 400 days of the start, an amount from −50.00 to 500.00.</summary>
    public static Gen<Order> Order { get; } =
        from customer in Gen.Choose(0, 7)
        from minutes in Gen.Choose(0, 400 * 24 * 60)
        from cents in Gen.Choose(-5_000, 50_000)
        select new Order($"c{customer}", Start + Duration.FromMinutes(minutes), cents / 100m);

    /// <summary>Orders with non-negative amounts.</summary>
    public static Gen<Order> Purchase { get; } = Order.Select(o => o with { Amount = Math.Abs(o.Amount) });

    public static Arbitrary<Order[]> Logs { get; } = Arb.From(Purchase.ArrayOf());

    public static Arbitrary<Order[]> LogsWithRefunds { get; } = Arb.From(Order.ArrayOf());
}
