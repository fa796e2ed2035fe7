using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class GammaGammaModelTests
{
    [Fact]
    public void Fit_CdnowRepeatBuyers_ReproducesPublishedEstimates()
    {
        // Fader, Hardie & Lee (2005), "The Gamma-Gamma Model of Monetary Value" (note), on the 946 CDNOW sample
        // repeat buyers (x, zbar): p = 6.25, q = 3.74, γ = 15.44.
        var model = GammaGammaModel.Fit(LifetimeTestData.Cdnow);

        Assert.True(model.Diagnostics!.Converged, model.Diagnostics.Reason);
        Assert.Equal(946, model.Diagnostics.Customers);
        Assert.Equal(6.25, model.P, 0.01);
        Assert.Equal(3.74, model.Q, 0.01);
        Assert.Equal(15.44, model.Gamma, 0.01);
        Assert.Equal(3, model.Diagnostics.StandardErrors.Count);
    }

    [Fact]
    public void ExpectedSpend_WorkedExample_MatchesHandCalculation()
    {
        // (γ + m x) p / (p x + q − 1) = (15.44 + 22.35 · 2) · 6.25 / (6.25 · 2 + 3.74 − 1) = 375.875 / 15.24 = 24.6637…
        var model = new GammaGammaModel(6.25, 3.74, 15.44);

        Assert.Equal(375.875 / 15.24, model.ExpectedSpend(2, 22.35), 10);
    }

    [Fact]
    public void ExpectedSpend_NoRepeatPurchase_IsPopulationMean()
    {
        // p γ / (q − 1) = 6.25 · 15.44 / 2.74 = 35.2189…
        var model = new GammaGammaModel(6.25, 3.74, 15.44);

        Assert.Equal(6.25 * 15.44 / 2.74, model.ExpectedSpend(0, 0), 10);
        Assert.Equal(6.25 * 15.44 / 2.74, model.PopulationMeanSpend!.Value, 10);
    }

    [Fact]
    public void Fit_NoRepeatBuyers_ThrowsNamedError()
    {
        var data = RepeatPurchaseData.Create([new("a", 0, 0, 10), new("b", 0, 0, 5)]);

        var error = Assert.Throws<RetentionDataException>(() => GammaGammaModel.Fit(data));

        Assert.Equal(LifetimeErrorMessages.NoRepeatBuyers, error.Reason);
    }

    [Fact]
    public void Fit_RepeatBuyerWithZeroSpend_NamesTheCustomer()
    {
        var data = RepeatPurchaseData.Create([new("a", 2, 5, 10, 20), new("b", 1, 3, 5, 0)]);

        var error = Assert.Throws<RetentionDataException>(() => GammaGammaModel.Fit(data));

        Assert.Equal(LifetimeErrorMessages.MonetaryValueNotPositive, error.Reason);
        Assert.Equal("b", error.Customer);
    }
}
