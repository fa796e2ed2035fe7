using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Benchmarks.Lifetime;

/// <summary>Fit time on one million simulated customers (seeded), measured once per iteration.</summary>
[MemoryDiagnoser]
[Config(typeof(OnceConfig))]
public class LifetimeLargeFitBenchmarks
{
    private RepeatPurchaseData customers = null!;

    /// <summary>The number of simulated customers: one million in the benchmark, fewer in its unit test.</summary>
    public int Customers { get; set; } = 1_000_000;

    [GlobalSetup]
    public void Setup() => customers = LifetimeBenchmarkData.Simulated(Customers, seed: 42);

    [Benchmark]
    public double Fit_BgNbdMillion() => BetaGeometricNbdModel.Fit(customers).R;

    [Benchmark]
    public double Fit_ModifiedBgNbdMillion() => ModifiedBetaGeometricNbdModel.Fit(customers).R;

    [Benchmark]
    public double Fit_ParetoNbdMillion() => ParetoNbdModel.Fit(customers).R;

    [Benchmark]
    public double Fit_GammaGammaMillion() => GammaGammaModel.Fit(customers).P;

    /// <summary>In process, one warm-up and three measured runs: each operation takes seconds.</summary>
    private sealed class OnceConfig : ManualConfig
    {
        public OnceConfig() =>
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)).WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
    }
}
