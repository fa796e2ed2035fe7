using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Survival;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Survival;

public class CustomerLifetimeAccumulatorTests
{
    private static readonly CustomerLifetimeOptions Options = new() { AsOf = new LocalDate(2024, 12, 31) };

    [Fact]
    public void ToGroups_WorkedExample_AppliesTheInactivityGap()
    {
        var accumulator = new CustomerLifetimeAccumulator<string>(Options);
        // a: 1 Jan to 1 Jun (152 days); 1 Jun + 90 days = 30 Aug, before the as-of date → churned at 152.
        accumulator.Add("a", new LocalDate(2024, 3, 3), "x");
        accumulator.Add("a", new LocalDate(2024, 1, 1), "x");
        accumulator.Add("a", new LocalDate(2024, 6, 1), "y");
        // b: only 1 Nov; 1 Nov + 90 days = 30 Jan 2025, after the as-of date → still active, censored at 60 days.
        accumulator.Add("b", new LocalDate(2024, 11, 1), "y");
        // c: only 2 Oct; 2 Oct + 90 days = 31 Dec, the as-of date itself → churned at 0 days.
        accumulator.Add("c", new LocalDate(2024, 10, 2));
        // d: after the as-of date, left out.
        accumulator.Add("d", new LocalDate(2025, 1, 5), "x");

        var groups = accumulator.ToGroups();

        Assert.Equal(["all", "x", "y"], groups.Select(g => g.Name));
        Assert.Equal([SurvivalObservation.Event(0)], groups[0].Observations);
        Assert.Equal([SurvivalObservation.Event(152)], groups[1].Observations);
        Assert.Equal([SurvivalObservation.Censored(60)], groups[2].Observations);
        Assert.Equal(1, accumulator.RecordsAfterAsOf);
    }

    [Fact]
    public void ToGroups_MonthGap_UsesCalendarMonths()
    {
        var accumulator = new CustomerLifetimeAccumulator<string>(Options with { InactivityGap = Period.FromMonths(3) });
        // 30 Sep + 3 months = 30 Dec ≤ 31 Dec → churned; 1 Oct + 3 months = 1 Jan 2025 → censored at 91 days.
        accumulator.Add("a", new LocalDate(2024, 9, 30));
        accumulator.Add("b", new LocalDate(2024, 10, 1));

        var observations = accumulator.ToGroups().Single().Observations;

        Assert.Equal([SurvivalObservation.Event(0), SurvivalObservation.Censored(91)], observations.OrderBy(o => o.IsEvent ? 0 : 1));
    }

    [Fact]
    public void Constructor_InvalidGap_ThrowsNamingOptions()
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerLifetimeAccumulator<string>(Options with { InactivityGap = Period.Zero }));

        Assert.Equal((SurvivalErrorMessages.InactivityGapNotValid + " (Parameter 'options')", "options"), (error.Message, error.ParamName));
        Assert.Throws<ArgumentException>(() => new CustomerLifetimeAccumulator<string>(Options with { InactivityGap = Period.FromHours(5) }));
    }

    private static CustomerLifetimeAccumulator<string> Accumulate(IEnumerable<Order> orders)
    {
        var accumulator = new CustomerLifetimeAccumulator<string>(new CustomerLifetimeOptions { AsOf = new LocalDate(2025, 3, 1) });
        foreach (var order in orders)
        {
            accumulator.Add(order.CustomerId, order.Time, order.Amount > 250m ? "large" : null);
        }

        return accumulator;
    }

    private static string Describe(IReadOnlyList<SurvivalGroup> groups) =>
        string.Join(";", groups.Select(g => g.Name + ":" + string.Join(",", g.Observations.Select(o => $"{o.Time}{(o.IsEvent ? "e" : "c")}").Order(StringComparer.Ordinal))));

    [Property(MaxTest = 200)]
    public Property Merge_OfAnySplit_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.Logs, Arb.From(Gen.Choose(0, 1000)), (orders, cut) =>
        {
            var split = orders.Length == 0 ? 0 : cut % (orders.Length + 1);
            var left = Accumulate(orders[..split]);
            left.Merge(Accumulate(orders[split..]));
            return Describe(left.ToGroups()) == Describe(Accumulate(orders).ToGroups());
        });

    [Property(MaxTest = 200)]
    public Property RecordOrder_DoesNotMatter() =>
        Prop.ForAll(OrderGenerators.Logs, orders =>
            Describe(Accumulate(orders.Reverse()).ToGroups()) == Describe(Accumulate(orders).ToGroups()));

    [Fact]
    public async Task ToCustomerLifetimesAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var orders = new[] { new Order("a", OrderGenerators.Start, 1m) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            orders.ToAsyncSequence().ToCustomerLifetimesAsync(o => o.CustomerId, o => o.Time, cancellationToken: cancellation.Token).AsTask());
        Assert.Equal("customer", Assert.Throws<ArgumentNullException>(() =>
            new ThrowingAsyncEnumerable<Order>().ToCustomerLifetimesAsync<Order, string>(null!, o => o.Time)).ParamName);
    }

    [Fact]
    public async Task ToCustomerLifetimesAsync_EqualsTheAccumulator()
    {
        var orders = Enumerable.Range(0, 500).Select(i => new Order($"c{i % 37}", OrderGenerators.Start + Duration.FromHours(17 * i), i % 7 == 0 ? 300m : 10m)).ToArray();

        var groups = await orders.ToAsyncSequence().ToCustomerLifetimesAsync(
            o => o.CustomerId, o => o.Time, new CustomerLifetimeOptions { AsOf = new LocalDate(2025, 3, 1) }, o => o.Amount > 250m ? "large" : null);

        Assert.Equal(Describe(Accumulate(orders).ToGroups()), Describe(groups));
    }
}
