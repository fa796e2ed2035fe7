using RetentionMetrics.Customers;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class LifetimeValueFormulasTests
{
    [Fact]
    public void Historical_WorkedExample_IsRevenueTimesMargin() =>
        Assert.Equal(300m, LifetimeValueFormulas.Historical(1200m, 0.25m)); // 1,200 × 0.25

    [Fact]
    public void Average_WorkedExample_MatchesHandCalculation()
    {
        // APV = 10,000 / 200 = 50; PF = 200 / 50 = 4; × lifespan 3 × margin 0.5 = 300.
        var value = LifetimeValueFormulas.Average(10_000m, 200, 50, 3m, 0.5m);

        Assert.Equal((50m, 4m, 300m), (value.AveragePurchaseValue, value.PurchaseFrequency, value.Value));
    }

    [Fact]
    public void Average_BySegment_MatchesHandCalculation()
    {
        // a: 10 + 30 (two days), b: 20, c: 40. Overall APV 100/4 = 25, PF 4/3, lifespan 2 → 66.67;
        // segment "big" (spend ≥ 40: a, c): APV 80/3, PF 3/2, × 2 = 80; "small" (b): 20 · 1 · 2 = 40.
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new NodaTime.LocalDate(2024, 3, 1) });
        accumulator.Add("a", new NodaTime.LocalDate(2024, 1, 1), 10m);
        accumulator.Add("a", new NodaTime.LocalDate(2024, 1, 5), 30m);
        accumulator.Add("b", new NodaTime.LocalDate(2024, 1, 2), 20m);
        accumulator.Add("c", new NodaTime.LocalDate(2024, 1, 3), 40m);

        var values = LifetimeValueFormulas.Average(accumulator.ToSummaries(), 2m, s => s.TotalSpend >= 40m ? "big" : "small");

        Assert.Equal(["", "big", "small"], values.Keys.ToArray());
        Assert.Equal(200m / 3, values[""].Value, 20);
        Assert.Equal(80m, values["big"].Value, 20);
        Assert.Equal(40m, values["small"].Value);
    }

    [Fact]
    public void DiscountedRetention_WorkedExample_MatchesHandCalculation()
    {
        // m (1 + d) / (1 + d − r) = 100 · 1.1 / 0.3 = 366.67; without the first period m r / (1 + d − r) = 80 / 0.3 = 266.67.
        Assert.Equal(110 / 0.3, LifetimeValueFormulas.DiscountedRetention(100, 0.8, 0.1), 9);
        Assert.Equal(80 / 0.3, LifetimeValueFormulas.DiscountedRetention(100, 0.8, 0.1, excludeFirstPeriod: true), 9);
    }

    [Fact]
    public void DiscountedRetention_EqualsTheSeriesItSums()
    {
        // Σₖ≥₀ m rᵏ / (1 + d)ᵏ summed directly for 2,000 periods.
        var direct = Enumerable.Range(0, 2000).Sum(k => 100 * Math.Pow(0.8 / 1.1, k));

        Assert.Equal(direct, LifetimeValueFormulas.DiscountedRetention(100, 0.8, 0.1), 9);
    }

    [Fact]
    public void RatioAndPayback_WorkedExamples_MatchHandCalculation()
    {
        Assert.Equal(3, LifetimeValueFormulas.LifetimeValueToAcquisitionCost(360, 120), 12); // 360 / 120
        Assert.Equal(1.2, LifetimeValueFormulas.AcquisitionCostPayback(120, 100), 12);      // 120 / 100
        Assert.Equal(2, LifetimeValueFormulas.AcquisitionCostPayback(150, 100, 0.8, 0));    // 100 + 80 ≥ 150
        Assert.Null(LifetimeValueFormulas.AcquisitionCostPayback(600, 100, 0.8, 0));        // at most 100 / 0.2 = 500
    }

    [Fact]
    public void DiscountedRetention_InfiniteValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("discountRate", () => LifetimeValueFormulas.DiscountedRetention(100, 1, 0));

    [Fact]
    public void Historical_MarginAboveOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("margin", () => LifetimeValueFormulas.Historical(100m, 1.5m));
}
