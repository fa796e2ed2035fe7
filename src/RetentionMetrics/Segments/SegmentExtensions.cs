using RetentionMetrics.Streaming;

namespace RetentionMetrics.Segments;

/// <summary>Segments customers from a stream of events (and optional traits) in one pass.</summary>
public static class SegmentExtensions
{
    /// <summary>Reads the events once and assigns every customer seen (in events or traits) to the segments.</summary>
    /// <remarks>
    /// Aggregates: keeps per customer only the aggregates the rules need (see <see cref="SegmentAccumulator{TKey}"/>),
    /// never the events. Arguments are checked at the call; the events are read when the task is awaited.
    /// </remarks>
    /// <typeparam name="T">The event type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="events">The events, in any order.</param>
    /// <param name="segments">The segments.</param>
    /// <param name="selectors">How to read an event.</param>
    /// <param name="options">The as-of instant, zone and assignment mode.</param>
    /// <param name="traits">Trait values by customer and name, or null.</param>
    /// <param name="progress">Receives the records read every <see cref="StreamProgress.ReportInterval"/> events, or null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="RetentionDataException">An event or trait has a value the rules cannot use; the message names the customer and position.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public static ValueTask<SegmentAssignment<TKey>> ToSegmentAssignmentAsync<T, TKey>(
        this IAsyncEnumerable<T> events,
        SegmentSet segments,
        SegmentEventSelectors<T, TKey> selectors,
        SegmentOptions options,
        IReadOnlyDictionary<TKey, IReadOnlyDictionary<string, SegmentValue>>? traits = null,
        IProgress<StreamProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(selectors);
        ArgumentNullException.ThrowIfNull(selectors.Customer, nameof(selectors));
        ArgumentNullException.ThrowIfNull(selectors.EventName, nameof(selectors));
        ArgumentNullException.ThrowIfNull(selectors.Time, nameof(selectors));
        ArgumentNullException.ThrowIfNull(options);
        var accumulator = new SegmentAccumulator<TKey>(segments, options);
        return Run(events, accumulator, selectors, traits, progress, cancellationToken);

        static async ValueTask<SegmentAssignment<TKey>> Run(
            IAsyncEnumerable<T> events, SegmentAccumulator<TKey> accumulator, SegmentEventSelectors<T, TKey> selectors,
            IReadOnlyDictionary<TKey, IReadOnlyDictionary<string, SegmentValue>>? traits, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        {
            AddTraits(accumulator, traits);

            // The records are gathered into a batch and handed to the same core as the batched overloads.
            var batch = new T[BatchSize];
            var filled = 0;
            var position = 0L;
            await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch[filled++] = item;
                if (filled == batch.Length)
                {
                    accumulator.AddEvents(new ReadOnlySpan<T>(batch), selectors, position);
                    position += filled;
                    filled = 0;
                    cancellationToken.ThrowIfCancellationRequested();
                    if (position % StreamProgress.ReportInterval == 0)
                    {
                        progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
                    }
                }
            }

            accumulator.AddEvents(new ReadOnlySpan<T>(batch, 0, filled), selectors, position);
            position += filled;
            progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
            return accumulator.ToAssignment();
        }
    }

    /// <summary>Reads batches of events once and assigns every customer seen to the segments: the fast path for large inputs.</summary>
    /// <remarks>Aggregates: as the per-event overload, without a per-event await.</remarks>
    /// <typeparam name="T">The event type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="batches">The events, in batches, in any order.</param>
    /// <param name="segments">The segments.</param>
    /// <param name="selectors">How to read an event.</param>
    /// <param name="options">The as-of instant, zone and assignment mode.</param>
    /// <param name="traits">Trait values by customer and name, or null.</param>
    /// <param name="progress">Receives the records read after each batch, or null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="RetentionDataException">An event or trait has a value the rules cannot use.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public static ValueTask<SegmentAssignment<TKey>> ToSegmentAssignmentAsync<T, TKey>(
        this IAsyncEnumerable<ReadOnlyMemory<T>> batches,
        SegmentSet segments,
        SegmentEventSelectors<T, TKey> selectors,
        SegmentOptions options,
        IReadOnlyDictionary<TKey, IReadOnlyDictionary<string, SegmentValue>>? traits = null,
        IProgress<StreamProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(selectors);
        ArgumentNullException.ThrowIfNull(selectors.Customer, nameof(selectors));
        ArgumentNullException.ThrowIfNull(selectors.EventName, nameof(selectors));
        ArgumentNullException.ThrowIfNull(selectors.Time, nameof(selectors));
        ArgumentNullException.ThrowIfNull(options);
        var accumulator = new SegmentAccumulator<TKey>(segments, options);
        return Run(batches, accumulator, selectors, traits, progress, cancellationToken);

        static async ValueTask<SegmentAssignment<TKey>> Run(
            IAsyncEnumerable<ReadOnlyMemory<T>> batches, SegmentAccumulator<TKey> accumulator, SegmentEventSelectors<T, TKey> selectors,
            IReadOnlyDictionary<TKey, IReadOnlyDictionary<string, SegmentValue>>? traits, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        {
            AddTraits(accumulator, traits);
            var position = 0L;
            await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                accumulator.AddEvents(batch.Span, selectors, position);
                position += batch.Length;
                progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
            }

            return accumulator.ToAssignment();
        }
    }

    /// <summary>Assigns customers from events in memory, in one pass.</summary>
    /// <remarks>Aggregates: as the streaming overloads.</remarks>
    /// <typeparam name="T">The event type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="events">The events, in any order.</param>
    /// <param name="segments">The segments.</param>
    /// <param name="selectors">How to read an event.</param>
    /// <param name="options">The as-of instant, zone and assignment mode.</param>
    /// <param name="traits">Trait values by customer and name, or null.</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="RetentionDataException">An event or trait has a value the rules cannot use.</exception>
    public static SegmentAssignment<TKey> ToSegmentAssignment<T, TKey>(
        this ReadOnlySpan<T> events,
        SegmentSet segments,
        SegmentEventSelectors<T, TKey> selectors,
        SegmentOptions options,
        IReadOnlyDictionary<TKey, IReadOnlyDictionary<string, SegmentValue>>? traits = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(segments);
        SegmentAccumulator<TKey>.CheckSelectors(selectors);
        ArgumentNullException.ThrowIfNull(options);
        // A large span takes the partitioned path; its table is sized for about eight events a customer up front.
        var accumulator = new SegmentAccumulator<TKey>(segments, options, events.Length >= SegmentPartitioning.Threshold ? events.Length / 8 : 16);
        AddTraits(accumulator, traits);
        accumulator.AddEvents(events, selectors, 0);
        return accumulator.ToAssignment();
    }

    /// <summary>Assigns customers from a sequence of events, in one pass.</summary>
    /// <remarks>Aggregates: as the streaming overloads; the events are gathered into batches for the same core as the span overload.</remarks>
    /// <typeparam name="T">The event type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="events">The events, in any order.</param>
    /// <param name="segments">The segments.</param>
    /// <param name="selectors">How to read an event.</param>
    /// <param name="options">The as-of instant, zone and assignment mode.</param>
    /// <param name="traits">Trait values by customer and name, or null.</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="RetentionDataException">An event or trait has a value the rules cannot use; the message names the customer and position.</exception>
    public static SegmentAssignment<TKey> ToSegmentAssignment<T, TKey>(
        this IEnumerable<T> events,
        SegmentSet segments,
        SegmentEventSelectors<T, TKey> selectors,
        SegmentOptions options,
        IReadOnlyDictionary<TKey, IReadOnlyDictionary<string, SegmentValue>>? traits = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(segments);
        SegmentAccumulator<TKey>.CheckSelectors(selectors);
        ArgumentNullException.ThrowIfNull(options);
        var accumulator = new SegmentAccumulator<TKey>(segments, options);
        AddTraits(accumulator, traits);
        var batch = new T[BatchSize];
        var filled = 0;
        var position = 0L;
        foreach (var item in events)
        {
            batch[filled++] = item;
            if (filled == batch.Length)
            {
                accumulator.AddEvents(new ReadOnlySpan<T>(batch), selectors, position);
                position += filled;
                filled = 0;
            }
        }

        accumulator.AddEvents(new ReadOnlySpan<T>(batch, 0, filled), selectors, position);
        return accumulator.ToAssignment();
    }

    // Records per batch on the per-record path: large enough to amortise the call, small enough to stay in cache.
    private const int BatchSize = 1024;

    private static void AddTraits<TKey>(SegmentAccumulator<TKey> accumulator, IReadOnlyDictionary<TKey, IReadOnlyDictionary<string, SegmentValue>>? traits)
        where TKey : notnull
    {
        if (traits is null)
        {
            return;
        }

        foreach (var (customer, values) in traits)
        {
            accumulator.AddTraits(customer, values);
        }
    }
}
