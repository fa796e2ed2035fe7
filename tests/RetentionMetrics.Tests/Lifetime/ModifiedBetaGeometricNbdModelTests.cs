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

    [Theory]
    // r = α = a = b = 1, t = 1 by hand: NB(x) = (1/2)^(x+1), B(1, x+2)/B(1, 1) = 1/(x+2), B(2, x+1)/B(1, 1) = 1/((x+1)(x+2))
    // and 1 − Σ_{j<x} NB(j) = (1/2)^x, so P(x) = (1/2)^(x+1)/(x+2) + (1/2)^x/((x+1)(x+2)).
    [InlineData(0, 3d / 4)]
    [InlineData(1, 1d / 6)]
    [InlineData(2, 5d / 96)]
    [InlineData(3, 1d / 80 + 1d / 160)]
    public void ProbabilityOfPurchases_UnitParameters_MatchesHandCalculation(int purchases, double expected) =>
        Assert.Equal(expected, new ModifiedBetaGeometricNbdModel(1, 1, 1, 1).ProbabilityOfPurchases(purchases, 1), 14);

    [Fact]
    public void ProbabilityOfPurchases_RelatesToBgNbdWithBPlusOne()
    {
        // Dropping out at time 0 with probability p: P_MBG(x) = b/(a+b) · P_BG(x; a, b+1) for x ≥ 1 and
        // P_MBG(0) = a/(a+b) + b/(a+b) · P_BG(0; a, b+1), since B(a, b+1)/B(a, b) = b/(a+b) and B(a+1, b)/B(a, b) = a/(a+b).
        double r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
        var modified = new ModifiedBetaGeometricNbdModel(r, alpha, a, b);
        var shifted = new BetaGeometricNbdModel(r, alpha, a, b + 1);
        Assert.Equal(a / (a + b) + b / (a + b) * shifted.ProbabilityOfPurchases(0, 39), modified.ProbabilityOfPurchases(0, 39), 12);
        for (var x = 1; x < 20; x++)
        {
            Assert.Equal(b / (a + b) * shifted.ProbabilityOfPurchases(x, 39), modified.ProbabilityOfPurchases(x, 39), 12);
        }
    }

    [Fact]
    public void ProbabilityOfPurchases_SumsToOneWithMeanOfExpectedPurchases()
    {
        var model = new ModifiedBetaGeometricNbdModel(0.5, 6, 0.9, 2.2);
        var probabilities = Enumerable.Range(0, 400).Select(k => model.ProbabilityOfPurchases(k, 39)).ToArray();
        Assert.Equal(1, probabilities.Sum(), 9);
        Assert.Equal(model.ExpectedPurchasesNewCustomer(39), probabilities.Select((p, k) => p * k).Sum(), 6);
        Assert.Equal(1, model.ProbabilityOfPurchases(0, 0));
        Assert.Equal(0, model.ProbabilityOfPurchases(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ProbabilityOfPurchases(-1, 1));
    }
}
