using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class ShiftedBetaGeometricModelTests
{
    [Theory]
    // Fader & Hardie (2007), "How to Project Customer Retention", Journal of Interactive Marketing 21(1), 76–90:
    // calibrated on years 0–7, "regular" α = 0.704, β = 1.182; "high end" α = 0.668, β = 3.806.
    [InlineData(false, 0.704, 1.182)]
    [InlineData(true, 0.668, 3.806)]
    public void Fit_PublishedSurvivalData_ReproducesPublishedEstimates(bool highEnd, double alpha, double beta)
    {
        var model = ShiftedBetaGeometricModel.Fit(LifetimeTestData.Survival(highEnd, lastYear: 7));

        Assert.True(model.Diagnostics!.Converged, model.Diagnostics.Reason);
        Assert.Equal(alpha, model.Alpha, 0.001);
        Assert.Equal(beta, model.Beta, 0.001);
        Assert.Equal(1000, model.Diagnostics.Customers);
    }

    [Fact]
    public void SurvivalCurve_WorkedExample_MatchesHandCalculation()
    {
        // α = β = 1: S(t) = B(1, 1+t)/B(1, 1) = 1/(1+t): 1, 1/2, 1/3, 1/4.
        var model = new ShiftedBetaGeometricModel(1, 1);

        var curve = model.SurvivalCurve(3);

        Assert.Equal(4, curve.Count);
        Assert.All(new[] { 1d, 0.5, 1d / 3, 0.25 }.Zip(curve), pair => Assert.Equal(pair.First, pair.Second, 12));
        Assert.Equal(0.25, model.Survival(3), 12);
        Assert.Equal(2d / 3, model.RetentionRate(2), 12);
    }

    [Fact]
    public void DiscountedExpectedResidualLifetime_WorkedExample_MatchesSeries()
    {
        // α = β = 1, n = 0, d = 1: Σₖ S(k+1) / 2ᵏ = Σ 1/((k+2) 2ᵏ) = 4 ln 2 − 2 (from −ln(1−z) = Σ zᵏ/k at z = 1/2).
        var model = new ShiftedBetaGeometricModel(1, 1);

        Assert.Equal(4 * Math.Log(2) - 2, model.DiscountedExpectedResidualLifetime(1), 12);
    }

    [Fact]
    public void DiscountedExpectedResidualLifetime_FittedRegular_EqualsDirectSum()
    {
        // The closed form against a direct sum of S(n+1+k)/S(n)/(1+d)^k over 2,000 periods (tail < 1e-12 at d = 0.1).
        var model = new ShiftedBetaGeometricModel(0.704, 1.182);
        const int renewals = 3;
        var curve = model.SurvivalCurve(2_100);
        var direct = 0d;
        for (var k = 0; k < 2_000; k++)
        {
            direct += curve[renewals + 1 + k] / curve[renewals] / Math.Pow(1.1, k);
        }

        Assert.Equal(direct, model.DiscountedExpectedResidualLifetime(0.1, renewals), 9);
    }

    [Theory]
    [InlineData(new long[] { 1000 })]
    [InlineData(new long[] { 0, 0 })]
    [InlineData(new long[] { 1000, 600, 700 })]
    public void Fit_UnusableCounts_ThrowsNamedError(long[] alive)
    {
        var error = Assert.Throws<RetentionDataException>(() => ShiftedBetaGeometricModel.Fit(alive));

        Assert.Equal(LifetimeErrorMessages.SurvivalCounts, error.Reason);
    }
}
