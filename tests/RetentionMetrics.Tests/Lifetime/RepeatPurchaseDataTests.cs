using RetentionMetrics.Customers;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class RepeatPurchaseDataTests
{
    [Fact]
    public void FromSummaries_CdnowDaysOverSeven_EqualsPublishedSummary()
    {
        // Data/cdnow/README.md: x, t_x and T of the published summary are days / 7 rounded to 2 decimals, from the
        // sample log with calibration end 1997-09-30; zbar agrees to within 0.01.
        var data = RepeatPurchaseData.FromSummaries(CdnowOrders.Summaries(CdnowOrders.CalibrationEnd), RepeatPurchaseData.PeriodsPerTimeUnit(PurchasePeriod.Day, PurchasePeriod.Week));
        var published = LifetimeTestData.Cdnow.ToDictionary(r => r.CustomerId);

        Assert.Equal(2357, data.Count);
        foreach (var row in data)
        {
            var expected = published[row.CustomerId];
            Assert.Equal(expected.Frequency, row.Frequency);
            Assert.Equal(expected.Recency, Math.Round(row.Recency, 2));
            Assert.Equal(expected.T, Math.Round(row.T, 2));
            Assert.Equal(expected.MonetaryValue, row.MonetaryValue, 0.0051);
        }
    }

    [Fact]
    public void Create_Empty_ThrowsNoCustomers()
    {
        var error = Assert.Throws<RetentionDataException>(() => RepeatPurchaseData.Create([]));

        Assert.Equal(LifetimeErrorMessages.NoCustomers, error.Reason);
    }

    [Theory]
    [InlineData(-1, 0, 5, 0, 1, LifetimeErrorMessages.NotFiniteOrNegative)]
    [InlineData(1, double.NaN, 5, 0, 1, LifetimeErrorMessages.NotFiniteOrNegative)]
    [InlineData(1, 2, 5, -3, 1, LifetimeErrorMessages.NotFiniteOrNegative)]
    [InlineData(1, 6, 5, 0, 1, LifetimeErrorMessages.RecencyAfterT)]
    [InlineData(1, 2, 5, 0, 0, LifetimeErrorMessages.BadWeight)]
    public void Create_BadRow_NamesCustomerAndPosition(double x, double recency, double t, double monetary, double weight, string message)
    {
        var error = Assert.Throws<RetentionDataException>(() =>
            RepeatPurchaseData.Create([new("ok", 0, 0, 5), new("bad", x, recency, t, monetary, weight)]));

        Assert.Equal(message, error.Reason);
        Assert.Equal("bad", error.Customer);
        Assert.Equal(1, error.Position);
    }

    [Fact]
    public void Fit_RepeatPurchasesAtRecencyZero_NamesCustomer()
    {
        var data = RepeatPurchaseData.Create([new("a", 0, 0, 5), new("b", 2, 0, 5)]);

        var error = Assert.Throws<RetentionDataException>(() => BetaGeometricNbdModel.Fit(data));

        Assert.Equal(LifetimeErrorMessages.RepeatPurchasesAtRecencyZero, error.Reason);
        Assert.Equal("b", error.Customer);
        Assert.Throws<RetentionDataException>(() => ParetoNbdModel.Fit(data));
        Assert.Throws<RetentionDataException>(() => ModifiedBetaGeometricNbdModel.Fit(data));
    }

    [Fact]
    public void PeriodsPerTimeUnit_Conversions_MatchCalendar()
    {
        Assert.Equal(7, RepeatPurchaseData.PeriodsPerTimeUnit(PurchasePeriod.Day, PurchasePeriod.Week));
        Assert.Equal(1, RepeatPurchaseData.PeriodsPerTimeUnit(PurchasePeriod.Week, PurchasePeriod.Week));
        Assert.Equal(30.4375 / 7, RepeatPurchaseData.PeriodsPerTimeUnit(PurchasePeriod.Week, PurchasePeriod.Month), 12);
    }

    [Fact]
    public void FromSummaries_BadScale_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("periodsPerTimeUnit", () => RepeatPurchaseData.FromSummaries(CdnowOrders.Summaries(CdnowOrders.CalibrationEnd), 0));
}
