using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Rfm;

/// <summary>RFM tables from customer summaries and straight from streams of purchases.</summary>
public static class RfmExtensions
{
    /// <summary>Scores every customer of <paramref name="summaries"/>; the same as <see cref="RfmModel.Score{TKey}"/>.</summary>
    /// <remarks><b>Aggregates</b> over the summaries.</remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="summaries">The customer summaries.</param>
    /// <param name="options">The scoring options; defaults when null.</param>
    /// <returns>The RFM table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or purchase days were asked of summaries not grouped by day.</exception>
    public static RfmTable<TKey> ToRfmTable<TKey>(this CustomerSummaries<TKey> summaries, RfmOptions? options = null)
        where TKey : notnull =>
        RfmModel.Score(summaries, options);

    /// <summary>Reads a stream of purchases and scores every customer as of the summary options' date.</summary>
    /// <remarks>
    /// <b>Aggregates</b>: one pass keeping a summary per customer (grouped by day, whatever period
    /// <paramref name="summaryOptions"/> names), then the scoring. The as-of date defaults to the day after the latest purchase.
    /// </remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="records">The purchase records, in any order.</param>
    /// <param name="customer">Reads a record's customer key.</param>
    /// <param name="time">Reads when a record happened.</param>
    /// <param name="amount">Reads a record's amount.</param>
    /// <param name="summaryOptions">Zone, as-of date and refund policy; defaults when null.</param>
    /// <param name="options">The scoring options; defaults when null.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The RFM table.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">A record cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<RfmTable<TKey>> ToRfmTableAsync<T, TKey>(
        this IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
        CustomerSummaryOptions? summaryOptions = null, RfmOptions? options = null,
        IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(amount);
        options ??= RfmOptions.Default;
        options.Validate(nameof(options));
        var daily = (summaryOptions ?? CustomerSummaryOptions.Default) with { Period = PurchasePeriod.Day };
        return ScoreAsync(records, customer, time, amount, daily, options, progress, cancellationToken);

        static async ValueTask<RfmTable<TKey>> ScoreAsync(
            IAsyncEnumerable<T> records, Func<T, TKey> customer, Func<T, Instant> time, Func<T, decimal> amount,
            CustomerSummaryOptions daily, RfmOptions options, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
        {
            var summaries = await records.ToCustomerSummariesAsync(customer, time, amount, daily, progress, cancellationToken).ConfigureAwait(false);
            return RfmModel.Score(summaries, options);
        }
    }

    /// <summary>Reads a stream of <see cref="Order"/> records and scores every customer.</summary>
    /// <remarks><b>Aggregates</b>, as the general overload.</remarks>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="summaryOptions">Zone, as-of date and refund policy; defaults when null.</param>
    /// <param name="options">The scoring options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The RFM table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="orders"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">An order cannot be used; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<RfmTable<string>> ToRfmTableAsync(
        this IAsyncEnumerable<Order> orders, CustomerSummaryOptions? summaryOptions = null, RfmOptions? options = null,
        CancellationToken cancellationToken = default) =>
        orders.ToRfmTableAsync(o => o.CustomerId, o => o.Time, o => o.Amount, summaryOptions, options, null, cancellationToken);
}
