using NodaTime;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Segments;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Functions;

/// <summary>
/// Fan-out and fan-in: each activity reads one partition (one blob, one day, one shard) into a partial state, and
/// the orchestrator merges the partial states into one result equal to a single pass over all partitions.
/// </summary>
/// <remarks>
/// The partial states are the library's accumulators: <see cref="Merge(IEnumerable{CohortAccumulator{string}})"/>
/// is associative and commutative, so partitions may finish in any order and be merged as they arrive.
/// </remarks>
public static class FanOut
{
    // snippet: functions-fan-out
    /// <summary>Activity: reads one partition of orders into a partial cohort state.</summary>
    /// <param name="orders">The partition's orders.</param>
    /// <param name="asOf">The last day observed; the same for every partition.</param>
    /// <param name="cancellationToken">The host's cancellation token.</param>
    /// <returns>The partition's partial state.</returns>
    public static async ValueTask<CohortAccumulator<string>> CohortPartitionAsync(
        IAsyncEnumerable<Order> orders, LocalDate asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var state = new CohortAccumulator<string>(RetentionCalculations.CohortOptionsFor(asOf));
        await foreach (var order in orders.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            state.Add(order.CustomerId, order.Time, order.Amount);
        }

        return state;
    }

    /// <summary>Orchestrator: merges the partitions' partial cohort states into the table.</summary>
    /// <param name="partials">The partial states, in any order; at least one.</param>
    /// <returns>The cohort table of all partitions.</returns>
    public static CohortTable Merge(IEnumerable<CohortAccumulator<string>> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        CohortAccumulator<string>? total = null;
        foreach (var partial in partials)
        {
            if (total is null)
            {
                total = partial;
            }
            else
            {
                total.Merge(partial);
            }
        }

        return total?.ToTable() ?? throw new ArgumentException("Expected at least one partial state.", nameof(partials));
    }

    /// <summary>
    /// Fan-out inside one invocation: opens every partition (a blob each), reads them concurrently into partial
    /// states and merges them.
    /// </summary>
    /// <param name="partitions">Opens each partition's CSV text; called once per partition.</param>
    /// <param name="asOf">The last day observed.</param>
    /// <param name="cancellationToken">The host's cancellation token; stops every read.</param>
    /// <returns>The cohort table of all partitions.</returns>
    public static async Task<CohortTable> CohortsOfPartitionsAsync(
        IEnumerable<Func<CancellationToken, Task<Stream>>> partitions, LocalDate asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var partials = await Task.WhenAll(partitions.Select(async open =>
        {
            await using var blob = await open(cancellationToken).ConfigureAwait(false);
            return await CohortPartitionAsync(OrderCsv.ReadAsync(blob, cancellationToken), asOf, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
        return Merge(partials);
    }
    // end-snippet

    // snippet: functions-durable-fan-out
    /// <summary>Durable activity: reads one partition and returns its partial cohort state as JSON.</summary>
    /// <param name="orders">The partition's orders.</param>
    /// <param name="asOf">The last day observed; the same for every partition.</param>
    /// <param name="cancellationToken">The host's cancellation token.</param>
    /// <returns>The partial state, a versioned JSON document.</returns>
    public static async Task<string> CohortPartitionJsonAsync(IAsyncEnumerable<Order> orders, LocalDate asOf, CancellationToken cancellationToken) =>
        RetentionMetricsJson.Serialize(await CohortPartitionAsync(orders, asOf, cancellationToken).ConfigureAwait(false));

    /// <summary>Durable orchestrator: restores the activities' partial states and merges them into the table.</summary>
    /// <param name="partialStates">The activities' JSON results, in any order; at least one.</param>
    /// <returns>The cohort table of all partitions.</returns>
    /// <exception cref="System.Text.Json.JsonException">A document is not a cohort state; the message names the JSON path.</exception>
    public static CohortTable MergeJson(IEnumerable<string> partialStates)
    {
        ArgumentNullException.ThrowIfNull(partialStates);
        return Merge(partialStates.Select(RetentionMetricsJson.Deserialize<CohortAccumulator<string>>));
    }
    // end-snippet

    // snippet: functions-durable-audiences
    /// <summary>Activity: reads one partition of orders into a partial audience state.</summary>
    /// <param name="orders">The partition's orders.</param>
    /// <param name="asOf">The as-of date; the same for every partition.</param>
    /// <param name="cancellationToken">The host's cancellation token.</param>
    /// <returns>The partition's partial state.</returns>
    public static async ValueTask<SegmentAccumulator<string>> AudiencePartitionAsync(
        IAsyncEnumerable<Order> orders, LocalDate asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var state = new SegmentAccumulator<string>(RetentionCalculations.Audiences, SegmentOptions.ForDate(asOf));
        await foreach (var order in orders.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            state.AddEvent(order.CustomerId, "order", order.Time, order, RetentionCalculations.OrderEvents.Property!);
        }

        return state;
    }

    /// <summary>Orchestrator: merges the partitions' partial audience states and counts each audience.</summary>
    /// <param name="partials">The partial states, in any order; at least one.</param>
    /// <returns>The size of each audience, by name, in rule order.</returns>
    public static IReadOnlyDictionary<string, int> Merge(IEnumerable<SegmentAccumulator<string>> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        SegmentAccumulator<string>? total = null;
        foreach (var partial in partials)
        {
            if (total is null)
            {
                total = partial;
            }
            else
            {
                total.Merge(partial);
            }
        }

        var assignment = total?.ToAssignment() ?? throw new ArgumentException("Expected at least one partial state.", nameof(partials));
        return assignment.Segments.ToDictionary(s => s.Name, s => assignment.SizeOf(s.Name));
    }

    /// <summary>Durable activity: reads one partition and returns its partial audience state as JSON.</summary>
    /// <param name="orders">The partition's orders.</param>
    /// <param name="asOf">The as-of date; the same for every partition.</param>
    /// <param name="cancellationToken">The host's cancellation token.</param>
    /// <returns>The partial state (the rules, the options and each customer's aggregates), a versioned JSON document.</returns>
    public static async Task<string> AudiencePartitionJsonAsync(IAsyncEnumerable<Order> orders, LocalDate asOf, CancellationToken cancellationToken) =>
        RetentionMetricsJson.Serialize(await AudiencePartitionAsync(orders, asOf, cancellationToken).ConfigureAwait(false));

    /// <summary>Durable orchestrator: restores the activities' partial audience states, merges them and counts each audience.</summary>
    /// <param name="partialStates">The activities' JSON results, in any order; at least one.</param>
    /// <returns>The size of each audience, by name, in rule order.</returns>
    /// <exception cref="System.Text.Json.JsonException">A document is not a segment state; the message names the JSON path.</exception>
    public static IReadOnlyDictionary<string, int> MergeAudiencesJson(IEnumerable<string> partialStates)
    {
        ArgumentNullException.ThrowIfNull(partialStates);
        return Merge(partialStates.Select(RetentionMetricsJson.Deserialize<SegmentAccumulator<string>>));
    }
    // end-snippet
}
