using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class BetaGeometricNbdModelTests
{
    [Fact]
    public void Fit_Cdnow_ReproducesPublishedEstimates()
    {
        // Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science 24(2), 275–284:
        // on the CDNOW sample (2,357 customers, 39-week calibration, weeks) r = 0.243, α = 4.414, a = 0.793,
        // b = 2.426, LL = −9582.4.
        var model = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow);

        Assert.True(model.Diagnostics!.Converged, model.Diagnostics.Reason);
        Assert.Equal(0.243, model.R, 3);
        Assert.Equal(4.414, model.Alpha, 3);
        Assert.Equal(0.793, model.A, 3);
        Assert.Equal(2.426, model.B, 3);
        Assert.Equal(-9582.4, model.Diagnostics.LogLikelihood, 1);
        Assert.Equal(2357, model.Diagnostics.Customers);
    }

    [Theory]
    // lifetimes' README (BetaGeoFitter on this CDNOW summary, t = 1 week): customer 1516 (26, 30.86, 31.00) → 0.710623,
    // customer 509 (18, 35.14, 35.86) → 0.424877. The parameters below are lifetimes' fitted values.
    [InlineData(26, 30.86, 31.00, 0.710623)]
    [InlineData(18, 35.14, 35.86, 0.424877)]
    public void ExpectedPurchases_CdnowCustomers_MatchLifetimesReadme(double x, double recency, double t, double expected)
    {
        var model = new BetaGeometricNbdModel(0.242594, 4.413660, 0.792925, 2.425943);

        Assert.Equal(expected, model.ExpectedPurchases(1, x, recency, t), 4);
    }

    [Fact]
    public void ProbabilityAlive_WorkedExample_MatchesHandCalculation()
    {
        // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) with r = 1, α = 1, a = 1, b = 2, x = 1, t_x = 1, T = 3:
        // 1 / (1 + 1/2 · (4/2)²) = 1/3.
        var model = new BetaGeometricNbdModel(1, 1, 1, 2);

        Assert.Equal(1d / 3, model.ProbabilityAlive(1, 1, 3), 12);
        Assert.Equal(1d, model.ProbabilityAlive(0, 0, 3));
    }

    [Fact]
    public void ExpectedPurchasesNewCustomer_EqualsSumOfPurchaseProbabilities()
    {
        // E[X(t)] = Σ k P(X(t) = k): two formulas of the paper (eqs. 7 and 9) that share no code here.
        var model = new BetaGeometricNbdModel(0.243, 4.414, 0.793, 2.426);
        var total = 0d;
        var mean = 0d;
        for (var k = 0; k < 400; k++)
        {
            var p = model.ProbabilityOfPurchases(k, 39);
            total += p;
            mean += k * p;
        }

        Assert.Equal(1, total, 9);
        Assert.Equal(mean, model.ExpectedPurchasesNewCustomer(39), 6);
    }

    [Theory]
    [InlineData(0.59, 0.41)]
    [InlineData(0.3, 0.7)]
    public void ExpectedPurchasesNewCustomer_AtAPlusBEqualToOne_EqualsSumOfPurchaseProbabilities(double a, double b)
    {
        // a + b = 1 puts the ₂F₁'s lower parameter a + b − 1 at 0, a pole cancelled by the (a + b − 1) factor; eq. 9
        // must still agree with Σ k P(X(t) = k) from eq. 8, which has no such factor.
        var model = new BetaGeometricNbdModel(4.03, 7.76, a, b);
        var mean = 0d;
        for (var k = 0; k < 600; k++)
        {
            mean += k * model.ProbabilityOfPurchases(k, 39.5);
        }

        Assert.Equal(mean, model.ExpectedPurchasesNewCustomer(39.5), 6);
    }

    [Fact]
    public void Fit_IterationLimit_ReportsNotConverged()
    {
        var model = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow, new LifetimeFitOptions { MaximumIterations = 5 });

        Assert.False(model.Diagnostics!.Converged);
        Assert.Equal(LifetimeErrorMessages.IterationLimit, model.Diagnostics.Reason);
        Assert.Equal(5, model.Diagnostics.Iterations);
    }

    [Fact]
    public void Fit_IsDeterministic()
    {
        var first = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow);
        var second = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow);

        Assert.Equal(first.Parameters, second.Parameters);
    }

    [Fact]
    public void Fit_Penalty_ShrinksParameters()
    {
        // The L2 penalty λ Σθ² pulls the parameters towards 0: the sum of squares falls.
        var plain = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow);
        var penalised = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow, new LifetimeFitOptions { Penalty = 0.01 });

        Assert.True(penalised.Diagnostics!.Converged);
        Assert.True(penalised.Parameters.Values.Sum(v => v * v) < plain.Parameters.Values.Sum(v => v * v));
        Assert.True(penalised.Diagnostics.LogLikelihood < plain.Diagnostics!.LogLikelihood);
    }

    [Fact]
    public void Fit_StandardErrors_ArePositiveAndSmallerThanEstimates()
    {
        var model = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow);

        Assert.Equal(["r", "alpha", "a", "b"], model.Diagnostics!.StandardErrors.Keys.ToArray());
        Assert.All(model.Diagnostics.StandardErrors, e => Assert.InRange(e.Value, 1e-6, model.Parameters[e.Key]));
        Assert.True(model.Diagnostics.GradientNorm < 1e-4);
    }

    [Fact]
    public void Constructor_NonPositiveParameter_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("alpha", () => new BetaGeometricNbdModel(1, 0, 1, 1));

    [Fact]
    public void ExpectedPurchases_AtAEqualToOne_IsTheLimitOfNeighbours()
    {
        // The (a − 1) denominator is a removable 0/0 at a = 1: the value there lies between a = 0.999 and a = 1.001.
        var below = new BetaGeometricNbdModel(0.5, 5, 0.999, 2).ExpectedPurchases(10, 2, 20, 30);
        var above = new BetaGeometricNbdModel(0.5, 5, 1.001, 2).ExpectedPurchases(10, 2, 20, 30);
        var at = new BetaGeometricNbdModel(0.5, 5, 1, 2).ExpectedPurchases(10, 2, 20, 30);

        Assert.InRange(at, Math.Min(below, above), Math.Max(below, above));
        Assert.True(double.IsFinite(new BetaGeometricNbdModel(0.5, 5, 1, 2).ExpectedPurchasesNewCustomer(10)));
        Assert.True(double.IsFinite(new ModifiedBetaGeometricNbdModel(0.5, 5, 1, 2).ExpectedPurchases(10, 2, 20, 30)));
    }

    [Fact]
    public void ExpectedPurchasesNewCustomer_VeryLongHorizon_ReachesLifetimeTotal()
    {
        // Over an unbounded horizon a BG/NBD customer keeps buying until the purchase after which they drop out, a
        // geometric number with mean 1/p, and E[1/p] = (a + b − 1)/(a − 1) for p ~ Beta(a, b), a > 1. At
        // t = 1e12 the ₂F₁ argument is 1 − 4e-12, beyond any power series: the connection formula to 1 − z is used
        // (here c − a − b = −1, the integer case). The remainder falls like t^(−min(r, a−1)) = 1e-24.
        var model = new BetaGeometricNbdModel(3, 4.414, 3, 2.426);
        Assert.Equal(4.426 / 2, model.ExpectedPurchasesNewCustomer(1e12), 1e-6);
        Assert.True(double.IsFinite(model.ExpectedPurchases(1e9, 3, 20, 30)));
    }
}
