using System.Runtime.CompilerServices;
using NodaTime;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Churn;

/// <summary>Per-period customer churn and retention from streams and sequences of purchase or activity records.</summary>
/// <remarks>
/// Every operator here <b>Aggregates</b>: it reads its input once, keeping a small state per customer (first day,
/// record count and a bitmap of active periods), never per record.
/// </remarks>
public static class CustomerChurnExtensions
{
    /// <summary>The churn table of a stream of records timed by instants.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">Purchase or activity records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="options">Period, zone, inactivity window and as-of date; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One row per period.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CustomerChurnTable> ToCustomerChurnAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time,
        CustomerChurnOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        var accumulator = new CustomerChurnAccumulator<TKey>(options);
        var zone = accumulator.Options.Zone;
        return AccumulateAsync(records, accumulator, customer, r => ChurnCalendar.DayOf(time(r), zone), progress, cancellationToken);
    }

    /// <summary>The churn table of a stream of records dated by calendar day.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">Purchase or activity records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="options">Period, zone, inactivity window and as-of date; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One row per period.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CustomerChurnTable> ToCustomerChurnAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date,
        CustomerChurnOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        var accumulator = new CustomerChurnAccumulator<TKey>(options);
        return AccumulateAsync(records, accumulator, customer, r => ChurnCalendar.DayOf(date(r)), progress, cancellationToken);
    }

    /// <summary>The churn table of a sequence of records timed by instants.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">Purchase or activity records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="options">Period, zone, inactivity window and as-of date; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One row per period.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CustomerChurnTable ToCustomerChurn<T, TKey>(
        this IEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time,
        CustomerChurnOptions? options = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        var accumulator = new CustomerChurnAccumulator<TKey>(options);
        var zone = accumulator.Options.Zone;
        var position = 0L;
        foreach (var record in records)
        {
            if ((position & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            accumulator.AddDay(Key(customer, record, position), ChurnCalendar.DayOf(time(record), zone), position);
            position++;
        }

        return accumulator.ToTable();
    }

    /// <summary>The churn table of a sequence of records dated by calendar day.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">Purchase or activity records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="date">Reads a record's date.</param>
    /// <param name="options">Period, zone, inactivity window and as-of date; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One row per period.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static CustomerChurnTable ToCustomerChurn<T, TKey>(
        this IEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date,
        CustomerChurnOptions? options = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        var accumulator = new CustomerChurnAccumulator<TKey>(options);
        var position = 0L;
        foreach (var record in records)
        {
            if ((position & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            accumulator.AddDay(Key(customer, record, position), ChurnCalendar.DayOf(date(record)), position);
            position++;
        }

        return accumulator.ToTable();
    }

    /// <summary>The churn table of each segment of a stream of records timed by instants.</summary>
    /// <remarks>
    /// <b>Aggregates</b>, per segment. A record counts toward the segment <paramref name="segment"/> gives it; a customer
    /// whose records carry different segments is counted in each. Every table spans the same periods (those of the
    /// whole stream), so tables line up. Segments come in the order they were first seen.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <typeparam name="TSegment">The segment type (plan, region, acquisition channel, …).</typeparam>
    /// <param name="records">Purchase or activity records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="segment">Reads a record's segment.</param>
    /// <param name="options">Period, zone, inactivity window and as-of date; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One table per segment.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<IReadOnlyList<KeyValuePair<TSegment, CustomerChurnTable>>> ToCustomerChurnBySegmentAsync<T, TKey, TSegment>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, TSegment> segment,
        CustomerChurnOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
        where TSegment : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(segment);
        options ??= CustomerChurnOptions.Default;
        options.Validate(nameof(options));
        return BySegmentAsync(records, customer, time, segment, options, progress, cancellationToken);
    }

    private static async ValueTask<IReadOnlyList<KeyValuePair<TSegment, CustomerChurnTable>>> BySegmentAsync<T, TKey, TSegment>(
        IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, TSegment> segment,
        CustomerChurnOptions options, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
        where TSegment : notnull
    {
        var parts = new Dictionary<TSegment, CustomerChurnAccumulator<TKey>>();
        var order = new List<TSegment>();
        var all = new CustomerChurnAccumulator<TKey>(options);
        var position = 0L;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var key = Key(customer, record, position);
            var day = ChurnCalendar.DayOf(time(record), options.Zone);
            all.AddDay(key, day, position);
            var name = segment(record) ?? throw new RetentionDataException(ChurnErrorMessages.MissingGroup, CustomerChurnAccumulator<TKey>.Describe(key), position);
            if (!parts.TryGetValue(name, out var part))
            {
                part = new CustomerChurnAccumulator<TKey>(options);
                parts.Add(name, part);
                order.Add(name);
            }

            part.AddDay(key, day, position);
            if ((++position & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new StreamProgress(position, all.CustomerCount));
            }
        }

        progress?.Report(new StreamProgress(position, all.CustomerCount));
        var (first, last) = all.Range();
        return order.Select(s => new KeyValuePair<TSegment, CustomerChurnTable>(s, parts[s].ToTable(first, last, null))).ToList();
    }

    private static async ValueTask<CustomerChurnTable> AccumulateAsync<T, TKey>(
        IAsyncEnumerable<T> records, CustomerChurnAccumulator<TKey> accumulator, Func<T, TKey> customer, Func<T, int> day,
        IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var position = 0L;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.AddDay(Key(customer, record, position), day(record), position);
            if ((++position & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
            }
        }

        progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
        return accumulator.ToTable();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TKey Key<T, TKey>(Func<T, TKey> customer, T record, long position) =>
        customer(record) ?? throw new RetentionDataException(ChurnErrorMessages.MissingCustomer, null, position);
}
