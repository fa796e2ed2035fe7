using RetentionMetrics.Benchmarks.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class LifetimeBenchmarksTests
{
    [Fact]
    public void FitBenchmarks_RunOnce_ReproducePublishedEstimates()
    {
        var benchmarks = new LifetimeFitBenchmarks();
        benchmarks.Setup();

        // Fader, Hardie & Lee (2005): r = 0.243; Fader & Hardie's Pareto/NBD note: r = 0.553; Gamma-Gamma p = 6.25;
        // Fader & Hardie (2007), regular: α = 0.704. (The benchmark's inline BG/BB pattern table is only a workload:
        // its fit is checked to be a proper positive estimate, the published BG/BB values are tested elsewhere.)
        Assert.Equal(0.243, benchmarks.Fit_BgNbdCdnow(), 3);
        Assert.Equal(0.553, benchmarks.Fit_ParetoNbdCdnow(), 0.0015);
        Assert.Equal(6.25, benchmarks.Fit_GammaGammaCdnow(), 0.01);
        Assert.InRange(benchmarks.Fit_BgBbDonations(), 0.01, 100);
        Assert.Equal(0.704, benchmarks.Fit_ShiftedBetaGeometricRegular(), 0.002);
        Assert.InRange(benchmarks.Fit_ModifiedBgNbdCdnow(), 0.1, 1);
        // Prediction totals: every customer adds a non-negative expectation (and P(alive) ≤ 1 for BG/NBD).
        Assert.InRange(benchmarks.Predict_BgNbdCdnow(), 1, 2 * 2357 * 10);
        Assert.InRange(benchmarks.Predict_ParetoNbdCdnow(), 1, 2357 * 10);
        Assert.True(benchmarks.Predict_LifetimeValueCdnow() > 0);
    }

    [Fact]
    public void LargeFitBenchmarks_RunOnceOnFewerCustomers_RecoverTheSimulatedParameters()
    {
        // The simulation uses BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426 and Gamma-Gamma p = 6.25, q = 3.74,
        // γ = 15.44, observed in whole days: 20,000 customers recover r and p roughly (MBG/NBD and Pareto/NBD are other
        // models of the same data, so only a plausible range).
        var benchmarks = new LifetimeLargeFitBenchmarks { Customers = 20_000 };
        benchmarks.Setup();

        Assert.InRange(benchmarks.Fit_BgNbdMillion(), 0.2, 0.3);
        Assert.InRange(benchmarks.Fit_ModifiedBgNbdMillion(), 0.1, 1);
        Assert.InRange(benchmarks.Fit_ParetoNbdMillion(), 0.1, 1);
        Assert.InRange(benchmarks.Fit_GammaGammaMillion(), 4, 9);
    }
}
