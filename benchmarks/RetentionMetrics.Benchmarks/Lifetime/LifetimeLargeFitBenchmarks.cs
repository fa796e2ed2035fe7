using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Benchmarks.Lifetime;

/// <summary>Fit time on one million simulated customers (seeded), measured once per iteration.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LifetimeLargeFitBenchmarks
{
    private RepeatPurchaseData customers = null!;

    [GlobalSetup]
    public void Setup() => customers = LifetimeBenchmarkData.Simulated(1_000_000, seed: 42);

    [Benchmark]
    public double Fit_BgNbdMillion() => BetaGeometricNbdModel.Fit(customers).R;

    [Benchmark]
    public double Fit_GammaGammaMillion() => GammaGammaModel.Fit(customers).P;
}
