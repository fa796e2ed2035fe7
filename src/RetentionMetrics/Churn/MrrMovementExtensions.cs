using NodaTime;
using RetentionMetrics.Internal;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Churn;

/// <summary>Per-period MRR movements from streams and sequences of subscription changes.</summary>
/// <remarks>
/// Every operator here <b>Buffers</b> the changes (28 bytes each) until the end of the input, because a customer's
/// changes may arrive out of order; see <see cref="MrrMovementAccumulator{TKey}"/>.
/// </remarks>
public static class MrrMovementExtensions
{
    /// <summary>The MRR movements of a stream of subscription changes effective at instants.</summary>
    /// <remarks><b>Buffers</b> the changes, not the records. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="changes">Subscription changes, in any order.</param>
    /// <param name="customer">Reads a change's customer key.</param>
    /// <param name="effective">Reads when the change takes effect.</param>
    /// <param name="mrr">Reads the customer's MRR from then on (0 = cancelled).</param>
    /// <param name="options">Period, zone, mode and as-of date; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One row per period.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A change cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<MrrMovementTable> ToMrrMovementsAsync<T, TKey>(
        this IAsyncEnumerable<T> changes, Func<T, TKey> customer, Func<T, Instant> effective, Func<T, decimal> mrr,
        MrrMovementOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(effective);
        ArgumentNullException.ThrowIfNull(mrr);
        var accumulator = new MrrMovementAccumulator<TKey>(options);
        var zone = accumulator.Options.Zone;
        var isUtc = zone == DateTimeZone.Utc;
        return AccumulateAsync(changes, accumulator, customer, r => PeriodCalendar.LocalTicks(effective(r), zone, isUtc), mrr, progress, cancellationToken);
    }

    /// <summary>The MRR movements of a stream of subscription changes effective on calendar dates.</summary>
    /// <remarks><b>Buffers</b> the changes, not the records. Cancellation is checked and progress reported every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="changes">Subscription changes, in any order.</param>
    /// <param name="customer">Reads a change's customer key.</param>
    /// <param name="effective">Reads the day the change takes effect.</param>
    /// <param name="mrr">Reads the customer's MRR from then on (0 = cancelled).</param>
    /// <param name="options">Period, zone, mode and as-of date; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One row per period.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A change cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<MrrMovementTable> ToMrrMovementsAsync<T, TKey>(
        this IAsyncEnumerable<T> changes, Func<T, TKey> customer, Func<T, LocalDate> effective, Func<T, decimal> mrr,
        MrrMovementOptions? options = null, IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(effective);
        ArgumentNullException.ThrowIfNull(mrr);
        var accumulator = new MrrMovementAccumulator<TKey>(options);
        return AccumulateAsync(changes, accumulator, customer, r => PeriodCalendar.LocalTicks(effective(r)), mrr, progress, cancellationToken);
    }

    /// <summary>The MRR movements of a sequence of subscription changes effective on calendar dates.</summary>
    /// <remarks><b>Buffers</b> the changes, not the records. Cancellation is checked every 65,536 records.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="changes">Subscription changes, in any order.</param>
    /// <param name="customer">Reads a change's customer key.</param>
    /// <param name="effective">Reads the day the change takes effect.</param>
    /// <param name="mrr">Reads the customer's MRR from then on (0 = cancelled).</param>
    /// <param name="options">Period, zone, mode and as-of date; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One row per period.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A change cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static MrrMovementTable ToMrrMovements<T, TKey>(
        this IEnumerable<T> changes, Func<T, TKey> customer, Func<T, LocalDate> effective, Func<T, decimal> mrr,
        MrrMovementOptions? options = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(effective);
        ArgumentNullException.ThrowIfNull(mrr);
        var accumulator = new MrrMovementAccumulator<TKey>(options);
        var position = 0L;
        foreach (var change in changes)
        {
            if ((position & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var key = customer(change) ?? throw new RetentionDataException(ChurnErrorMessages.MissingCustomer, null, position);
            accumulator.AddTicks(key, PeriodCalendar.LocalTicks(effective(change)), mrr(change), position);
            position++;
        }

        return accumulator.ToTable();
    }

    private static async ValueTask<MrrMovementTable> AccumulateAsync<T, TKey>(
        IAsyncEnumerable<T> changes, MrrMovementAccumulator<TKey> accumulator, Func<T, TKey> customer, Func<T, long> ticks, Func<T, decimal> mrr,
        IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var position = 0L;
        await foreach (var change in changes.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var key = customer(change) ?? throw new RetentionDataException(ChurnErrorMessages.MissingCustomer, null, position);
            accumulator.AddTicks(key, ticks(change), mrr(change), position);
            if ((++position & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
            }
        }

        progress?.Report(new StreamProgress(position, accumulator.CustomerCount));
        return accumulator.ToTable();
    }
}
