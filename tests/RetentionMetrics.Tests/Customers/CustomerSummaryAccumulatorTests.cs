using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Customers;

public class CustomerSummaryAccumulatorTests
{
    private static readonly CustomerSummaryOptions Options = new() { AsOf = new LocalDate(2025, 3, 1) };

    [Fact]
    public void ToSummaries_WorkedExample_MatchesHandCalculation()
    {
        // Customer a buys on 1 Jan (10 + 5, one day), 11 Jan (20) and 31 Jan (40); as of 10 Feb.
        // Distinct days 3 → frequency 2; recency 30 days; T 40 days; monetary (20 + 40) / 2 = 30.
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new LocalDate(2024, 2, 10) });
        accumulator.Add("a", new LocalDate(2024, 1, 1), 10m);
        accumulator.Add("a", new LocalDate(2024, 1, 31), 40m);
        accumulator.Add("a", new LocalDate(2024, 1, 1), 5m);
        accumulator.Add("a", new LocalDate(2024, 1, 11), 20m);
        accumulator.Add("b", new LocalDate(2024, 2, 1), 7m);

        var summaries = accumulator.ToSummaries();

        Assert.True(summaries.TryGet("a", out var a));
        Assert.Equal(new CustomerSummary<string>("a", 4, 75m, new LocalDateTime(2024, 1, 1, 0, 0), new LocalDateTime(2024, 1, 31, 0, 0), 2, 30, 40, 30m), a);
        Assert.True(summaries.TryGet("b", out var b));
        Assert.Equal((0, 0, 9, 0m), (b.Frequency, b.Recency, b.T, b.MonetaryValue));
    }

    [Property(MaxTest = 200)]
    public Property Merge_OfAnySplit_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, Arb.From(Gen.Choose(0, 1000)), (orders, cut) =>
        {
            var split = orders.Length == 0 ? 0 : cut % (orders.Length + 1);
            var left = Accumulate(orders[..split]);
            var right = Accumulate(orders[split..]);
            left.Merge(right);
            return left.ToSummaries().Equals(Accumulate(orders).ToSummaries());
        });

    [Property(MaxTest = 200)]
    public Property Merge_IsCommutative() =>
        Prop.ForAll(OrderGenerators.Logs, OrderGenerators.Logs, (x, y) =>
        {
            var xy = Accumulate(x);
            xy.Merge(Accumulate(y));
            var yx = Accumulate(y);
            yx.Merge(Accumulate(x));
            return xy.ToSummaries().Equals(yx.ToSummaries());
        });

    private static CustomerSummaryAccumulator<string> Accumulate(IEnumerable<Order> orders)
    {
        var accumulator = new CustomerSummaryAccumulator<string>(Options);
        foreach (var order in orders)
        {
            accumulator.Add(order.CustomerId, order.Time, order.Amount);
        }

        return accumulator;
    }
}
