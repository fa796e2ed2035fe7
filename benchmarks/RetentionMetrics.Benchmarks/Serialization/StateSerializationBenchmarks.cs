using System.Globalization;
using BenchmarkDotNet.Attributes;
using RetentionMetrics.Benchmarks.Support;
using RetentionMetrics.Customers;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Benchmarks.Serialization;

/// <summary>
/// Writing and reading the mergeable customer-summary state of 1 million customers (5 million synthetic orders) as
/// JSON through the source-generated context: the cost of moving a partial state between machines. The size in
/// bytes per customer is printed at setup.
/// </summary>
[MemoryDiagnoser]
public class StateSerializationBenchmarks
{
    private CustomerSummaryAccumulator<long> state = null!;
    private byte[] json = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    /// <summary>The size of the written state, for the report.</summary>
    public double BytesPerCustomer => (double)json.Length / state.CustomerCount;

    [GlobalSetup]
    public void Setup()
    {
        state = new CustomerSummaryAccumulator<long>(expectedCustomers: Customers);
        foreach (var order in SyntheticOrders.Create(Customers * 5, Customers, seed: 42))
        {
            state.Add(order.CustomerId, order.Date, order.Amount);
        }

        json = RetentionMetricsJson.SerializeToUtf8Bytes(state);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// State JSON: {json.Length:N0} bytes for {state.CustomerCount:N0} customers = {BytesPerCustomer:F1} bytes per customer"));
    }

    [Benchmark(Baseline = true, Description = "serialise summary state")]
    public int Serialize_SummaryState() => RetentionMetricsJson.SerializeToUtf8Bytes(state).Length;

    [Benchmark(Description = "deserialise summary state")]
    public int Deserialize_SummaryState() => RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<long>>(json).CustomerCount;

    [Benchmark(Description = "deserialise + merge into an empty state")]
    public int DeserializeAndMerge_SummaryState()
    {
        var total = new CustomerSummaryAccumulator<long>();
        total.Merge(RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<long>>(json));
        return total.CustomerCount;
    }
}
