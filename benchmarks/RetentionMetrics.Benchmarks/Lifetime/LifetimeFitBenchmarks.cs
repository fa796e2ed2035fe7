using BenchmarkDotNet.Attributes;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Benchmarks.Lifetime;

/// <summary>Fit time of each model on the reference data (CDNOW, donations, sBG), and prediction throughput on CDNOW.</summary>
[MemoryDiagnoser]
public class LifetimeFitBenchmarks
{
    private static readonly long[] Regular = [1000, 631, 468, 382, 326, 289, 262, 241];
    private RepeatPurchaseData cdnow = null!;
    private RepeatPurchaseData donations = null!;
    private BetaGeometricNbdModel bgnbd = null!;
    private ParetoNbdModel pareto = null!;
    private GammaGammaModel spend = null!;

    [GlobalSetup]
    public void Setup()
    {
        cdnow = LifetimeBenchmarkData.Cdnow();
        int[][] patterns =
        [
            [0, 0, 3464], [1, 1, 1091], [1, 2, 277], [1, 3, 129], [1, 4, 78], [1, 5, 119], [1, 6, 191], [2, 2, 326], [2, 3, 139],
            [2, 4, 95], [2, 5, 121], [2, 6, 302], [3, 3, 206], [3, 4, 114], [3, 5, 164], [3, 6, 526], [4, 4, 183], [4, 5, 254],
            [4, 6, 843], [5, 5, 372], [5, 6, 1248], [6, 6, 1203],
        ];
        donations = RepeatPurchaseData.Create(patterns.Select((p, i) => new RepeatPurchaseSummary(i.ToString(System.Globalization.CultureInfo.InvariantCulture), p[0], p[1], 6, 0, p[2])));
        bgnbd = BetaGeometricNbdModel.Fit(cdnow);
        pareto = ParetoNbdModel.Fit(cdnow);
        spend = GammaGammaModel.Fit(cdnow);
    }

    [Benchmark]
    public double Fit_BgNbdCdnow() => BetaGeometricNbdModel.Fit(cdnow).R;

    [Benchmark]
    public double Fit_ModifiedBgNbdCdnow() => ModifiedBetaGeometricNbdModel.Fit(cdnow).R;

    [Benchmark]
    public double Fit_ParetoNbdCdnow() => ParetoNbdModel.Fit(cdnow).R;

    [Benchmark]
    public double Fit_GammaGammaCdnow() => GammaGammaModel.Fit(cdnow).P;

    [Benchmark]
    public double Fit_BgBbDonations() => BetaGeometricBetaBinomialModel.Fit(donations).Alpha;

    [Benchmark]
    public double Fit_ShiftedBetaGeometricRegular() => ShiftedBetaGeometricModel.Fit(Regular).Alpha;

    /// <summary>Expected purchases (39 weeks) and P(alive) for the 2,357 CDNOW customers with BG/NBD.</summary>
    [Benchmark]
    public double Predict_BgNbdCdnow()
    {
        var total = 0d;
        foreach (var row in cdnow)
        {
            total += bgnbd.ExpectedPurchases(39, row.Frequency, row.Recency, row.T) + bgnbd.ProbabilityAlive(row.Frequency, row.Recency, row.T);
        }

        return total;
    }

    /// <summary>Expected purchases and P(alive) for the 2,357 CDNOW customers with Pareto/NBD.</summary>
    [Benchmark]
    public double Predict_ParetoNbdCdnow()
    {
        var total = 0d;
        foreach (var row in cdnow)
        {
            total += pareto.ExpectedPurchases(39, row.Frequency, row.Recency, row.T);
        }

        return total;
    }

    /// <summary>12-month discounted CLV (4.345 weeks a month) for the 2,357 CDNOW customers.</summary>
    [Benchmark]
    public double Predict_LifetimeValueCdnow() =>
        CustomerLifetimeValue.Compute(bgnbd, spend, cdnow, new LifetimeValueOptions { Periods = 12, TimeUnitsPerPeriod = 4.345 }).Sum();
}
