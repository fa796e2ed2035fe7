using System.Collections;
using NodaTime;

namespace RetentionMetrics.Customers;

/// <summary>The summaries of every customer in an input, with the rules they were made by and what was left out.</summary>
/// <remarks>
/// <para>An immutable value. Customers are listed in the order they were first met (per partition on the parallel
/// paths); <see cref="TryGet"/> finds one by key. Two results are equal when their rules, counters and sets of
/// summaries are equal, whatever the order of the list.</para>
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed class CustomerSummaries<TKey> : IReadOnlyList<CustomerSummary<TKey>>, IEquatable<CustomerSummaries<TKey>>
    where TKey : notnull
{
    private readonly CustomerSummary<TKey>[] summaries;
    private Dictionary<TKey, int>? index;

    internal CustomerSummaries(
        CustomerSummary<TKey>[] summaries, PurchasePeriod period, DateTimeZone zone, LocalDate? asOf,
        long recordsRead, long recordsAfterAsOf, long refundsIgnored)
    {
        this.summaries = summaries;
        Period = period;
        Zone = zone;
        AsOf = asOf;
        RecordsRead = recordsRead;
        RecordsAfterAsOf = recordsAfterAsOf;
        RefundsIgnored = refundsIgnored;
    }

    /// <summary>The period purchases were grouped by.</summary>
    public PurchasePeriod Period { get; }

    /// <summary>The time zone instants were placed in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The date <c>T</c> is measured to; <see langword="null"/> only when there were no records and none was given.</summary>
    public LocalDate? AsOf { get; }

    /// <summary>The number of records read, counted or not.</summary>
    public long RecordsRead { get; }

    /// <summary>The number of records left out because they fall after the as-of date.</summary>
    public long RecordsAfterAsOf { get; }

    /// <summary>The number of negative-amount records left out under <see cref="RefundPolicy.Ignore"/>.</summary>
    public long RefundsIgnored { get; }

    /// <summary>The number of customers.</summary>
    public int Count => summaries.Length;

    /// <summary>The summary at <paramref name="position"/> in the list.</summary>
    /// <param name="position">A 0-based position in the list.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is outside the list.</exception>
    public CustomerSummary<TKey> this[int position] => summaries[position];

    /// <summary>The number of records counted in the summaries (all customers' transactions).</summary>
    public long Transactions => summaries.Sum(s => (long)s.Transactions);

    /// <summary>The total spend over all customers.</summary>
    public decimal TotalSpend => summaries.Sum(s => s.TotalSpend);

    /// <summary>Finds the summary of one customer.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="summary">The customer's summary when found.</param>
    /// <returns>Whether the customer appears in the input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public bool TryGet(TKey customer, out CustomerSummary<TKey> summary)
    {
        ArgumentNullException.ThrowIfNull(customer);
        index ??= BuildIndex();
        if (index.TryGetValue(customer, out var position))
        {
            summary = summaries[position];
            return true;
        }

        summary = default;
        return false;
    }

    /// <summary>The summaries as a span, in list order.</summary>
    public ReadOnlySpan<CustomerSummary<TKey>> AsSpan() => summaries;

    /// <inheritdoc />
    public IEnumerator<CustomerSummary<TKey>> GetEnumerator() => ((IEnumerable<CustomerSummary<TKey>>)summaries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(CustomerSummaries<TKey>? other)
    {
        if (other is null || other.Count != Count || other.Period != Period || other.Zone.Id != Zone.Id || other.AsOf != AsOf
            || other.RecordsRead != RecordsRead || other.RecordsAfterAsOf != RecordsAfterAsOf || other.RefundsIgnored != RefundsIgnored)
        {
            return false;
        }

        foreach (var summary in summaries)
        {
            if (!other.TryGet(summary.CustomerId, out var match) || match != summary)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CustomerSummaries<TKey>);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Count, Period, AsOf, RecordsRead);

    private Dictionary<TKey, int> BuildIndex()
    {
        var built = new Dictionary<TKey, int>(summaries.Length);
        for (var i = 0; i < summaries.Length; i++)
        {
            built[summaries[i].CustomerId] = i;
        }

        return built;
    }
}
