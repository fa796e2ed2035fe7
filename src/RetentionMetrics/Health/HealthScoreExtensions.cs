using System.Runtime.CompilerServices;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Health;

/// <summary>Scores streams of per-customer metric rows with a fitted <see cref="HealthScoreModel"/>.</summary>
public static class HealthScoreExtensions
{
    /// <summary>Scores each row as it arrives.</summary>
    /// <typeparam name="T">The caller's row type: one row per customer.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="rows">The metric rows.</param>
    /// <param name="model">A fitted model (fit population normalisers first, with <see cref="HealthScoreModel.Fit(ReadOnlySpan{double})"/> or <see cref="HealthScoreModel.FitAsync{T}"/>).</param>
    /// <param name="customer">Reads a row's customer key.</param>
    /// <param name="selectors">For each component name, reads its value from a row (null or NaN for missing).</param>
    /// <param name="progress">Receives progress every 65,536 rows and at the end; optional.</param>
    /// <returns>Each customer's key and score, in input order.</returns>
    /// <remarks>
    /// <b>Streams</b>: constant memory, one score per row, lazily. Scoring with a percentile normaliser needs a
    /// population; fitting it <b>Buffers</b> (see <see cref="HealthScoreModel.FitAsync{T}"/>), so fit first — on the same
    /// stream read once more, or on another population — then stream the scores. Arguments, selectors and fitting are
    /// checked at the call, before the stream is read. Cancellation comes from <c>WithCancellation</c> or the
    /// enumerator's token.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="progress"/> is null.</exception>
    /// <exception cref="ArgumentException">A component has no selector, or a selector names no component.</exception>
    /// <exception cref="InvalidOperationException">The model has a population normaliser that is not fitted.</exception>
    /// <exception cref="RetentionDataException">A value is infinite (during enumeration); the message names the customer and position.</exception>
    public static IAsyncEnumerable<CustomerHealthScore<TKey>> ScoreHealth<T, TKey>(
        this IAsyncEnumerable<T> rows, HealthScoreModel model, Func<T, TKey> customer,
        IReadOnlyDictionary<string, Func<T, double?>> selectors, IProgress<StreamProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customer);
        var resolved = model.ResolveSelectors(selectors);
        model.EnsureFitted();
        return Iterate(rows, model, customer, resolved, progress);

        static async IAsyncEnumerable<CustomerHealthScore<TKey>> Iterate(
            IAsyncEnumerable<T> rows, HealthScoreModel model, Func<T, TKey> customer, Func<T, double?>[] selectors,
            IProgress<StreamProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var values = new double[selectors.Length];
            var position = 0L;
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var key = customer(row);
                HealthScoreModel.Read(row, selectors, values);
                HealthScore score;
                try
                {
                    score = model.Score(values);
                }
                catch (RetentionDataException e)
                {
                    throw new RetentionDataException(e.Reason, key?.ToString(), position);
                }

                position++;
                if (position % StreamProgress.ReportInterval == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new StreamProgress(position, (int)Math.Min(position, int.MaxValue)));
                }

                yield return new CustomerHealthScore<TKey>(key, score);
            }

            progress?.Report(new StreamProgress(position, (int)Math.Min(position, int.MaxValue)));
        }
    }

    /// <summary>Scores each row of an in-memory sequence.</summary>
    /// <typeparam name="T">The caller's row type: one row per customer.</typeparam>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="rows">The metric rows.</param>
    /// <param name="model">A fitted model.</param>
    /// <param name="customer">Reads a row's customer key.</param>
    /// <param name="selectors">For each component name, reads its value from a row (null or NaN for missing).</param>
    /// <returns>Each customer's key and score, in input order.</returns>
    /// <remarks><b>Streams</b>, lazily; arguments are checked at the call.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A component has no selector, or a selector names no component.</exception>
    /// <exception cref="InvalidOperationException">The model has a population normaliser that is not fitted.</exception>
    /// <exception cref="RetentionDataException">A value is infinite (during enumeration); the message names the customer and position.</exception>
    public static IEnumerable<CustomerHealthScore<TKey>> ScoreHealth<T, TKey>(
        this IEnumerable<T> rows, HealthScoreModel model, Func<T, TKey> customer, IReadOnlyDictionary<string, Func<T, double?>> selectors)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customer);
        var resolved = model.ResolveSelectors(selectors);
        model.EnsureFitted();
        return Iterate(rows, model, customer, resolved);

        static IEnumerable<CustomerHealthScore<TKey>> Iterate(IEnumerable<T> rows, HealthScoreModel model, Func<T, TKey> customer, Func<T, double?>[] selectors)
        {
            var values = new double[selectors.Length];
            var position = 0L;
            foreach (var row in rows)
            {
                var key = customer(row);
                HealthScoreModel.Read(row, selectors, values);
                HealthScore score;
                try
                {
                    score = model.Score(values);
                }
                catch (RetentionDataException e)
                {
                    throw new RetentionDataException(e.Reason, key?.ToString(), position);
                }

                position++;
                yield return new CustomerHealthScore<TKey>(key, score);
            }
        }
    }
}
