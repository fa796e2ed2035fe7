namespace RetentionMetrics.Churn;

/// <summary>Net Promoter Score and CSAT from streams of survey answers, overall or per group.</summary>
/// <remarks>Every operator here <b>Aggregates</b>: counters only (per group for the grouped ones), never the answers.</remarks>
public static class SurveyExtensions
{
    /// <summary>The Net Promoter Score of a stream of 0–10 answers.</summary>
    /// <remarks><b>Aggregates</b> three counters. Cancellation is checked every 65,536 answers.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <param name="responses">The survey responses.</param>
    /// <param name="answer">Reads a response's answer, 0 to 10.</param>
    /// <param name="options">The confidence level; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The score with its interval.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">An answer is outside 0 to 10; the message gives its position.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<NetPromoterScore> ToNetPromoterScoreAsync<T>(
        this IAsyncEnumerable<T> responses, Func<T, int> answer, SurveyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(answer);
        var accumulator = new NetPromoterScoreAccumulator(options);
        return OverallAsync(responses, r => accumulator.Add(answer(r.Response), r.Position), accumulator.ToScore, cancellationToken);
    }

    /// <summary>The Net Promoter Score of each group of a stream of 0–10 answers.</summary>
    /// <remarks><b>Aggregates</b> three counters per group. Groups come in the order they were first seen.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TGroup">The group type.</typeparam>
    /// <param name="responses">The survey responses.</param>
    /// <param name="answer">Reads a response's answer, 0 to 10.</param>
    /// <param name="group">Reads a response's group.</param>
    /// <param name="options">The confidence level; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One score per group.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">An answer is outside 0 to 10 or a group is missing; the message gives the position.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<IReadOnlyList<KeyValuePair<TGroup, NetPromoterScore>>> ToNetPromoterScoresAsync<T, TGroup>(
        this IAsyncEnumerable<T> responses, Func<T, int> answer, Func<T, TGroup> group, SurveyOptions? options = null, CancellationToken cancellationToken = default)
        where TGroup : notnull
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(group);
        options ??= SurveyOptions.Default;
        options.Validate(nameof(options));
        return ByGroupAsync(responses, group, () => new NetPromoterScoreAccumulator(options),
            (a, r, p) => a.Add(answer(r), p), a => a.ToScore(), cancellationToken);
    }

    /// <summary>The CSAT score of a stream of answers on the configured scale (1–5 by default).</summary>
    /// <remarks><b>Aggregates</b> two counters. Cancellation is checked every 65,536 answers.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <param name="responses">The survey responses.</param>
    /// <param name="answer">Reads a response's answer.</param>
    /// <param name="options">Scale, threshold and confidence level; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The satisfied share with its Wilson interval.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">An answer is off the scale; the message gives its position.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<CustomerSatisfaction> ToCustomerSatisfactionAsync<T>(
        this IAsyncEnumerable<T> responses, Func<T, int> answer, SurveyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(answer);
        var accumulator = new CustomerSatisfactionAccumulator(options);
        return OverallAsync(responses, r => accumulator.Add(answer(r.Response), r.Position), accumulator.ToScore, cancellationToken);
    }

    /// <summary>The CSAT score of each group of a stream of answers.</summary>
    /// <remarks><b>Aggregates</b> two counters per group. Groups come in the order they were first seen.</remarks>
    /// <typeparam name="T">The caller's record type.</typeparam>
    /// <typeparam name="TGroup">The group type.</typeparam>
    /// <param name="responses">The survey responses.</param>
    /// <param name="answer">Reads a response's answer.</param>
    /// <param name="group">Reads a response's group.</param>
    /// <param name="options">Scale, threshold and confidence level; defaults when null.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>One score per group.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RetentionDataException">An answer is off the scale or a group is missing; the message gives the position.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public static ValueTask<IReadOnlyList<KeyValuePair<TGroup, CustomerSatisfaction>>> ToCustomerSatisfactionsAsync<T, TGroup>(
        this IAsyncEnumerable<T> responses, Func<T, int> answer, Func<T, TGroup> group, SurveyOptions? options = null, CancellationToken cancellationToken = default)
        where TGroup : notnull
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(group);
        options ??= SurveyOptions.Default;
        options.Validate(nameof(options));
        return ByGroupAsync(responses, group, () => new CustomerSatisfactionAccumulator(options),
            (a, r, p) => a.Add(answer(r), p), a => a.ToScore(), cancellationToken);
    }

    /// One pass adding each response with its position; cancellation is checked every 65,536 responses.
    private static async ValueTask<TResult> OverallAsync<T, TResult>(
        IAsyncEnumerable<T> responses, Action<(T Response, long Position)> add, Func<TResult> result, CancellationToken cancellationToken)
    {
        var position = 0L;
        await foreach (var response in responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            add((response, position));
            if ((++position & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return result();
    }

    private static async ValueTask<IReadOnlyList<KeyValuePair<TGroup, TResult>>> ByGroupAsync<T, TGroup, TAccumulator, TResult>(
        IAsyncEnumerable<T> responses, Func<T, TGroup> group, Func<TAccumulator> create, Action<TAccumulator, T, long> add,
        Func<TAccumulator, TResult> result, CancellationToken cancellationToken)
        where TGroup : notnull
    {
        var groups = new Dictionary<TGroup, TAccumulator>();
        var order = new List<TGroup>();
        var position = 0L;
        await foreach (var response in responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var key = group(response) ?? throw new RetentionDataException(ChurnErrorMessages.MissingGroup, null, position);
            if (!groups.TryGetValue(key, out var accumulator))
            {
                accumulator = create();
                groups.Add(key, accumulator);
                order.Add(key);
            }

            add(accumulator, response, position);
            if ((++position & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return order.Select(g => new KeyValuePair<TGroup, TResult>(g, result(groups[g]))).ToList();
    }
}
