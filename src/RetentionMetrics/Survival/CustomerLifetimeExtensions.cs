using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Survival;

/// <summary>Customer lifetimes (survival observations) from streams of purchase records.</summary>
/// <remarks>Every operator here <b>Aggregates</b>: it reads its input once, keeping a few numbers per customer.</remarks>
public static class CustomerLifetimeExtensions
{
    /// <summary>Reads a stream of records timed by instants into one lifetime per customer, grouped.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked every 65,536 records.</remarks>
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
    public static ValueTask<IReadOnlyList<SurvivalGroup>> ToCustomerLifetimesAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        var accumulator = new CustomerLifetimeAccumulator<TKey>(options);
        return AccumulateAsync(records, accumulator, customer, new InstantTicks<T>(time, accumulator.Options.Zone), group, cancellationToken);
    }

    /// <summary>Reads a stream of records dated by calendar day into one lifetime per customer, grouped.</summary>
    /// <remarks><b>Aggregates</b>. Cancellation is checked every 65,536 records.</remarks>
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
    public static ValueTask<IReadOnlyList<SurvivalGroup>> ToCustomerLifetimesAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, LocalDate> date,
        CustomerLifetimeOptions? options = null, Func<T, string?>? group = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(date);
        var accumulator = new CustomerLifetimeAccumulator<TKey>(options);
        return AccumulateAsync(records, accumulator, customer, new DateTicks<T>(date), group, cancellationToken);
    }

    private static async ValueTask<IReadOnlyList<SurvivalGroup>> AccumulateAsync<T, TKey, TTime>(
        IAsyncEnumerable<T> records, CustomerLifetimeAccumulator<TKey> accumulator, Func<T, TKey> customer, TTime time,
        Func<T, string?>? group, CancellationToken cancellationToken)
        where TKey : notnull
        where TTime : struct, ILocalTicks<T>
    {
        var position = 0L;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var key = customer(record) ?? throw new RetentionDataException(CustomerErrorMessages.MissingCustomer, null, position);
            accumulator.Add(key, time.Of(record), group?.Invoke(record), position);
            if (++position % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return accumulator.ToGroups();
    }
}
