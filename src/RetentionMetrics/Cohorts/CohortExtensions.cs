using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Cohorts;

/// <summary>Cohort tables from streams, sequences and in-memory batches of activity records.</summary>
/// <remarks>
/// Every operator here <b>Aggregates</b>: it reads its input once, keeping state per customer (acquisition, active
/// periods, revenue per active period), never per record. In-memory batches (<see cref="ReadOnlyMemory{T}"/>) run on
/// all cores; a per-record <see cref="IAsyncEnumerable{T}"/> pays one <c>MoveNextAsync</c> per record.
/// The optional <c>group</c> selector crosses cohorts with a dimension (channel, plan, …); the optional
/// <c>signup</c> selector supplies the acquisition date instead of the first record.
/// </remarks>
public static class CohortExtensions
{
    private const int ParallelThreshold = 100_000;
    private const int BufferSize = 1024;

    /// <summary>Builds a cohort table from a stream of records timed by instants.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's revenue; not called when revenue is not tracked.</param>
    /// <param name="options">Period, zone, as-of date, measure and columns; defaults when null.</param>
    /// <param name="group">Reads a record's group, to cross cohorts with a dimension; optional.</param>
    /// <param name="signup">Reads the customer's signup date, the acquisition date; optional.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CohortTable> ToCohortTableAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CohortOptions? options = null, Func<T, string?>? group = null, Func<T, LocalDate>? signup = null,
        IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        var accumulator = new CohortAccumulator<TKey>(options);
        return AccumulateAsync(records, accumulator, customer, new InstantTicks<T>(time, accumulator.Options.Zone), amount, group, signup, progress, cancellationToken);
    }

    /// <summary>Builds a cohort table from a stream of records dated by calendar day.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="amount">Reads a record's revenue; not called when revenue is not tracked.</param>
    /// <param name="options">Period, zone, as-of date, measure and columns; defaults when null.</param>
    /// <param name="group">Reads a record's group, to cross cohorts with a dimension; optional.</param>
    /// <param name="signup">Reads the customer's signup date, the acquisition date; optional.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CohortTable> ToCohortTableAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date, Func<T, decimal> amount,
        CohortOptions? options = null, Func<T, string?>? group = null, Func<T, LocalDate>? signup = null,
        IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(amount);
        var accumulator = new CohortAccumulator<TKey>(options);
        return AccumulateAsync(records, accumulator, customer, new DateTicks<T>(date), amount, group, signup, progress, cancellationToken);
    }

    /// <summary>Builds a cohort table from a stream of <see cref="Order"/> records.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="options">Period, zone, as-of date, measure and columns; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="orders"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">An order cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CohortTable> ToCohortTableAsync(
        this IAsyncEnumerable<Order> orders, CohortOptions? options = null,
        IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default) =>
        orders.ToCohortTableAsync(o => o.CustomerId, o => o.Time, o => o.Amount, options, progress: progress, cancellationToken: cancellationToken);

    /// <summary>Builds a cohort table from a stream of in-memory batches of records timed by instants: the fast streaming path.</summary>
    /// <remarks>
    /// <b>Aggregates</b>. Each batch is processed as a span, on all cores when it holds 100,000 records or more.
    /// Cancellation is checked and progress reported between batches.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="batches">The records in batches, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's revenue; not called when revenue is not tracked.</param>
    /// <param name="options">Period, zone, as-of date, measure, columns and parallelism; defaults when null.</param>
    /// <param name="group">Reads a record's group, to cross cohorts with a dimension; optional.</param>
    /// <param name="signup">Reads the customer's signup date, the acquisition date; optional.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CohortTable> ToCohortTableAsync<T, TKey>(
        this IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CohortOptions? options = null, Func<T, string?>? group = null, Func<T, LocalDate>? signup = null,
        IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CohortOptions.Default;
        options.Validate(nameof(options));
        return BatchesAsync(batches, customer, new InstantTicks<T>(time, options.Zone), amount, group, signup, options, progress, cancellationToken);
    }

    /// <summary>Builds a cohort table from a stream of in-memory batches of records dated by calendar day: the fast streaming path.</summary>
    /// <remarks>
    /// <b>Aggregates</b>. Each batch is processed as a span, on all cores when it holds 100,000 records or more.
    /// Cancellation is checked and progress reported between batches.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="batches">The records in batches, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="amount">Reads a record's revenue; not called when revenue is not tracked.</param>
    /// <param name="options">Period, zone, as-of date, measure, columns and parallelism; defaults when null.</param>
    /// <param name="group">Reads a record's group, to cross cohorts with a dimension; optional.</param>
    /// <param name="signup">Reads the customer's signup date, the acquisition date; optional.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CohortTable> ToCohortTableAsync<T, TKey>(
        this IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, Func<T, LocalDate> date, Func<T, decimal> amount,
        CohortOptions? options = null, Func<T, string?>? group = null, Func<T, LocalDate>? signup = null,
        IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CohortOptions.Default;
        options.Validate(nameof(options));
        return BatchesAsync(batches, customer, new DateTicks<T>(date), amount, group, signup, options, progress, cancellationToken);
    }

    /// <summary>Builds a cohort table from records timed by instants, held in memory, on all cores.</summary>
    /// <remarks>
    /// <b>Aggregates</b>. Each worker owns the customers of one hash partition and reads the whole span, so workers
    /// never share state; the result equals a single pass. Cancellation is checked every 65,536 records.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's revenue; not called when revenue is not tracked.</param>
    /// <param name="options">Period, zone, as-of date, measure, columns and parallelism; defaults when null.</param>
    /// <param name="group">Reads a record's group, to cross cohorts with a dimension; optional.</param>
    /// <param name="signup">Reads the customer's signup date, the acquisition date; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CohortTable ToCohortTable<T, TKey>(
        this ReadOnlyMemory<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CohortOptions? options = null, Func<T, string?>? group = null, Func<T, LocalDate>? signup = null,
        CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CohortOptions.Default;
        options.Validate(nameof(options));
        var parts = CreateParts<TKey>(options, records.Length);
        AddBatch(parts, records, customer, new InstantTicks<T>(time, options.Zone), amount, group, signup, 0, cancellationToken);
        return CohortAccumulator<TKey>.Combine(parts, options, options.Measure);
    }

    /// <summary>Builds a cohort table from records dated by calendar day, held in memory, on all cores.</summary>
    /// <remarks>
    /// <b>Aggregates</b>. Each worker owns the customers of one hash partition and reads the whole span, so workers
    /// never share state; the result equals a single pass. Cancellation is checked every 65,536 records.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="amount">Reads a record's revenue; not called when revenue is not tracked.</param>
    /// <param name="options">Period, zone, as-of date, measure, columns and parallelism; defaults when null.</param>
    /// <param name="group">Reads a record's group, to cross cohorts with a dimension; optional.</param>
    /// <param name="signup">Reads the customer's signup date, the acquisition date; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CohortTable ToCohortTable<T, TKey>(
        this ReadOnlyMemory<T> records, Func<T, TKey> customer, Func<T, LocalDate> date, Func<T, decimal> amount,
        CohortOptions? options = null, Func<T, string?>? group = null, Func<T, LocalDate>? signup = null,
        CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CohortOptions.Default;
        options.Validate(nameof(options));
        var parts = CreateParts<TKey>(options, records.Length);
        AddBatch(parts, records, customer, new DateTicks<T>(date), amount, group, signup, 0, cancellationToken);
        return CohortAccumulator<TKey>.Combine(parts, options, options.Measure);
    }

    /// <summary>Builds a cohort table from a sequence of records timed by instants.</summary>
    /// <remarks><b>Aggregates</b>. Arrays and lists take the in-memory parallel path; other sequences are read in blocks.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's revenue; not called when revenue is not tracked.</param>
    /// <param name="options">Period, zone, as-of date, measure and columns; defaults when null.</param>
    /// <param name="group">Reads a record's group, to cross cohorts with a dimension; optional.</param>
    /// <param name="signup">Reads the customer's signup date, the acquisition date; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CohortTable ToCohortTable<T, TKey>(
        this IEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CohortOptions? options = null, Func<T, string?>? group = null, Func<T, LocalDate>? signup = null,
        CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CohortOptions.Default;
        options.Validate(nameof(options));
        return Sequence(records, customer, new InstantTicks<T>(time, options.Zone), amount, group, signup, options, cancellationToken);
    }

    /// <summary>Builds a cohort table from a sequence of records dated by calendar day.</summary>
    /// <remarks><b>Aggregates</b>. Arrays and lists take the in-memory parallel path; other sequences are read in blocks.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="amount">Reads a record's revenue; not called when revenue is not tracked.</param>
    /// <param name="options">Period, zone, as-of date, measure and columns; defaults when null.</param>
    /// <param name="group">Reads a record's group, to cross cohorts with a dimension; optional.</param>
    /// <param name="signup">Reads the customer's signup date, the acquisition date; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A revenue measure was asked without revenue tracking.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CohortTable ToCohortTable<T, TKey>(
        this IEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date, Func<T, decimal> amount,
        CohortOptions? options = null, Func<T, string?>? group = null, Func<T, LocalDate>? signup = null,
        CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CohortOptions.Default;
        options.Validate(nameof(options));
        return Sequence(records, customer, new DateTicks<T>(date), amount, group, signup, options, cancellationToken);
    }

    private static async ValueTask<CohortTable> AccumulateAsync<T, TKey, TTime>(
        IAsyncEnumerable<T> records, CohortAccumulator<TKey> accumulator, Func<T, TKey> customer, TTime time,
        Func<T, decimal> amount, Func<T, string?>? group, Func<T, LocalDate>? signup,
        IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var buffer = new T[BufferSize];
        var filled = 0;
        var position = 0L;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            buffer[filled++] = record;
            if (filled == buffer.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                accumulator.AddRange<T, TTime>(buffer, customer, time, amount, group, signup, position);
                position += filled;
                filled = 0;
                if (position % StreamProgress.ReportInterval == 0)
                {
                    progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        accumulator.AddRange<T, TTime>(buffer.AsSpan(0, filled), customer, time, amount, group, signup, position);
        progress?.Report(new StreamProgress(position + filled, accumulator.CustomerCount));
        return accumulator.ToTable();
    }

    private static async ValueTask<CohortTable> BatchesAsync<T, TKey, TTime>(
        IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, TTime time, Func<T, decimal> amount,
        Func<T, string?>? group, Func<T, LocalDate>? signup, CohortOptions options,
        IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var parts = CreateParts<TKey>(options);
        var position = 0L;
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            AddBatch(parts, batch, customer, time, amount, group, signup, position, cancellationToken);
            position += batch.Length;
            progress?.Report(new StreamProgress(position, parts.Sum(p => p.CustomerCount)));
        }

        return CohortAccumulator<TKey>.Combine(parts, options, options.Measure);
    }

    private static CohortTable Sequence<T, TKey, TTime>(
        IEnumerable<T> records, Func<T, TKey> customer, TTime time, Func<T, decimal> amount,
        Func<T, string?>? group, Func<T, LocalDate>? signup, CohortOptions options, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        ReadOnlyMemory<T> memory;
        switch (records)
        {
            case T[] array:
                memory = array;
                break;
            case List<T> list:
                memory = list.ToArray();
                break;
            default:
                var accumulator = new CohortAccumulator<TKey>(options);
                var buffer = new T[StreamProgress.ReportInterval];
                var filled = 0;
                var position = 0L;
                foreach (var record in records)
                {
                    buffer[filled++] = record;
                    if (filled == buffer.Length)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        accumulator.AddRange<T, TTime>(buffer, customer, time, amount, group, signup, position);
                        position += filled;
                        filled = 0;
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
                accumulator.AddRange<T, TTime>(buffer.AsSpan(0, filled), customer, time, amount, group, signup, position);
                return accumulator.ToTable();
        }

        var parts = CreateParts<TKey>(options, memory.Length);
        AddBatch(parts, memory, customer, time, amount, group, signup, 0, cancellationToken);
        return CohortAccumulator<TKey>.Combine(parts, options, options.Measure);
    }

    /// <summary>
    /// One accumulator per hash partition. Large inputs get many partitions, so each partition's customer table and
    /// states stay small enough for the processor caches while a worker fills it.
    /// </summary>
    private static CohortAccumulator<TKey>[] CreateParts<TKey>(CohortOptions options, int expectedRecords = 0)
        where TKey : notnull
    {
        var workers = Math.Max(1, options.Workers);
        var perWorker = Math.Clamp(expectedRecords / RecordsPerPartition, 1, 64);
        var count = expectedRecords < ParallelThreshold ? workers : workers * perWorker;
        var parts = new CohortAccumulator<TKey>[count];
        for (var p = 0; p < count; p++)
        {
            parts[p] = new CohortAccumulator<TKey>(options, expectedRecords / 8 / count);
        }

        return parts;
    }

    private const int RecordsPerPartition = 200_000;

    /// <summary>
    /// Adds a batch to the partition accumulators, one window of at most <see cref="WindowSize"/> records at a time.
    /// A first pass reads each record once (sequentially, in parallel slices), keeps its key, local time and position
    /// as a small entry and counts the entries per key-hash partition; a second pass moves the entries into partition
    /// order (a counting sort); a third fills each partition from its own contiguous entries, in parallel, so a worker
    /// touches only one cache-sized partition's customers and never goes back to the records unless the options need
    /// a record's amount, group or signup date. Entries stay in input order within a partition, so the first error of
    /// each partition is its earliest, and the earliest over partitions is rethrown. Transient memory is bounded by
    /// the window, not the batch.
    /// </summary>
    private static void AddBatch<T, TKey, TTime>(
        CohortAccumulator<TKey>[] parts, ReadOnlyMemory<T> batch, Func<T, TKey> customer, TTime time,
        Func<T, decimal> amount, Func<T, string?>? group, Func<T, LocalDate>? signup, long firstPosition,
        CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        if (parts.Length == 1)
        {
            AddInSlices(parts[0], batch, customer, time, amount, group, signup, firstPosition, cancellationToken);
            return;
        }

        var window = Math.Min(batch.Length, WindowSize);
        var buffers = new PartitionBuffers<TKey>(window, parts.Length, batch.Length >= ParallelThreshold ? Environment.ProcessorCount : 1);
        for (var start = 0; start < batch.Length; start += WindowSize)
        {
            var length = Math.Min(WindowSize, batch.Length - start);
            AddWindow(parts, batch.Slice(start, length), buffers, customer, time, amount, group, signup, firstPosition + start, cancellationToken);
        }
    }

    /// <summary>The records of one pass of <see cref="AddBatch"/>: enough to keep the transient entries in the caches' reach.</summary>
    private const int WindowSize = 1 << 20;

    private static void AddWindow<T, TKey, TTime>(
        CohortAccumulator<TKey>[] parts, ReadOnlyMemory<T> batch, PartitionBuffers<TKey> buffers, Func<T, TKey> customer,
        TTime time, Func<T, decimal> amount, Func<T, string?>? group, Func<T, LocalDate>? signup, long firstPosition,
        CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var parallel = batch.Length >= ParallelThreshold && buffers.Slices > 1;
        var sliceCount = parallel ? buffers.Slices : 1;
        var sliceLength = (batch.Length + sliceCount - 1) / sliceCount;
        var partCount = parts.Length;
        var entries = buffers.Entries;
        var sorted = buffers.Sorted;
        var partOf = buffers.PartOf;
        var counts = buffers.Counts;
        Array.Clear(counts);
        void Read(int slice)
        {
            var span = batch.Span;
            var end = Math.Min(span.Length, (slice + 1) * sliceLength);
            var sliceCounts = counts.AsSpan(slice * partCount, partCount);
            for (var i = slice * sliceLength; i < end; i++)
            {
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                // A missing key goes to partition 0, which raises the positioned error when it is filled.
                var record = span[i];
                var key = customer(record);
                var p = key is null ? 0 : CustomerTable<TKey>.Partition(CustomerTable<TKey>.Hash(key), partCount);
                entries[i] = new CohortEntry<TKey>(key!, time.Of(record), i);
                partOf[i] = (ushort)p;
                sliceCounts[p]++;
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = sliceCount, CancellationToken = cancellationToken };
        if (parallel)
        {
            Parallel.For(0, sliceCount, options, Read);
        }
        else
        {
            Read(0);
        }

        var starts = buffers.Starts;
        var cursor = buffers.Cursor;
        var next = 0;
        for (var p = 0; p < partCount; p++)
        {
            starts[p] = next;
            for (var slice = 0; slice < sliceCount; slice++)
            {
                cursor[(slice * partCount) + p] = next;
                next += counts[(slice * partCount) + p];
            }
        }

        starts[partCount] = next;
        void Scatter(int slice)
        {
            var end = Math.Min(batch.Length, (slice + 1) * sliceLength);
            var sliceCursor = cursor.AsSpan(slice * partCount, partCount);
            for (var i = slice * sliceLength; i < end; i++)
            {
                sorted[sliceCursor[partOf[i]]++] = entries[i];
            }
        }

        if (parallel)
        {
            Parallel.For(0, sliceCount, options, Scatter);
        }
        else
        {
            Scatter(0);
        }

        var failures = new Exception?[partCount];
        void Fill(int p)
        {
            try
            {
                var part = sorted.AsSpan(starts[p], starts[p + 1] - starts[p]);
                for (var start = 0; start < part.Length; start += StreamProgress.ReportInterval)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var slice = part.Slice(start, Math.Min(StreamProgress.ReportInterval, part.Length - start));
                    parts[p].AddEntries(batch.Span, slice, amount, group, signup, firstPosition);
                }
            }
            catch (Exception e) when (e is RetentionDataException or OperationCanceledException)
            {
                failures[p] = e;
            }
        }

        if (parallel)
        {
            Parallel.For(0, partCount, new ParallelOptions { MaxDegreeOfParallelism = buffers.Slices }, Fill);
        }
        else
        {
            for (var p = 0; p < partCount; p++)
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

    /// <summary>The transient arrays of one window, reused from window to window.</summary>
    private sealed class PartitionBuffers<TKey>(int window, int partitions, int slices)
    {
        public int Slices { get; } = Math.Max(1, Math.Min(partitions, slices));

        public CohortEntry<TKey>[] Entries { get; } = new CohortEntry<TKey>[window];

        public CohortEntry<TKey>[] Sorted { get; } = new CohortEntry<TKey>[window];

        public ushort[] PartOf { get; } = new ushort[window];

        public int[] Counts { get; } = new int[Math.Max(1, Math.Min(partitions, slices)) * partitions];

        public int[] Cursor { get; } = new int[Math.Max(1, Math.Min(partitions, slices)) * partitions];

        public int[] Starts { get; } = new int[partitions + 1];
    }

    private static void AddInSlices<T, TKey, TTime>(
        CohortAccumulator<TKey> part, ReadOnlyMemory<T> batch, Func<T, TKey> customer, TTime time,
        Func<T, decimal> amount, Func<T, string?>? group, Func<T, LocalDate>? signup, long firstPosition,
        CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var span = batch.Span;
        for (var start = 0; start < span.Length; start += StreamProgress.ReportInterval)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slice = span.Slice(start, Math.Min(StreamProgress.ReportInterval, span.Length - start));
            part.AddRange(slice, customer, time, amount, group, signup, firstPosition + start);
        }
    }
}
