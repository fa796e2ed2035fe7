using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class BetaGeometricBetaBinomialModelTests
{
    [Fact]
    public void Fit_Donations_ReproducesPublishedEstimates()
    {
        // Fader, Hardie & Shang (2010), "Customer-Base Analysis in a Discrete-Time Noncontractual Setting",
        // Marketing Science 29(6): α = 1.204, β = 0.750, γ = 0.657, δ = 2.783, LL = −33,225.6 on 11,104 donors.
        var model = BetaGeometricBetaBinomialModel.Fit(LifetimeTestData.Donations);

        Assert.True(model.Diagnostics!.Converged, model.Diagnostics.Reason);
        Assert.Equal(11_104, model.Diagnostics.Customers);
        Assert.Equal(1.204, model.Alpha, 0.001);
        Assert.Equal(0.750, model.Beta, 0.001);
        Assert.Equal(0.657, model.Gamma, 0.001);
        Assert.Equal(2.783, model.Delta, 0.002);
        Assert.Equal(-33_225.6, model.Diagnostics.LogLikelihood, 0.05);
    }

    [Fact]
    public void LogLikelihood_OnePattern_MatchesHandCalculation()
    {
        // α = β = γ = δ = 1, x = 1, t_x = 1, n = 2:
        // B(2, 2)/B(1,1) · B(1, 3)/B(1,1) + B(2, 1)/B(1,1) · B(2, 2)/B(1,1) = 1/6 · 1/3 + 1/2 · 1/6 = 1/18 + 1/12 = 5/36.
        var model = new BetaGeometricBetaBinomialModel(1, 1, 1, 1);

        Assert.Equal(Math.Log(5d / 36), model.LogLikelihood(RepeatPurchaseData.Create([new("a", 1, 1, 2)])), 12);
        // P(alive) = B(2,2) B(1,4) / L = (1/6 · 1/4) / (5/36) = 3/10.
        Assert.Equal(0.3, model.ProbabilityAlive(1, 1, 2), 12);
    }

    [Fact]
    public void ExpectedPurchasesNewCustomer_WorkedExample_MatchesHandCalculation()
    {
        // α/(α+β) · Σₖ B(γ, δ+k)/B(γ, δ) with all parameters 1 and n = 2: 1/2 · (1/2 + 1/3) = 5/12.
        var model = new BetaGeometricBetaBinomialModel(1, 1, 1, 1);

        Assert.Equal(5d / 12, model.ExpectedPurchasesNewCustomer(2), 12);
    }

    [Fact]
    public void ExpectedPurchases_GammaAboveOne_MatchesPublishedClosedForm()
    {
        // Fader, Hardie & Shang (2010), eq. 13: 1/L · B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
        //   · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)], computed here with γ = 2 where the Gamma ratios are
        // 1/(δ+n+1) etc.: δ·(1+δ)·[1/(1+δ+n) − 1/(1+δ+n+n*)]. α = β = 1, γ = 2, δ = 1, x = 1, t_x = 1, n = 2, n* = 3.
        var model = new BetaGeometricBetaBinomialModel(1, 1, 2, 1);
        // L = B(2,2)/B(1,1) · B(2,3)/B(2,1) + B(2,1)/B(1,1) · B(3,2)/B(2,1) = 1/6 · 1/6 + 1/2 · 1/6 = 4/36.
        var likelihood = 4d / 36;
        var closedForm = 1 / likelihood * (1d / 12) * 1 * 2 * (1d / 4 - 1d / 7);

        Assert.Equal(closedForm, model.ExpectedPurchases(3, 1, 1, 2), 12);
    }

    [Fact]
    public void Fit_PatternWithFractionalCount_NamesTheRow()
    {
        var data = RepeatPurchaseData.Create([new("a", 1, 1, 6), new("b", 1.5, 2, 6)]);

        var error = Assert.Throws<RetentionDataException>(() => BetaGeometricBetaBinomialModel.Fit(data));

        Assert.Equal(LifetimeErrorMessages.DiscretePattern, error.Reason);
        Assert.Equal("b", error.Customer);
    }
}
