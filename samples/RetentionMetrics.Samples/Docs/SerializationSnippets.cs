// snippet: serialization-api
using RetentionMetrics.Serialization;

// end-snippet
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Samples.Docs;

/// <summary>A customer key type of an application's own, for the other-key-types example of docs/serialization.md.</summary>
/// <param name="Value">The key's value.</param>
public readonly record struct MyCustomerId(int Value);

// snippet: serialization-other-keys
[JsonSerializable(typeof(MyCustomerId))]
internal sealed partial class MyKeysContext : JsonSerializerContext { }

// end-snippet

/// <summary>The code examples of docs/serialization.md.</summary>
public static class SerializationSnippets
{
    /// <summary>The API tour: writes and reads <paramref name="state"/> every way the page shows.</summary>
    public static async Task<CustomerSummaryAccumulator<string>> ApiAsync(
        CustomerSummaryAccumulator<string> state, Stream stream, CancellationToken cancellationToken)
    {
        // snippet: serialization-api
        string json  = RetentionMetricsJson.Serialize(state);                 // any registered type
        byte[] utf8  = RetentionMetricsJson.SerializeToUtf8Bytes(state);
        var restored = RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>(json);   // or (ReadOnlySpan<byte>)
        var fromBlob = await RetentionMetricsJson.DeserializeAsync<CohortAccumulator<long>>(stream, cancellationToken);
        await RetentionMetricsJson.SerializeAsync(stream, state, cancellationToken);

        // Or with JsonSerializer directly:
        JsonSerializer.Serialize(state, RetentionMetricsJsonContext.Default.CustomerSummaryAccumulatorString);
        JsonSerializer.Serialize(state, RetentionMetricsJson.TypeInfo<CustomerSummaryAccumulator<string>>());
        // end-snippet
        _ = (utf8, fromBlob);
        return restored;
    }

    /// <summary>Round-trips a state keyed by an application's own key type.</summary>
    public static CustomerSummaryAccumulator<MyCustomerId> OtherKeys(CustomerSummaryAccumulator<MyCustomerId> state)
    {
        // snippet: serialization-other-keys
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(
                RetentionMetricsJson.CreateTypeInfoResolver<MyCustomerId>(), MyKeysContext.Default, RetentionMetricsJsonContext.Default),
        };
        var info = options.GetTypeInfo(typeof(CustomerSummaryAccumulator<MyCustomerId>));
        string json = JsonSerializer.Serialize(state, info);
        var back = (CustomerSummaryAccumulator<MyCustomerId>)JsonSerializer.Deserialize(json, info)!;
        // end-snippet
        return back;
    }

    // snippet: serialization-fan-out
    // Activity: one partition of the orders (one blob, one file, one day).
    public static string SummarisePartition(IEnumerable<Order> orders, CustomerSummaryOptions options)
    {
        var state = new CustomerSummaryAccumulator<string>(options);
        foreach (var order in orders)
        {
            state.Add(order.CustomerId, order.Time, order.Amount);
        }

        return RetentionMetricsJson.Serialize(state);
    }

    // Orchestrator: merge the partial states as they arrive, then read the summaries.
    public static CustomerSummaries<string> MergePartitions(IEnumerable<string> partialStates, CustomerSummaryOptions options)
    {
        var total = new CustomerSummaryAccumulator<string>(options);
        foreach (var json in partialStates)
        {
            total.Merge(RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>(json));
        }

        return total.ToSummaries();
    }
    // end-snippet
}
