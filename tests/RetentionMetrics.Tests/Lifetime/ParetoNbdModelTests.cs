using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class ParetoNbdModelTests
{
    [Fact]
    public void Fit_Cdnow_ReproducesPublishedEstimates()
    {
        // Fader, Hardie & Lee (2005), Marketing Science 24(2), and Fader & Hardie, "A Note on Deriving the Pareto/NBD
        // Model and Related Expressions" (2005), on the CDNOW sample in weeks: r = 0.553, α = 10.578, s = 0.606,
        // β = 11.669, LL = −9595.0.
        var model = ParetoNbdModel.Fit(LifetimeTestData.Cdnow);

        Assert.True(model.Diagnostics!.Converged, model.Diagnostics.Reason);
        Assert.Equal(0.553, model.R, 0.0015);
        Assert.Equal(10.578, model.Alpha, 0.005);
        Assert.Equal(0.606, model.S, 0.0015);
        Assert.Equal(11.669, model.Beta, 0.01);
        Assert.Equal(-9595.0, model.Diagnostics.LogLikelihood, 0.05);
    }

    [Fact]
    public void ExpectedPurchasesNewCustomer_WorkedExample_MatchesClosedForm()
    {
        // r β / (α (s − 1)) · (1 − (β / (β + t))^(s − 1)) with r = 1, α = 2, s = 2, β = 3, t = 3:
        // 1 · 3 / (2 · 1) · (1 − (3/6)¹) = 1.5 · 0.5 = 0.75.
        var model = new ParetoNbdModel(1, 2, 2, 3);

        Assert.Equal(0.75, model.ExpectedPurchasesNewCustomer(3), 12);
    }

    [Fact]
    public void ProbabilityAlive_EqualRates_MatchesHandCalculation()
    {
        // With α = β the ₂F₁ terms are 1: A₀ = 1/(α+t_x)^(r+s+x) − 1/(α+T)^(r+s+x). r = s = 1, α = β = 1, x = 1,
        // t_x = 1, T = 3: alive part 1/(4² · 4) = 1/64; dead part s/(r+s+x) · A₀ = 1/3 · (1/2³ − 1/4³) = 7/192.
        // P(alive) = (1/64) / (1/64 + 7/192) = 3 / 10.
        var model = new ParetoNbdModel(1, 1, 1, 1);

        Assert.Equal(0.3, model.ProbabilityAlive(1, 1, 3), 12);
    }
}
