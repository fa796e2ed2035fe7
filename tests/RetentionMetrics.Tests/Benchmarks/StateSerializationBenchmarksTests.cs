using RetentionMetrics.Benchmarks.Serialization;

namespace RetentionMetrics.Tests.Benchmarks;

/// <summary>Every variant of the state serialisation benchmarks, run once on small data, sees the same customers.</summary>
public class StateSerializationBenchmarksTests
{
    [Fact]
    public void Variants_Agree()
    {
        var benchmarks = new StateSerializationBenchmarks { Customers = 2_000 };
        benchmarks.Setup();

        var customers = benchmarks.Deserialize_SummaryState();

        Assert.InRange(customers, 1_900, 2_000);
        Assert.Equal(customers, benchmarks.DeserializeAndMerge_SummaryState());
        Assert.True(benchmarks.Serialize_SummaryState() > customers * 100);
        Assert.InRange(benchmarks.BytesPerCustomer, 100, 1_000);
    }
}
