using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Streaming;

/// <summary>Per-customer summaries from streams, sequences and in-memory batches of purchase records.</summary>
/// <remarks>
/// Every operator here <b>Aggregates</b>: it reads its input once, keeping state per customer, never per record.
/// The fastest path is in-memory batches (<see cref="ReadOnlyMemory{T}"/>), which run on all cores; a per-record
/// <see cref="IAsyncEnumerable{T}"/> pays for one <c>MoveNextAsync</c> per record, so stream batches where you can.
/// </remarks>
public static class CustomerSummaryExtensions
{
    private const int ParallelThreshold = 100_000;

    /// <summary>Whether large batches take the radix-partitioned path (the default) or the in-place scan; for comparisons.</summary>
    internal static bool RadixPartitioning { get; set; } = true;

    /// <summary>Summarises a stream of purchases timed by instants.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The purchase records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="options">Periods, zone, as-of date and refund policy; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CustomerSummaries<TKey>> ToCustomerSummariesAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CustomerSummaryOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        var accumulator = new CustomerSummaryAccumulator<TKey>(options);
        return SummariseAsync(records, accumulator, customer, new InstantTicks<T>(time, accumulator.Options.Zone), amount, progress, cancellationToken);
    }

    /// <summary>Summarises a stream of purchases dated by calendar day.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The purchase records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="options">Periods, zone, as-of date and refund policy; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CustomerSummaries<TKey>> ToCustomerSummariesAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date, Func<T, decimal> amount,
        CustomerSummaryOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(amount);
        var accumulator = new CustomerSummaryAccumulator<TKey>(options);
        return SummariseAsync(records, accumulator, customer, new DateTicks<T>(date), amount, progress, cancellationToken);
    }

    /// <summary>Summarises a stream of <see cref="Order"/> records.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="options">Periods, zone, as-of date and refund policy; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="orders"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">An order cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CustomerSummaries<string>> ToCustomerSummariesAsync(
        this IAsyncEnumerable<Order> orders, CustomerSummaryOptions? options = null,
        IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default) =>
        orders.ToCustomerSummariesAsync(o => o.CustomerId, o => o.Time, o => o.Amount, options, progress, cancellationToken);

    /// <summary>Summarises a stream of in-memory batches of purchases timed by instants: the fast streaming path.</summary>
    /// <remarks>
    /// <b>Aggregates</b>. Each batch is processed as a span, on all cores when it holds 100,000 records or more, so
    /// the per-record cost of an asynchronous enumerator is paid once per batch. Cancellation is checked and progress
    /// reported between batches.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="batches">The purchase records in batches, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="options">Periods, zone, as-of date and refund policy; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CustomerSummaries<TKey>> ToCustomerSummariesAsync<T, TKey>(
        this IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CustomerSummaryOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CustomerSummaryOptions.Default;
        options.Validate(nameof(options));
        return SummariseBatchesAsync(batches, customer, new InstantTicks<T>(time, options.Zone), amount, options, progress, cancellationToken);
    }

    /// <summary>Summarises a stream of in-memory batches of purchases dated by calendar day: the fast streaming path.</summary>
    /// <remarks>
    /// <b>Aggregates</b>. Each batch is processed as a span, on all cores when it holds 100,000 records or more.
    /// Cancellation is checked and progress reported between batches.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="batches">The purchase records in batches, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="options">Periods, zone, as-of date and refund policy; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CustomerSummaries<TKey>> ToCustomerSummariesAsync<T, TKey>(
        this IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, Func<T, LocalDate> date, Func<T, decimal> amount,
        CustomerSummaryOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CustomerSummaryOptions.Default;
        options.Validate(nameof(options));
        return SummariseBatchesAsync(batches, customer, new DateTicks<T>(date), amount, options, progress, cancellationToken);
    }

    /// <summary>Summarises purchases timed by instants, held in memory, on all cores.</summary>
    /// <remarks>
    /// <b>Aggregates</b>. From 100,000 records, radix-partitioned on all cores: each core copies the counted records
    /// of its range into buckets by customer hash, then each core adds the buckets of its own customers, one
    /// cache-sized part of its table at a time; workers never share state and nothing is merged, and the result
    /// equals a single pass. The copy (about 40 bytes a record plus the key) lives only during the call.
    /// Cancellation is checked every 65,536 records.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The purchase records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="options">Periods, zone, as-of date, refund policy and parallelism; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CustomerSummaries<TKey> ToCustomerSummaries<T, TKey>(
        this ReadOnlyMemory<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CustomerSummaryOptions? options = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CustomerSummaryOptions.Default;
        options.Validate(nameof(options));
        return Summarise(records, customer, new InstantTicks<T>(time, options.Zone), amount, options, cancellationToken);
    }

    /// <summary>Summarises purchases dated by calendar day, held in memory, on all cores.</summary>
    /// <remarks>
    /// <b>Aggregates</b>. From 100,000 records, radix-partitioned on all cores: each core copies the counted records
    /// of its range into buckets by customer hash, then each core adds the buckets of its own customers, one
    /// cache-sized part of its table at a time; workers never share state and nothing is merged, and the result
    /// equals a single pass. The copy (about 40 bytes a record plus the key) lives only during the call.
    /// Cancellation is checked every 65,536 records.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The purchase records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="options">Periods, zone, as-of date, refund policy and parallelism; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CustomerSummaries<TKey> ToCustomerSummaries<T, TKey>(
        this ReadOnlyMemory<T> records, Func<T, TKey> customer, Func<T, LocalDate> date, Func<T, decimal> amount,
        CustomerSummaryOptions? options = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CustomerSummaryOptions.Default;
        options.Validate(nameof(options));
        return Summarise(records, customer, new DateTicks<T>(date), amount, options, cancellationToken);
    }

    /// <summary>Summarises a sequence of purchases timed by instants; arrays and lists take the parallel path.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The purchase records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="options">Periods, zone, as-of date, refund policy and parallelism; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CustomerSummaries<TKey> ToCustomerSummaries<T, TKey>(
        this IEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CustomerSummaryOptions? options = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CustomerSummaryOptions.Default;
        options.Validate(nameof(options));
        return SummariseSequence(records, customer, new InstantTicks<T>(time, options.Zone), amount, options, cancellationToken);
    }

    /// <summary>Summarises a sequence of purchases dated by calendar day; arrays and lists take the parallel path.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The purchase records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="options">Periods, zone, as-of date, refund policy and parallelism; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CustomerSummaries<TKey> ToCustomerSummaries<T, TKey>(
        this IEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date, Func<T, decimal> amount,
        CustomerSummaryOptions? options = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= CustomerSummaryOptions.Default;
        options.Validate(nameof(options));
        return SummariseSequence(records, customer, new DateTicks<T>(date), amount, options, cancellationToken);
    }

    /// <summary>Summarises a sequence of <see cref="Order"/> records.</summary>
    /// <remarks><b>Aggregates</b>. Arrays and lists take the parallel path.</remarks>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="options">Periods, zone, as-of date, refund policy and parallelism; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The summary of every customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="orders"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">An order cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CustomerSummaries<string> ToCustomerSummaries(
        this IEnumerable<Order> orders, CustomerSummaryOptions? options = null, CancellationToken cancellationToken = default) =>
        orders.ToCustomerSummaries(o => o.CustomerId, o => o.Time, o => o.Amount, options, cancellationToken);

    private static async ValueTask<CustomerSummaries<TKey>> SummariseAsync<T, TKey, TTime>(
        IAsyncEnumerable<T> records, CustomerSummaryAccumulator<TKey> accumulator, Func<T, TKey> customer, TTime time,
        Func<T, decimal> amount, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var buffer = new T[1];
        var position = 0L;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            buffer[0] = record;
            accumulator.AddRange<T, TTime>(buffer, customer, time, amount, position);
            if (++position % StreamProgress.ReportInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
            }
        }

        progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
        return accumulator.ToSummaries();
    }

    private static async ValueTask<CustomerSummaries<TKey>> SummariseBatchesAsync<T, TKey, TTime>(
        IAsyncEnumerable<ReadOnlyMemory<T>> batches, Func<T, TKey> customer, TTime time, Func<T, decimal> amount,
        CustomerSummaryOptions options, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var parts = CreateParts<TKey>(options);
        var position = 0L;
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            AddBatch(parts, batch, customer, time, amount, position, cancellationToken);
            position += batch.Length;
            progress?.Report(new StreamProgress(position, parts.Sum(p => p.CustomerCount)));
        }

        return CustomerSummaryAccumulator<TKey>.Combine(parts, options);
    }

    private static CustomerSummaries<TKey> Summarise<T, TKey, TTime>(
        ReadOnlyMemory<T> records, Func<T, TKey> customer, TTime time, Func<T, decimal> amount,
        CustomerSummaryOptions options, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var parts = CreateParts<TKey>(options, records.Length);
        AddBatch(parts, records, customer, time, amount, 0, cancellationToken);
        return CustomerSummaryAccumulator<TKey>.Combine(parts, options);
    }

    private static CustomerSummaries<TKey> SummariseSequence<T, TKey, TTime>(
        IEnumerable<T> records, Func<T, TKey> customer, TTime time, Func<T, decimal> amount,
        CustomerSummaryOptions options, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        switch (records)
        {
            case T[] array:
                return Summarise<T, TKey, TTime>(array, customer, time, amount, options, cancellationToken);
            case List<T> list:
                return Summarise<T, TKey, TTime>(list.ToArray(), customer, time, amount, options, cancellationToken);
        }

        var accumulator = new CustomerSummaryAccumulator<TKey>(options);
        var buffer = new T[4096];
        var filled = 0;
        var position = 0L;
        foreach (var record in records)
        {
            buffer[filled++] = record;
            if (filled == buffer.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                accumulator.AddRange<T, TTime>(buffer, customer, time, amount, position);
                position += filled;
                filled = 0;
            }
        }

        accumulator.AddRange<T, TTime>(buffer.AsSpan(0, filled), customer, time, amount, position);
        return accumulator.ToSummaries();
    }

    private static CustomerSummaryAccumulator<TKey>[] CreateParts<TKey>(CustomerSummaryOptions options, int expectedRecords = 0)
        where TKey : notnull
    {
        var workers = Math.Max(1, options.Workers);
        var expectedCustomers = expectedRecords / 8 / workers;
        var parts = new CustomerSummaryAccumulator<TKey>[workers];
        for (var w = 0; w < workers; w++)
        {
            parts[w] = new CustomerSummaryAccumulator<TKey>(options, expectedCustomers);
        }

        return parts;
    }

    /// <summary>
    /// Adds a batch to the partition accumulators. Large batches take the partitioned path
    /// (<see cref="AddPartitioned"/>); small ones are added in place, one partition owner at a time.
    /// </summary>
    private static void AddBatch<T, TKey, TTime>(
        CustomerSummaryAccumulator<TKey>[] parts, ReadOnlyMemory<T> batch, Func<T, TKey> customer, TTime time,
        Func<T, decimal> amount, long firstPosition, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        if (batch.Length >= ParallelThreshold)
        {
            if (RadixPartitioning)
            {
                AddPartitioned(parts, batch, customer, time, amount, firstPosition, cancellationToken);
            }
            else
            {
                AddByScanning(parts, batch, customer, time, amount, firstPosition, cancellationToken);
            }

            return;
        }

        // Small batches: still hash-partitioned so customers stay disjoint across the accumulators.
        for (var w = 0; w < parts.Length; w++)
        {
            AddInSlices(parts[w], batch, customer, time, amount, firstPosition, w, parts.Length, cancellationToken);
        }
    }

    /// <summary>
    /// The path before radix partitioning, kept for comparison (benchmarks, tests): each worker reads the whole batch
    /// and adds the records of its own hash partition in place, one random table access per record.
    /// </summary>
    private static void AddByScanning<T, TKey, TTime>(
        CustomerSummaryAccumulator<TKey>[] parts, ReadOnlyMemory<T> batch, Func<T, TKey> customer, TTime time,
        Func<T, decimal> amount, long firstPosition, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var failures = new Exception?[parts.Length];
        RunOnCores(parts.Length, w => AddInSlices(parts[w], batch, customer, time, amount, firstPosition, w, parts.Length, cancellationToken), failures);
        ThrowFirst(failures);
    }

    /// <summary>
    /// Radix-partitioned aggregation, the way database engines beat random-access hash aggregation. Pass 1 (one
    /// contiguous range per core) reads each record once, checks it, and copies the counted ones into buckets by
    /// owner (the accumulator whose hash partition holds the customer) and by the top bits of the key's hash. Pass 2
    /// (one owner per core) adds its buckets in order: the top hash bits also pick the accumulator's table slots,
    /// and a customer's state is created while its bucket is being added, so each bucket touches one small
    /// contiguous part of the table that stays in cache instead of one random cache line per record.
    /// </summary>
    private static void AddPartitioned<T, TKey, TTime>(
        CustomerSummaryAccumulator<TKey>[] parts, ReadOnlyMemory<T> batch, Func<T, TKey> customer, TTime time,
        Func<T, decimal> amount, long firstPosition, CancellationToken cancellationToken, int? radixBits = null)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var owners = parts.Length;
        var ranges = owners;
        var bits = radixBits ?? RadixBits(batch.Length, owners);
        var buckets = 1 << bits;
        // The buckets of an earlier batch (about 45 bytes a record), reused: fresh memory costs a page fault a page.
        var scattered = PurchaseBuckets<TKey>.Spare.Take() is { } kept && kept.Length == ranges ? kept : new BucketArrays<PendingPurchase<TKey>>[ranges];
        var failures = new Exception?[ranges];
        var rangeLength = (batch.Length + ranges - 1) / ranges;
        RunOnCores(ranges, r =>
        {
            var start = Math.Min(batch.Length, r * rangeLength);
            var length = Math.Min(rangeLength, batch.Length - start);
            var output = scattered[r] ??= new BucketArrays<PendingPurchase<TKey>>(0, 0);
            output.Reset(owners * buckets, (length / (owners * buckets) * 9 / 8) + 64);
            var span = batch.Span.Slice(start, length);
            var admit = parts[r];
            for (var i = 0; i < span.Length; i++)
            {
                if ((i & (StreamProgress.ReportInterval - 1)) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var record = span[i];
                var position = firstPosition + start + i;
                var key = customer(record) ?? throw new RetentionDataException(CustomerErrorMessages.MissingCustomer, null, position);
                var ticks = time.Of(record);
                var value = amount(record);
                if (!admit.Admit(key, ticks, value, position))
                {
                    continue;
                }

                var hash = CustomerStates<TKey, byte>.Hash(key);
                var owner = owners == 1 ? 0 : CustomerStates<TKey, byte>.Partition(hash, owners);
                var bucket = bits == 0 ? 0 : (int)(hash >> (64 - bits));
                output.Add(owner * buckets + bucket, new PendingPurchase<TKey>(key, ticks, value, position));
            }
        }, failures);
        ThrowFirst(failures);

        RunOnCores(owners, o =>
        {
            var part = parts[o];
            for (var b = 0; b < buckets; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var ranged in scattered)
                {
                    foreach (ref readonly var purchase in ranged[o * buckets + b])
                    {
                        // The hash is computed again rather than stored: a smaller copy costs less than the hash.
                        part.Update(purchase.Key, CustomerStates<TKey, byte>.Hash(purchase.Key), purchase.Ticks, purchase.Amount, purchase.Position);
                    }
                }
            }
        }, failures);
        GiveBack(scattered);
        ThrowFirst(failures);
    }

    /// <summary>Empties the buckets (so they hold no keys) and keeps them for the next partitioned batch.</summary>
    private static void GiveBack<TKey>(BucketArrays<PendingPurchase<TKey>>[] scattered)
    {
        foreach (var buckets in scattered)
        {
            buckets?.Clear();
        }

        PurchaseBuckets<TKey>.Spare.Give(scattered);
    }

    /// <summary>The bucket buffers kept between partitioned batches of customers keyed by <typeparamref name="TKey"/>.</summary>
    private static class PurchaseBuckets<TKey>
    {
        public static readonly Spare<BucketArrays<PendingPurchase<TKey>>[]> Spare = new();
    }

    /// <summary>The radix-partitioned path on any input, with a chosen number of hash bits; for tests.</summary>
    internal static CustomerSummaries<TKey> SummarisePartitioned<T, TKey>(
        ReadOnlyMemory<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CustomerSummaryOptions options, int radixBits)
        where TKey : notnull
    {
        var parts = CreateParts<TKey>(options, records.Length);
        AddPartitioned(parts, records, customer, new InstantTicks<T>(time, options.Zone), amount, 0, CancellationToken.None, radixBits);
        return CustomerSummaryAccumulator<TKey>.Combine(parts, options);
    }

    /// <summary>
    /// Enough buckets that one bucket's customers (about 8 records each, as the capacity hint assumes; some 4,096
    /// states of about 100 bytes) fit in a core's cache, at most 128 so that pass 1 writes to few enough places at once.
    /// </summary>
    internal static int RadixBits(int records, int owners)
    {
        var customersPerOwner = records / 8 / Math.Max(1, owners);
        var bits = 0;
        while (bits < 7 && (customersPerOwner >> bits) > 4096)
        {
            bits++;
        }

        return bits;
    }

    /// <summary>Runs <paramref name="work"/> for 0 … <paramref name="count"/> − 1, in parallel when more than one, collecting data errors and cancellations.</summary>
    private static void RunOnCores(int count, Action<int> work, Exception?[] failures)
    {
        Array.Clear(failures);
        if (count == 1)
        {
            Run(0);
            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, Run);

        void Run(int i)
        {
            try
            {
                work(i);
            }
            catch (Exception e) when (e is RetentionDataException or OperationCanceledException)
            {
                failures[i] = e;
            }
        }
    }

    /// <summary>A counted record, copied out of the caller's type for the second pass.</summary>
    private readonly record struct PendingPurchase<TKey>(TKey Key, long Ticks, decimal Amount, long Position);

    private static void AddInSlices<T, TKey, TTime>(
        CustomerSummaryAccumulator<TKey> part, ReadOnlyMemory<T> batch, Func<T, TKey> customer, TTime time,
        Func<T, decimal> amount, long firstPosition, int partition, int partitions, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var span = batch.Span;
        for (var start = 0; start < span.Length; start += StreamProgress.ReportInterval)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slice = span.Slice(start, Math.Min(StreamProgress.ReportInterval, span.Length - start));
            part.AddRange(slice, customer, time, amount, firstPosition + start, partition, partitions);
        }
    }

    /// <summary>Rethrows the failure at the earliest record, so the error does not depend on thread timing.</summary>
    private static void ThrowFirst(Exception?[] failures)
    {
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
