using System.Collections;
using NodaTime;

namespace RetentionMetrics.Rfm;

/// <summary>Every customer's RFM values, scores and segment as of a date, with the per-segment grid.</summary>
/// <remarks>
/// <para>An immutable value, independent of the summaries it was made from. Customers are listed in the order of the
/// summaries; <see cref="TryGet"/> finds one by key. Two tables are equal when their as-of date, options and sets of
/// rows are equal, whatever the order of the list.</para>
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed class RfmTable<TKey> : IReadOnlyList<RfmCustomer<TKey>>, IEquatable<RfmTable<TKey>>
    where TKey : notnull
{
    private readonly RfmCustomer<TKey>[] customers;
    private Dictionary<TKey, int>? index;

    internal RfmTable(RfmCustomer<TKey>[] customers, LocalDate? asOf, RfmOptions options, IReadOnlyList<RfmSegmentSummary> segments, long rankErrorBound)
    {
        this.customers = customers;
        AsOf = asOf;
        Options = options;
        Segments = segments;
        RankErrorBound = rankErrorBound;
    }

    /// <summary>The date recency is measured to; <see langword="null"/> only for an empty input without a date.</summary>
    public LocalDate? AsOf { get; }

    /// <summary>The options the table was made with.</summary>
    public RfmOptions Options { get; }

    /// <summary>The number of bins of every score.</summary>
    public int Bins => Options.Bins;

    /// <summary>
    /// For <see cref="RfmScoring.Sketch"/>, the sketches' bound on the error of each estimated <c>below(v)</c>;
    /// 0 for the exact scorings.
    /// </summary>
    public long RankErrorBound { get; }

    /// <summary>The grid: one row per segment that has customers, in the order of the segment map, the fallback last.</summary>
    public IReadOnlyList<RfmSegmentSummary> Segments { get; }

    /// <summary>The number of customers.</summary>
    public int Count => customers.Length;

    /// <summary>The row at <paramref name="position"/>.</summary>
    /// <param name="position">A 0-based position in the list.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="position"/> is outside the list.</exception>
    public RfmCustomer<TKey> this[int position] => customers[position];

    /// <summary>Finds the row of one customer.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="row">The customer's row when found.</param>
    /// <returns>Whether the customer is in the table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public bool TryGet(TKey customer, out RfmCustomer<TKey> row)
    {
        ArgumentNullException.ThrowIfNull(customer);
        index ??= BuildIndex();
        if (index.TryGetValue(customer, out var position))
        {
            row = customers[position];
            return true;
        }

        row = default;
        return false;
    }

    /// <summary>The rows as a span, in list order.</summary>
    /// <returns>A read-only view of the rows.</returns>
    public ReadOnlySpan<RfmCustomer<TKey>> AsSpan() => customers;

    /// <inheritdoc />
    public IEnumerator<RfmCustomer<TKey>> GetEnumerator() => ((IEnumerable<RfmCustomer<TKey>>)customers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(RfmTable<TKey>? other)
    {
        if (other is null || other.Count != Count || other.AsOf != AsOf || !other.Options.Equals(Options))
        {
            return false;
        }

        foreach (var row in customers)
        {
            if (!other.TryGet(row.CustomerId, out var match) || match != row)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RfmTable<TKey>);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Count, AsOf, Options.Bins);

    private Dictionary<TKey, int> BuildIndex()
    {
        var built = new Dictionary<TKey, int>(customers.Length);
        for (var i = 0; i < customers.Length; i++)
        {
            built[customers[i].CustomerId] = i;
        }

        return built;
    }
}
