using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RetentionMetrics.Benchmarks.Customers;

/// <summary>
/// An in-process job for the 10-million-record summaries on a shared, loaded machine: one warm-up and two measured
/// runs, with a time limit long enough for a run that takes minutes (the stock in-process toolchain stops after
/// five). The benchmark classes apply it by attribute; run them with <c>--filter</c> alone, without <c>--job</c>.
/// </summary>
public sealed class LoadedMachineConfig : ManualConfig
{
    public LoadedMachineConfig() =>
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(40), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(2)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("InProcessLoaded"));
}
