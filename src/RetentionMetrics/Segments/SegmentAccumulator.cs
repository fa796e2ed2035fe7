using System.Globalization;
using System.Numerics;
using System.Runtime.ExceptionServices;
using System.Runtime.CompilerServices;
using NodaTime;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Segments;

/// <summary>
/// Per-customer state for a <see cref="SegmentSet"/>: reads events and traits once, keeps only the aggregates the
/// rules need, merges with another accumulator, and evaluates the rules into a <see cref="SegmentAssignment{TKey}"/>.
/// </summary>
/// <remarks>
/// Aggregates: state per customer, never per event — a fixed number of counters, sums, times and values set by the
/// rules (windows are fixed ranges relative to the as-of instant, so an event either counts or not when it arrives).
/// Events at or after the as-of instant are left out. Ties are broken by value, so <see cref="Merge"/> of any split of
/// the input gives the same state as one pass, in any order. An accumulator is not thread-safe; give each thread its
/// own and merge them. The compiled rules it shares are immutable.
/// </remarks>
/// <typeparam name="TKey">The customer key type.</typeparam>
public sealed partial class SegmentAccumulator<TKey>
    where TKey : notnull
{
    private const int ChunkSize = 4_096;
    private readonly SegmentPlan plan;
    private readonly SegmentEngine<TKey> engine;

    /// <summary>Creates an empty accumulator for <paramref name="segments"/> evaluated with <paramref name="options"/>.</summary>
    /// <param name="segments">The segments.</param>
    /// <param name="options">The as-of instant, zone and assignment mode.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SegmentAccumulator(SegmentSet segments, SegmentOptions options)
        : this(segments, options, 16)
    {
    }

    /// <summary>An accumulator with room for <paramref name="expectedCustomers"/> before its table grows.</summary>
    internal SegmentAccumulator(SegmentSet segments, SegmentOptions options, int expectedCustomers)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Zone, nameof(options));
        plan = new SegmentPlan(segments, options);
        engine = SegmentEngine<TKey>.Create(plan, expectedCustomers);
    }

    /// <summary>The segments.</summary>
    public SegmentSet Segments => plan.Set;

    /// <summary>The options.</summary>
    public SegmentOptions Options => plan.Options;

    /// <summary>The number of distinct customers seen in events or traits.</summary>
    public int CustomerCount => engine.Count;

    /// <summary>The number of events read (including those the rules do not use and those at or after the as-of instant).</summary>
    public long EventsRead => engine.EventsRead;

    /// <summary>The number of events left out because they are at or after the as-of instant.</summary>
    public long EventsAfterAsOf => engine.EventsAfterAsOf;

    /// <summary>Bytes of per-customer aggregate and trait state, excluding the key table.</summary>
    public int StateBytesPerCustomer => (plan.LongStride * 8) + (plan.DecimalStride * 16) + ((plan.ValueStride + plan.TraitStride) * Unsafe.SizeOf<SegmentValue>());

    /// <summary>An estimate of all the bytes held for the customers seen, for capacity planning.</summary>
    /// <remarks>
    /// Each customer costs one table entry (its key reference or value and its fixed-size row of counters, times and
    /// sums), about two hash slots, and the value and trait slots the rules need; once a large batch has taken the
    /// partitioned path, also an 8-byte key recording when it was first seen. The key objects themselves (such as
    /// strings) are the caller's and are not counted.
    /// </remarks>
    public long StateBytes =>
        (long)engine.Count * (engine.EntryBytes + engine.FirstSeenBytes + ((plan.ValueStride + plan.TraitStride) * Unsafe.SizeOf<SegmentValue>()));

    /// <summary>Adds one event whose properties are read through <paramref name="property"/>.</summary>
    /// <typeparam name="TEvent">The user's event type.</typeparam>
    /// <param name="customer">The customer key.</param>
    /// <param name="eventName">The event name, compared ordinally.</param>
    /// <param name="time">When the event happened.</param>
    /// <param name="item">The event, handed to <paramref name="property"/>.</param>
    /// <param name="property">Reads a named property of the event (<see cref="SegmentValue.Missing"/> when absent); called only for the properties the rules use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/>, <paramref name="eventName"/> or <paramref name="property"/> is null.</exception>
    /// <exception cref="RetentionDataException">A property has a kind the rules cannot use, or a sum leaves the decimal range.</exception>
    public void AddEvent<TEvent>(TKey customer, string eventName, Instant time, TEvent item, Func<TEvent, string, SegmentValue> property)
    {
        CheckKey(customer);
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(property);
        engine.Add(customer, eventName, time.ToUnixTimeTicks(), item, property);
    }

    /// <summary>Adds a batch of events read through <paramref name="selectors"/>: the fast path, with no per-event call overhead beyond the selectors.</summary>
    /// <remarks>
    /// A batch of 100,000 events or more is aggregated in two passes: the events are first copied into buckets by
    /// the top bits of their customer's hash (up to 4 million at a time; about 24 bytes an event and 40 bytes a
    /// property value the rules read, in buffers the accumulator keeps for its next batch), then applied bucket by
    /// bucket, so that each bucket's part of the customer table stays in cache. The state, the order customers are
    /// listed in and the error reported are those of adding the events one by one. After an exception the
    /// accumulator's state is unspecified.
    /// </remarks>
    /// <typeparam name="TEvent">The user's event type.</typeparam>
    /// <param name="events">The events, in any order.</param>
    /// <param name="selectors">How to read an event.</param>
    /// <exception cref="ArgumentNullException"><paramref name="selectors"/> or one of its required selectors is null.</exception>
    /// <exception cref="RetentionDataException">An event has no customer or name, a property has a kind the rules cannot use, or a sum leaves the decimal range; the position is the event's index in <paramref name="events"/>.</exception>
    public void AddEvents<TEvent>(ReadOnlySpan<TEvent> events, SegmentEventSelectors<TEvent, TKey> selectors)
    {
        CheckSelectors(selectors);
        AddEvents(events, selectors, 0);
    }

    internal void AddEvents<TEvent>(ReadOnlySpan<TEvent> events, SegmentEventSelectors<TEvent, TKey> selectors, long position)
    {
        if (events.Length >= SegmentPartitioning.Threshold)
        {
            AddEventsPartitioned(events, selectors, position, -1);
        }
        else
        {
            AddEventsInPlace(events, selectors, position);
        }
    }

    /// <summary>
    /// The radix-partitioned path (large batches) on any batch; <paramref name="radixBits"/> -1 chooses the bucket
    /// count from the size, <paramref name="chunkEvents"/> 0 the default chunk.
    /// </summary>
    internal void AddEventsPartitioned<TEvent>(ReadOnlySpan<TEvent> events, SegmentEventSelectors<TEvent, TKey> selectors, long position, int radixBits, int chunkEvents = 0) =>
        engine.AddPartitioned(events, selectors.Customer, selectors.EventName, selectors.Time, selectors.Property ?? NoProperties, position, radixBits, chunkEvents);

    /// <summary>The in-place path (small batches) on any batch: each event updates its customer's row as it is read.</summary>
    internal void AddEventsInPlace<TEvent>(ReadOnlySpan<TEvent> events, SegmentEventSelectors<TEvent, TKey> selectors, long position)
    {
        // A large span is read in chunks: the loop is then entered often enough to be recompiled with the selectors
        // seen so far inlined behind a type check, instead of running a whole pass in its first, less optimised form.
        var property = selectors.Property ?? NoProperties;
        for (var start = 0; start < events.Length; start += ChunkSize)
        {
            var length = Math.Min(ChunkSize, events.Length - start);
            engine.AddBatch(events.Slice(start, length), selectors.Customer, selectors.EventName, selectors.Time, property, position + start);
        }
    }

    internal static void CheckSelectors<TEvent>(SegmentEventSelectors<TEvent, TKey> selectors, [CallerArgumentExpression(nameof(selectors))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(selectors, name);
        ArgumentNullException.ThrowIfNull(selectors.Customer, name);
        ArgumentNullException.ThrowIfNull(selectors.EventName, name);
        ArgumentNullException.ThrowIfNull(selectors.Time, name);
    }

    private static SegmentValue NoProperties<TEvent>(TEvent item, string name) => SegmentValue.Missing;

    /// <summary>Adds one event with its properties in a dictionary (or none).</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="eventName">The event name, compared ordinally.</param>
    /// <param name="time">When the event happened.</param>
    /// <param name="properties">The event's properties by name, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> or <paramref name="eventName"/> is null.</exception>
    /// <exception cref="RetentionDataException">A property has a kind the rules cannot use, or a sum leaves the decimal range.</exception>
    public void AddEvent(TKey customer, string eventName, Instant time, IReadOnlyDictionary<string, SegmentValue>? properties = null) =>
        AddEvent(customer, eventName, time, properties, static (p, name) => p is not null && p.TryGetValue(name, out var v) ? v : SegmentValue.Missing);

    /// <summary>Adds a customer with no events (so it is evaluated even without events or traits).</summary>
    /// <param name="customer">The customer key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public void AddCustomer(TKey customer)
    {
        CheckKey(customer);
        engine.GetOrAdd(customer);
    }

    /// <summary>Sets a trait of a customer; traits the rules do not read are ignored, but the customer is still evaluated.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="name">The trait name, compared ordinally.</param>
    /// <param name="value">The value; <see cref="SegmentValue.Missing"/> leaves the trait absent.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="RetentionDataException">The trait was already given a different value for this customer.</exception>
    public void AddTrait(TKey customer, string name, SegmentValue value)
    {
        CheckKey(customer);
        ArgumentNullException.ThrowIfNull(name);
        var index = engine.GetOrAdd(customer);
        var slot = plan.TraitSlot(name);
        if (slot < 0 || value.IsMissing)
        {
            return;
        }

        ref var stored = ref engine.State.Traits[(index * plan.TraitStride) + slot];
        stored = MergeTrait(stored, value, name, customer);
    }

    /// <summary>Adds every trait in <paramref name="traits"/> to a customer.</summary>
    /// <param name="customer">The customer key.</param>
    /// <param name="traits">Trait values by name.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="RetentionDataException">A trait was already given a different value for this customer.</exception>
    public void AddTraits(TKey customer, IReadOnlyDictionary<string, SegmentValue> traits)
    {
        CheckKey(customer);
        ArgumentNullException.ThrowIfNull(traits);
        AddCustomer(customer);
        foreach (var (name, value) in traits)
        {
            AddTrait(customer, name, value);
        }
    }

    /// <summary>Adds the state of <paramref name="other"/> (the same segments and options) to this accumulator.</summary>
    /// <param name="other">An accumulator over another part of the input.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> has other segments or options.</exception>
    /// <exception cref="RetentionDataException">A trait has different values on the two sides.</exception>
    public void Merge(SegmentAccumulator<TKey> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this) || !other.plan.Set.Equals(plan.Set) || other.plan.Options != plan.Options)
        {
            throw new ArgumentException(SegmentErrorMessages.MergeMismatch, nameof(other));
        }

        engine.EventsRead += other.engine.EventsRead;
        engine.EventsAfterAsOf += other.engine.EventsAfterAsOf;
        var theirs = other.engine;
        var order = theirs.FirstSeenOrder();
        for (var n = 0; n < theirs.Count; n++)
        {
            // Their customers are added in the order they first saw them, so the merged order is one pass's order.
            var j = order is null ? n : order[n];
            var customer = theirs.KeyAt(j);
            var i = engine.GetOrAdd(customer);
            var mine = engine.RowAt(i);
            var theirRow = theirs.RowAt(j);
            foreach (var storage in plan.Storages)
            {
                engine.MergeSlot(storage, mine, i, theirRow, theirs.State, j);
            }

            for (var t = 0; t < plan.TraitStride; t++)
            {
                ref var stored = ref engine.State.Traits[(i * plan.TraitStride) + t];
                var value = theirs.State.Traits[(j * plan.TraitStride) + t];
                if (!value.IsMissing)
                {
                    stored = MergeTrait(stored, value, plan.TraitNames[t], customer);
                }
            }
        }
    }

    /// <summary>Evaluates every rule for every customer seen and assigns them to segments.</summary>
    /// <returns>The members and sizes of each segment.</returns>
    /// <exception cref="RetentionDataException">A customer's value has a kind the rule cannot compare (possible only for names the rule's schema did not type).</exception>
    public SegmentAssignment<TKey> ToAssignment()
    {
        var order = engine.FirstSeenOrder();
        return order is null ? AssignInOrder() : AssignOutOfOrder(order);
    }

    /// <summary>Evaluates the customers in table order, which is the order they were first seen.</summary>
    private SegmentAssignment<TKey> AssignInOrder()
    {
        var frame = new EvaluationFrame(plan, engine.State) { Describe = engine.Describe, Row = new long[plan.RowLongs] };
        var members = plan.Rules.Select(_ => new List<TKey>()).ToArray();
        var firstMatch = plan.Options.Assignment == SegmentAssignmentMode.FirstMatch;
        var keys = new TKey[engine.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = engine.KeyAt(i);
            frame.Index = i;
            engine.RowAt(i).CopyTo(frame.Row);
            for (var r = 0; r < plan.Rules.Length; r++)
            {
                if (plan.Rules[r](frame) == Truth.True)
                {
                    members[r].Add(keys[i]);
                    if (firstMatch)
                    {
                        break;
                    }
                }
            }
        }

        return new SegmentAssignment<TKey>(plan.Set, plan.Options.Assignment, keys, members, EventsRead);
    }

    /// <summary>
    /// Evaluates the customers in table order (one sequential sweep over the entries), keeping which rules each
    /// matched, then lists them in the order first seen (<paramref name="order"/>). A failing customer does not stop
    /// the sweep: the one first seen earliest is reported, as the in-order evaluation would.
    /// </summary>
    private SegmentAssignment<TKey> AssignOutOfOrder(int[] order)
    {
        var frame = new EvaluationFrame(plan, engine.State) { Describe = engine.Describe, Row = new long[plan.RowLongs] };
        var rules = plan.Rules.Length;
        var words = (rules + 63) / 64;
        var firstMatch = plan.Options.Assignment == SegmentAssignmentMode.FirstMatch;
        var count = engine.Count;
        var byIndex = new TKey[count];
        var matches = new ulong[count * words];
        var sizes = new int[rules];
        RetentionDataException? failure = null;
        var failureKey = long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            byIndex[i] = engine.KeyAt(i);
            frame.Index = i;
            engine.RowAt(i).CopyTo(frame.Row);
            try
            {
                for (var r = 0; r < rules; r++)
                {
                    if (plan.Rules[r](frame) == Truth.True)
                    {
                        matches[(i * words) + (r >> 6)] |= 1UL << r;
                        sizes[r]++;
                        if (firstMatch)
                        {
                            break;
                        }
                    }
                }
            }
            catch (RetentionDataException e)
            {
                if (engine.FirstSeenKey(i) < failureKey)
                {
                    failure = e;
                    failureKey = engine.FirstSeenKey(i);
                }
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        var members = sizes.Select(size => new List<TKey>(size)).ToArray();
        var keys = new TKey[count];
        for (var n = 0; n < count; n++)
        {
            var i = order[n];
            var key = byIndex[i];
            keys[n] = key;
            for (var w = 0; w < words; w++)
            {
                for (var bits = matches[(i * words) + w]; bits != 0; bits &= bits - 1)
                {
                    members[(w * 64) + BitOperations.TrailingZeroCount(bits)].Add(key);
                }
            }
        }

        return new SegmentAssignment<TKey>(plan.Set, plan.Options.Assignment, keys, members, EventsRead);
    }

    /// <summary>The raw state row of a customer (for tests of the merge property).</summary>
    internal (long[] Longs, decimal[] Decimals, SegmentValue[] Values, SegmentValue[] Traits)? StateOf(TKey customer)
    {
        var index = engine.IndexOf(customer);
        if (index < 0)
        {
            return null;
        }

        var row = engine.RowAt(index);
        var decimals = new decimal[plan.DecimalStride];
        for (var d = 0; d < decimals.Length; d++)
        {
            decimals[d] = SegmentPlan.SumAt(row, 2 * d);
        }

        return (row[(2 * plan.DecimalStride)..].ToArray(), decimals,
            engine.State.Values.AsSpan(index * plan.ValueStride, plan.ValueStride).ToArray(),
            engine.State.Traits.AsSpan(index * plan.TraitStride, plan.TraitStride).ToArray());
    }

    // A generic null test: unlike ArgumentNullException.ThrowIfNull(object), it does not box value-type keys.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckKey(TKey customer, [CallerArgumentExpression(nameof(customer))] string? name = null)
    {
        if (customer is null)
        {
            throw new ArgumentNullException(name);
        }
    }

    private static SegmentValue MergeTrait(SegmentValue stored, SegmentValue value, string name, TKey customer)
    {
        if (stored.IsMissing || stored.Equals(value))
        {
            return value;
        }

        throw DataError(customer, SegmentErrorMessages.ConflictingTrait, SegmentLexer.Show(name), stored, value);
    }

    private static RetentionDataException DataError(TKey customer, string format, params object?[] args) =>
        new(string.Format(CultureInfo.InvariantCulture, format, args), customer.ToString(), null);
}
