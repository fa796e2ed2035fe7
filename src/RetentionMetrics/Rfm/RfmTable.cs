using System.Collections;
using NodaTime;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Rfm;

/// <summary>Every customer's RFM values, scores and segment as of a date, with the per-segment grid.</summary>
/// <remarks>
/// <para>An immutable value; it keeps its own columns and shares only the (immutable) summaries it was made from, for
/// the customer keys and revenues. Customers are listed in the order of the summaries; <see cref="TryGet"/> finds one by key. Two tables are equal when their as-of date, options and sets of
/// rows are equal, whatever the order of the list.</para>
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed partial class RfmTable<TKey> : IReadOnlyList<RfmCustomer<TKey>>, IEquatable<RfmTable<TKey>>
    where TKey : notnull
{
    // Column storage: a million customers cost five int arrays and one decimal array, not a million row objects.
    // The customer keys and revenues are read from the (immutable) summaries the table was made from.
    private readonly CustomerSummaries<TKey> source;
    private readonly int[] recency;
    private readonly int[] frequency;
    private readonly decimal[] monetary;
    private readonly int[] recencyScores;
    private readonly int[] frequencyScores;
    private readonly int[] monetaryScores;
    private readonly int[] segments;
    private readonly string[] names;
    private Dictionary<TKey, int>? index;

    internal RfmTable(
        CustomerSummaries<TKey> source, RfmColumns columns, string[] names, LocalDate? asOf, RfmOptions options,
        IReadOnlyList<RfmSegmentSummary> segments, long rankErrorBound)
    {
        this.source = source;
        recency = columns.Recency;
        frequency = columns.Frequency;
        monetary = columns.Monetary;
        recencyScores = columns.RecencyScores;
        frequencyScores = columns.FrequencyScores;
        monetaryScores = columns.MonetaryScores;
        this.segments = columns.Segments;
        this.names = names;
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
    public int Count => recency.Length;

    /// <summary>The row at <paramref name="position"/>.</summary>
    /// <param name="position">A 0-based position in the list.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="position"/> is outside the list.</exception>
    public RfmCustomer<TKey> this[int position]
    {
        get
        {
            ref readonly var summary = ref source.AsSpan()[position];
            return new RfmCustomer<TKey>(
                summary.CustomerId, recency[position], frequency[position], monetary[position], summary.TotalSpend,
                new RfmScore(recencyScores[position], frequencyScores[position], monetaryScores[position]), names[segments[position]]);
        }
    }

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
            row = this[position];
            return true;
        }

        row = default;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<RfmCustomer<TKey>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(RfmTable<TKey>? other)
    {
        if (other is null || other.Count != Count || other.AsOf != AsOf || !other.Options.Equals(Options))
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            var row = this[i];
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
        var built = new Dictionary<TKey, int>(Count);
        var rows = source.AsSpan();
        for (var i = 0; i < rows.Length; i++)
        {
            built[rows[i].CustomerId] = i;
        }

        return built;
    }
}

/// The per-customer columns an RFM table is made of.
internal sealed class RfmColumns(int count)
{
    public int[] Recency { get; } = new int[count];

    public int[] Frequency { get; } = new int[count];

    public decimal[] Monetary { get; } = new decimal[count];

    public int[] RecencyScores { get; } = new int[count];

    public int[] FrequencyScores { get; } = new int[count];

    public int[] MonetaryScores { get; } = new int[count];

    public int[] Segments { get; } = new int[count];
}
