using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class ModifiedBetaGeometricNbdModelTests
{
    [Fact]
    public void Fit_Cdnow_ConvergesCloseToBgNbdLikelihood()
    {
        // Batislam et al. (2007) publish no CDNOW-sample estimates; MBG/NBD nests a dropout at time 0, so on CDNOW its
        // maximised LL should be at least BG/NBD's published −9582.4 less a rounding margin, and close to it.
        var model = ModifiedBetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow);

        Assert.True(model.Diagnostics!.Converged, model.Diagnostics.Reason);
        Assert.InRange(model.Diagnostics.LogLikelihood, -9582.5, -9570);
    }

    [Fact]
    public void ProbabilityAlive_NoRepeat_IsBelowOne()
    {
        // x = 0, t_x = 0: 1 / (1 + a/b · ((α+T)/α)^r) with r = 1, α = 1, a = 1, b = 1, T = 1: 1 / (1 + 2) = 1/3.
        var model = new ModifiedBetaGeometricNbdModel(1, 1, 1, 1);

        Assert.Equal(1d / 3, model.ProbabilityAlive(0, 0, 1), 12);
    }

    [Fact]
    public void LogLikelihood_OneCustomer_MatchesHandCalculation()
    {
        // Batislam et al. (2007): L = B(a, b+x+1)/B(a,b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
        //                          + B(a+1, b+x)/B(a,b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
        // r = α = a = b = 1, x = 0, t_x = 0, T = 1: B(1,2)/B(1,1) · 1/2 + B(2,1)/B(1,1) · 1 = 1/4 + 1/2 = 3/4.
        var model = new ModifiedBetaGeometricNbdModel(1, 1, 1, 1);

        Assert.Equal(Math.Log(0.75), model.LogLikelihood(RepeatPurchaseData.Create([new("a", 0, 0, 1)])), 12);
    }
}
