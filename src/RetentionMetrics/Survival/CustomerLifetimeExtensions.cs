using System.Runtime.CompilerServices;
using NodaTime;
using RetentionMetrics.Internal;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Survival;

/// <summary>Customer lifetimes (survival observations) from streams, batches and in-memory collections of records.</summary>
/// <remarks>
/// Every operator here <b>Aggregates</b>: it reads its input once, keeping a few numbers per customer. All of them
/// feed one batched core (<see cref="CustomerLifetimeAccumulator{TKey}"/>), so they give the same observations: the
/// per-record stream is read into blocks of 65,536 records, batches are processed as spans, and in-memory collections
/// are split by customer-key hash over all cores, each core keeping its own customers.
/// </remarks>
public static class CustomerLifetimeExtensions
{
    private const int ParallelThreshold = 100_000;

    /// <summary>Reads a stream of records timed by instants into one lifetime per customer, grouped.</summary>
    /// <remarks><b>Aggregates</b>. Records are read into blocks of 65,536 and added a block at a time; cancellation is checked and progress reported after every block.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <param name="group">Reads a record's group; optional.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The groups of lifetime observations, in days.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<IReadOnlyList<SurvivalGroup>> ToCustomerLifetimesAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        options ??= CustomerLifetimeOptions.Default;
        options.Validate(nameof(options));
        return StreamAsync(records, customer, new InstantTicks<T>(time, options.Zone), options, group, progress, cancellationToken);
    }

    /// <summary>Reads a stream of records dated by calendar day into one lifetime per customer, grouped.</summary>
    /// <remarks><b>Aggregates</b>. Records are read into blocks of 65,536 and added a block at a time; cancellation is checked and progress reported after every block.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <param name="group">Reads a record's group; optional.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The groups of lifetime observations, in days.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<IReadOnlyList<SurvivalGroup>> ToCustomerLifetimesAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        options ??= CustomerLifetimeOptions.Default;
        options.Validate(nameof(options));
        return StreamAsync(records, customer, new DateTicks<T>(date), options, group, progress, cancellationToken);
    }

    /// <summary>Reads a stream of in-memory batches of records timed by instants into one lifetime per customer, grouped: the fast streaming path.</summary>
    /// <remarks><b>Aggregates</b>. Each batch is processed as a span, on all cores when it holds 100,000 records or more. Cancellation is checked and progress reported between batches.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="batches">The records in batches, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <param name="group">Reads a record's group; optional.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The groups of lifetime observations, in days.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<IReadOnlyList<SurvivalGroup>> ToCustomerLifetimesAsync<T, TKey>(
        this IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, Func<T, Instant> time,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        options ??= CustomerLifetimeOptions.Default;
        options.Validate(nameof(options));
        return BatchesAsync(batches, customer, new InstantTicks<T>(time, options.Zone), options, group, progress, cancellationToken);
    }

    /// <summary>Reads a stream of in-memory batches of records dated by calendar day into one lifetime per customer, grouped: the fast streaming path.</summary>
    /// <remarks><b>Aggregates</b>. Each batch is processed as a span, on all cores when it holds 100,000 records or more. Cancellation is checked and progress reported between batches.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="batches">The records in batches, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <param name="group">Reads a record's group; optional.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The groups of lifetime observations, in days.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<IReadOnlyList<SurvivalGroup>> ToCustomerLifetimesAsync<T, TKey>(
        this IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, Func<T, LocalDate> date,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        options ??= CustomerLifetimeOptions.Default;
        options.Validate(nameof(options));
        return BatchesAsync(batches, customer, new DateTicks<T>(date), options, group, progress, cancellationToken);
    }

    /// <summary>Builds one lifetime per customer, grouped, from records timed by instants held in memory, on all cores.</summary>
    /// <remarks><b>Aggregates</b>. From 100,000 records on, each core owns the customers of one key-hash partition and reads the whole span, so cores never share state; the observations equal a single pass. Cancellation is checked every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <param name="group">Reads a record's group; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The groups of lifetime observations, in days.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static IReadOnlyList<SurvivalGroup> ToCustomerLifetimes<T, TKey>(
        this ReadOnlyMemory<T> records, Func<T, TKey> customer, Func<T, Instant> time,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        options ??= CustomerLifetimeOptions.Default;
        options.Validate(nameof(options));
        return InMemory(records, customer, new InstantTicks<T>(time, options.Zone), options, group, cancellationToken);
    }

    /// <summary>Builds one lifetime per customer, grouped, from records dated by calendar day held in memory, on all cores.</summary>
    /// <remarks><b>Aggregates</b>. From 100,000 records on, each core owns the customers of one key-hash partition and reads the whole span, so cores never share state; the observations equal a single pass. Cancellation is checked every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <param name="group">Reads a record's group; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The groups of lifetime observations, in days.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static IReadOnlyList<SurvivalGroup> ToCustomerLifetimes<T, TKey>(
        this ReadOnlyMemory<T> records, Func<T, TKey> customer, Func<T, LocalDate> date,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        options ??= CustomerLifetimeOptions.Default;
        options.Validate(nameof(options));
        return InMemory(records, customer, new DateTicks<T>(date), options, group, cancellationToken);
    }

    /// <summary>Builds one lifetime per customer, grouped, from a sequence of records timed by instants.</summary>
    /// <remarks><b>Aggregates</b>. Arrays and lists take the in-memory path on all cores; other sequences are read in blocks of 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <param name="group">Reads a record's group; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The groups of lifetime observations, in days.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static IReadOnlyList<SurvivalGroup> ToCustomerLifetimes<T, TKey>(
        this IEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        options ??= CustomerLifetimeOptions.Default;
        options.Validate(nameof(options));
        return Sequence(records, customer, new InstantTicks<T>(time, options.Zone), options, group, cancellationToken);
    }

    /// <summary>Builds one lifetime per customer, grouped, from a sequence of records dated by calendar day.</summary>
    /// <remarks><b>Aggregates</b>. Arrays and lists take the in-memory path on all cores; other sequences are read in blocks of 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="options">The inactivity gap, zone and as-of date; defaults when null.</param>
    /// <param name="group">Reads a record's group; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The groups of lifetime observations, in days.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static IReadOnlyList<SurvivalGroup> ToCustomerLifetimes<T, TKey>(
        this IEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        options ??= CustomerLifetimeOptions.Default;
        options.Validate(nameof(options));
        return Sequence(records, customer, new DateTicks<T>(date), options, group, cancellationToken);
    }

    private static async ValueTask<IReadOnlyList<SurvivalGroup>> StreamAsync<T, TKey, TTime>(
        IAsyncEnumerable<T> records, Func<T, TKey> customer, TTime time, CustomerLifetimeOptions options,
        Func<T, string?>? group, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var accumulator = new CustomerLifetimeAccumulator<TKey>(options);
        var buffer = new T[StreamProgress.ReportInterval];
        var filled = 0;
        var position = 0L;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            buffer[filled++] = record;
            if (filled == buffer.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                accumulator.AddRange<T, TTime>(buffer, customer, time, group, position);
                position += filled;
                filled = 0;
                progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        accumulator.AddRange<T, TTime>(buffer.AsSpan(0, filled), customer, time, group, position);
        progress?.Report(new StreamProgress(position + filled, accumulator.CustomerCount));
        return accumulator.ToGroups();
    }

    private static async ValueTask<IReadOnlyList<SurvivalGroup>> BatchesAsync<T, TKey, TTime>(
        IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, TTime time, CustomerLifetimeOptions options,
        Func<T, string?>? group, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var parts = CreateParts<TKey>(options);
        var position = 0L;
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            AddBatch(parts, batch, customer, time, group, position, cancellationToken);
            position += batch.Length;
            progress?.Report(new StreamProgress(position, parts.Sum(p => p.CustomerCount)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return CustomerLifetimeAccumulator<TKey>.ToGroups(parts);
    }

    private static IReadOnlyList<SurvivalGroup> InMemory<T, TKey, TTime>(
        ReadOnlyMemory<T> records, Func<T, TKey> customer, TTime time, CustomerLifetimeOptions options,
        Func<T, string?>? group, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var parts = CreateParts<TKey>(options);
        AddBatch(parts, records, customer, time, group, 0, cancellationToken);
        return CustomerLifetimeAccumulator<TKey>.ToGroups(parts);
    }

    private static IReadOnlyList<SurvivalGroup> Sequence<T, TKey, TTime>(
        IEnumerable<T> records, Func<T, TKey> customer, TTime time, CustomerLifetimeOptions options,
        Func<T, string?>? group, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        switch (records)
        {
            case T[] array:
                return InMemory<T, TKey, TTime>(array, customer, time, options, group, cancellationToken);
            case List<T> list:
                return InMemory<T, TKey, TTime>(list.ToArray(), customer, time, options, group, cancellationToken);
        }

        var accumulator = new CustomerLifetimeAccumulator<TKey>(options);
        var buffer = new T[StreamProgress.ReportInterval];
        var filled = 0;
        var position = 0L;
        foreach (var record in records)
        {
            buffer[filled++] = record;
            if (filled == buffer.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                accumulator.AddRange<T, TTime>(buffer, customer, time, group, position);
                position += filled;
                filled = 0;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        accumulator.AddRange<T, TTime>(buffer.AsSpan(0, filled), customer, time, group, position);
        return accumulator.ToGroups();
    }

    /// <summary>One accumulator per worker; each owns the customers of one key-hash partition.</summary>
    private static CustomerLifetimeAccumulator<TKey>[] CreateParts<TKey>(CustomerLifetimeOptions options)
        where TKey : notnull
    {
        var parts = new CustomerLifetimeAccumulator<TKey>[Math.Max(1, Environment.ProcessorCount)];
        for (var p = 0; p < parts.Length; p++)
        {
            parts[p] = new CustomerLifetimeAccumulator<TKey>(options);
        }

        return parts;
    }

    /// <summary>
    /// Adds a batch, every record to the accumulator of its key's partition. Large batches run one worker per partition
    /// over the whole span; the earliest error of any worker is rethrown, as a single pass would have met it first.
    /// </summary>
    private static void AddBatch<T, TKey, TTime>(
        CustomerLifetimeAccumulator<TKey>[] parts, ReadOnlyMemory<T> batch, Func<T, TKey> customer, TTime time,
        Func<T, string?>? group, long firstPosition, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var failures = new Exception?[parts.Length];
        void Fill(int p)
        {
            try
            {
                var span = batch.Span;
                for (var start = 0; start < span.Length; start += StreamProgress.ReportInterval)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var slice = span.Slice(start, Math.Min(StreamProgress.ReportInterval, span.Length - start));
                    parts[p].AddRange(slice, customer, time, group, firstPosition + start, p, parts.Length);
                }
            }
            catch (Exception e) when (e is RetentionDataException or OperationCanceledException)
            {
                failures[p] = e;
            }
        }

        if (batch.Length >= ParallelThreshold && parts.Length > 1)
        {
            Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = parts.Length }, Fill);
        }
        else
        {
            for (var p = 0; p < parts.Length; p++)
            {
                Fill(p);
            }
        }

        var first = failures
            .OfType<Exception>()
            .OrderBy(e => e is RetentionDataException data ? data.Position ?? long.MaxValue : long.MaxValue)
            .FirstOrDefault();
        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }
}
