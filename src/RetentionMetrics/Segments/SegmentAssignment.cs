using System.Globalization;

namespace RetentionMetrics.Segments;

/// <summary>Which customers belong to which segment of a <see cref="SegmentSet"/>, and the audience sizes.</summary>
/// <remarks>
/// Immutable. Members are listed in the order customers were first seen. With
/// <see cref="SegmentAssignmentMode.FirstMatch"/> a customer is in at most one segment.
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed partial class SegmentAssignment<TKey>
    where TKey : notnull
{
    private readonly TKey[][] members;
    private readonly TKey[] customers;
    private readonly Lazy<Dictionary<TKey, string[]>> byCustomer;

    internal SegmentAssignment(SegmentSet segments, SegmentAssignmentMode mode, TKey[] customers, List<TKey>[] members, long eventsRead)
    {
        Segments = segments;
        Mode = mode;
        this.customers = customers;
        this.members = [.. members.Select(m => m.ToArray())];
        EventsRead = eventsRead;
        byCustomer = new Lazy<Dictionary<TKey, string[]>>(() =>
        {
            var map = new Dictionary<TKey, List<string>>();
            for (var s = 0; s < this.members.Length; s++)
            {
                foreach (var key in this.members[s])
                {
                    if (!map.TryGetValue(key, out var list))
                    {
                        map[key] = list = [];
                    }

                    list.Add(Segments[s].Name);
                }
            }

            return map.ToDictionary(p => p.Key, p => p.Value.ToArray());
        });
    }

    /// <summary>The segments, in order.</summary>
    public SegmentSet Segments { get; }

    /// <summary>How customers matching several segments were assigned.</summary>
    public SegmentAssignmentMode Mode { get; }

    /// <summary>Every customer evaluated (those present in the events or the traits), in the order first seen.</summary>
    public IReadOnlyList<TKey> Customers => customers;

    /// <summary>The number of events read.</summary>
    public long EventsRead { get; }

    /// <summary>The size of each segment, in set order.</summary>
    public IReadOnlyList<int> Sizes => [.. members.Select(m => m.Length)];

    /// <summary>The members of the segment at <paramref name="index"/>.</summary>
    /// <param name="index">The segment's index in the set.</param>
    /// <returns>The members, in the order first seen.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a segment index.</exception>
    public IReadOnlyList<TKey> MembersOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, members.Length);
        return members[index];
    }

    /// <summary>The members of the segment named <paramref name="name"/>.</summary>
    /// <param name="name">The segment name.</param>
    /// <returns>The members, in the order first seen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no segment with that name.</exception>
    public IReadOnlyList<TKey> MembersOf(string name) => members[IndexOf(name)];

    /// <summary>The size of the segment named <paramref name="name"/>.</summary>
    /// <param name="name">The segment name.</param>
    /// <returns>The number of members.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no segment with that name.</exception>
    public int SizeOf(string name) => members[IndexOf(name)].Length;

    /// <summary>The names of the segments <paramref name="customer"/> belongs to, in set order (empty when none or unknown).</summary>
    /// <param name="customer">The customer key.</param>
    /// <returns>The segment names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public IReadOnlyList<string> SegmentsOf(TKey customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return byCustomer.Value.TryGetValue(customer, out var names) ? names : [];
    }

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = Segments.IndexOf(name);
        return index >= 0 ? index : throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnknownSegmentName, name), nameof(name));
    }
}
