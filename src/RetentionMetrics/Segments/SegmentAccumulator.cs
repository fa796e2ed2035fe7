using System.Globalization;
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
public sealed class SegmentAccumulator<TKey>
    where TKey : notnull
{
    private readonly SegmentPlan plan;
    private readonly CustomerTable<TKey> table = new();
    private readonly SegmentState state = new();
    private readonly SegmentValue[][] scratch;
    private readonly EvaluationFrame filterFrame;
    private int capacity;
    private string? lastEventName;
    private int lastEventIndex = -1;
    private readonly Dictionary<string, int> eventIndex;

    /// <summary>Creates an empty accumulator for <paramref name="segments"/> evaluated with <paramref name="options"/>.</summary>
    /// <param name="segments">The segments.</param>
    /// <param name="options">The as-of instant, zone and assignment mode.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SegmentAccumulator(SegmentSet segments, SegmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Zone, nameof(options));
        plan = new SegmentPlan(segments, options);
        scratch = [.. plan.EventPlans.Select(e => new SegmentValue[e.Properties.Count])];
        eventIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < plan.EventPlans.Length; i++)
        {
            eventIndex[plan.EventPlans[i].Name] = i;
        }

        filterFrame = new EvaluationFrame(plan, state) { Describe = Describe };
        Grow(16);
    }

    /// <summary>The segments.</summary>
    public SegmentSet Segments => plan.Set;

    /// <summary>The options.</summary>
    public SegmentOptions Options => plan.Options;

    /// <summary>The number of distinct customers seen in events or traits.</summary>
    public int CustomerCount => table.Count;

    /// <summary>The number of events read (including those the rules do not use and those at or after the as-of instant).</summary>
    public long EventsRead { get; private set; }

    /// <summary>The number of events left out because they are at or after the as-of instant.</summary>
    public long EventsAfterAsOf { get; private set; }

    /// <summary>Bytes of per-customer aggregate and trait state, excluding the key table.</summary>
    public int StateBytesPerCustomer => (plan.LongStride * 8) + (plan.DecimalStride * 16) + ((plan.ValueStride + plan.TraitStride) * Unsafe.SizeOf<SegmentValue>());

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
        var index = IndexOf(customer);
        EventsRead++;
        var ticks = time.ToUnixTimeTicks();
        if (ticks >= plan.AsOfTicks)
        {
            EventsAfterAsOf++;
            return;
        }

        var e = EventIndexOf(eventName);

        if (e < 0)
        {
            return;
        }

        var eventPlan = plan.EventPlans[e];
        var properties = scratch[e];
        for (var p = 0; p < properties.Length; p++)
        {
            properties[p] = property(item, eventPlan.Properties[p]);
        }

        Update(index, eventPlan, properties, ticks, customer);
    }

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
        IndexOf(customer);
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
        var index = IndexOf(customer);
        var slot = plan.TraitSlot(name);
        if (slot < 0 || value.IsMissing)
        {
            return;
        }

        ref var stored = ref state.Traits[(index * plan.TraitStride) + slot];
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

        EventsRead += other.EventsRead;
        EventsAfterAsOf += other.EventsAfterAsOf;
        var keys = other.table.Keys;
        for (var j = 0; j < keys.Length; j++)
        {
            var customer = keys[j];
            var i = IndexOf(customer);
            foreach (var storage in plan.Storages)
            {
                MergeSlot(storage, i, other.state, j, customer);
            }

            for (var t = 0; t < plan.TraitStride; t++)
            {
                ref var stored = ref state.Traits[(i * plan.TraitStride) + t];
                var theirs = other.state.Traits[(j * plan.TraitStride) + t];
                if (!theirs.IsMissing)
                {
                    stored = MergeTrait(stored, theirs, plan.TraitNames[t], customer);
                }
            }
        }
    }

    /// <summary>Evaluates every rule for every customer seen and assigns them to segments.</summary>
    /// <returns>The members and sizes of each segment.</returns>
    /// <exception cref="RetentionDataException">A customer's value has a kind the rule cannot compare (possible only for names the rule's schema did not type).</exception>
    public SegmentAssignment<TKey> ToAssignment()
    {
        var frame = new EvaluationFrame(plan, state) { Describe = Describe };
        var members = plan.Rules.Select(_ => new List<TKey>()).ToArray();
        var firstMatch = plan.Options.Assignment == SegmentAssignmentMode.FirstMatch;
        var keys = table.Keys;
        for (var i = 0; i < keys.Length; i++)
        {
            frame.Index = i;
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

        return new SegmentAssignment<TKey>(plan.Set, plan.Options.Assignment, keys.ToArray(), members, EventsRead);
    }

    /// <summary>The index of an event's plan, or -1 when no rule reads it: by reference first (names are usually shared strings), then by value.</summary>
    private int EventIndexOf(string eventName)
    {
        if (ReferenceEquals(eventName, lastEventName))
        {
            return lastEventIndex;
        }

        var plans = plan.EventPlans;
        var e = -1;
        for (var i = 0; i < plans.Length; i++)
        {
            if (ReferenceEquals(plans[i].Name, eventName))
            {
                e = i;
                break;
            }
        }

        if (e < 0 && !eventIndex.TryGetValue(eventName, out e))
        {
            e = -1;
        }

        lastEventName = eventName;
        lastEventIndex = e;
        return e;
    }

    /// <summary>The raw state row of a customer (for tests of the merge property).</summary>
    internal (long[] Longs, decimal[] Decimals, SegmentValue[] Values, SegmentValue[] Traits)? StateOf(TKey customer)
    {
        var index = table.IndexOf(customer);
        if (index < 0)
        {
            return null;
        }

        return (state.Longs.AsSpan(index * plan.LongStride, plan.LongStride).ToArray(),
            state.Decimals.AsSpan(index * plan.DecimalStride, plan.DecimalStride).ToArray(),
            state.Values.AsSpan(index * plan.ValueStride, plan.ValueStride).ToArray(),
            state.Traits.AsSpan(index * plan.TraitStride, plan.TraitStride).ToArray());
    }

    private string Describe(int index) => table.KeyAt(index).ToString() ?? string.Empty;

    // A generic null test: unlike ArgumentNullException.ThrowIfNull(object), it does not box value-type keys.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckKey(TKey customer, [CallerArgumentExpression(nameof(customer))] string? name = null)
    {
        if (customer is null)
        {
            throw new ArgumentNullException(name);
        }
    }

    private int IndexOf(TKey customer)
    {
        var index = table.GetOrAdd(customer, out var added);
        if (added)
        {
            if (index >= capacity)
            {
                Grow(capacity * 2);
            }

            InitialiseRow(index);
        }

        return index;
    }

    private void Grow(int customers)
    {
        Array.Resize(ref state.Longs, customers * plan.LongStride);
        Array.Resize(ref state.Decimals, customers * plan.DecimalStride);
        Array.Resize(ref state.Values, customers * plan.ValueStride);
        Array.Resize(ref state.Traits, customers * plan.TraitStride);
        capacity = customers;
    }

    private void InitialiseRow(int index)
    {
        var longs = state.Longs.AsSpan(index * plan.LongStride, plan.LongStride);
        foreach (var storage in plan.Storages)
        {
            if (storage.Kind is StorageKind.FirstTime or StorageKind.FirstValue)
            {
                longs[storage.LongOffset] = long.MaxValue;
            }
            else if (storage.Kind is StorageKind.LastTime or StorageKind.LastValue)
            {
                longs[storage.LongOffset] = long.MinValue;
            }
        }
    }

    private void Update(int index, EventPlan eventPlan, SegmentValue[] properties, long ticks, TKey customer)
    {
        var longBase = index * plan.LongStride;
        var decimalBase = index * plan.DecimalStride;
        var valueBase = index * plan.ValueStride;
        var storages = eventPlan.StorageArray;
        for (var s = 0; s < storages.Length; s++)
        {
            var storage = storages[s];
            if (ticks < storage.From || ticks >= storage.To)
            {
                continue;
            }

            if (storage.Filter is { } filter)
            {
                filterFrame.Properties = properties;
                filterFrame.Index = index;
                if (filter(filterFrame) != Truth.True)
                {
                    continue;
                }
            }

            var value = storage.PropertySlot >= 0 ? properties[storage.PropertySlot] : default;
            switch (storage.Kind)
            {
                case StorageKind.Count:
                    if (storage.PropertySlot < 0 || !value.IsMissing)
                    {
                        state.Longs[longBase + storage.LongOffset]++;
                    }

                    break;
                case StorageKind.Sum:
                    if (!value.IsMissing)
                    {
                        AddToSum(ref state.Decimals[decimalBase + storage.DecimalOffset], NumberOf(value, storage, customer), storage, customer);
                    }

                    break;
                case StorageKind.Average:
                    if (!value.IsMissing)
                    {
                        AddToSum(ref state.Decimals[decimalBase + storage.DecimalOffset], NumberOf(value, storage, customer), storage, customer);
                        state.Longs[longBase + storage.LongOffset]++;
                    }

                    break;
                case StorageKind.Minimum or StorageKind.Maximum:
                    if (!value.IsMissing)
                    {
                        ref var extreme = ref state.Values[valueBase + storage.ValueOffset];
                        extreme = Extreme(extreme, value, storage, customer);
                    }

                    break;
                case StorageKind.FirstTime:
                    ref var first = ref state.Longs[longBase + storage.LongOffset];
                    first = Math.Min(first, ticks);
                    break;
                case StorageKind.LastTime:
                    ref var last = ref state.Longs[longBase + storage.LongOffset];
                    last = Math.Max(last, ticks);
                    break;
                default:
                    Latest(storage, ref state.Longs[longBase + storage.LongOffset], ref state.Values[valueBase + storage.ValueOffset], ticks, value);
                    break;
            }
        }
    }

    private void MergeSlot(Storage storage, int i, SegmentState theirs, int j, TKey customer)
    {
        var mine = state;
        var l = (i * plan.LongStride) + storage.LongOffset;
        var lj = (j * plan.LongStride) + storage.LongOffset;
        var d = (i * plan.DecimalStride) + storage.DecimalOffset;
        var dj = (j * plan.DecimalStride) + storage.DecimalOffset;
        var v = (i * plan.ValueStride) + storage.ValueOffset;
        var vj = (j * plan.ValueStride) + storage.ValueOffset;
        switch (storage.Kind)
        {
            case StorageKind.Count:
                mine.Longs[l] += theirs.Longs[lj];
                break;
            case StorageKind.Sum:
                AddToSum(ref mine.Decimals[d], theirs.Decimals[dj], storage, customer);
                break;
            case StorageKind.Average:
                AddToSum(ref mine.Decimals[d], theirs.Decimals[dj], storage, customer);
                mine.Longs[l] += theirs.Longs[lj];
                break;
            case StorageKind.Minimum or StorageKind.Maximum:
                if (!theirs.Values[vj].IsMissing)
                {
                    mine.Values[v] = Extreme(mine.Values[v], theirs.Values[vj], storage, customer);
                }

                break;
            case StorageKind.FirstTime:
                mine.Longs[l] = Math.Min(mine.Longs[l], theirs.Longs[lj]);
                break;
            case StorageKind.LastTime:
                mine.Longs[l] = Math.Max(mine.Longs[l], theirs.Longs[lj]);
                break;
            default:
                var none = storage.Kind == StorageKind.FirstValue ? long.MaxValue : long.MinValue;
                if (theirs.Longs[lj] != none)
                {
                    Latest(storage, ref mine.Longs[l], ref mine.Values[v], theirs.Longs[lj], theirs.Values[vj]);
                }

                break;
        }
    }

    /// <summary>Keeps the earliest (first) or latest (last) event's value; at equal times the greater value wins, in any order.</summary>
    private static void Latest(Storage storage, ref long storedTicks, ref SegmentValue storedValue, long ticks, SegmentValue value)
    {
        var first = storage.Kind == StorageKind.FirstValue;
        var none = first ? long.MaxValue : long.MinValue;
        var better = storedTicks == none || (first ? ticks < storedTicks : ticks > storedTicks)
            || (ticks == storedTicks && SegmentValue.TotalOrder(value, storedValue) > 0);
        if (better)
        {
            storedTicks = ticks;
            storedValue = value;
        }
    }

    private SegmentValue Extreme(SegmentValue stored, SegmentValue value, Storage storage, TKey customer)
    {
        if (stored.IsMissing)
        {
            CheckOrderable(value, storage, customer);
            return value;
        }

        int comparison;
        if (stored.IsTime && value.IsTime)
        {
            comparison = value.TimeTicks(plan.Zone).CompareTo(stored.TimeTicks(plan.Zone));
        }
        else if (stored.Kind == SegmentValueKind.Number && value.Kind == SegmentValueKind.Number)
        {
            comparison = value.Number.CompareTo(stored.Number);
        }
        else
        {
            throw DataError(customer, SegmentErrorMessages.ValueKindAtEvaluation, SegmentLexer.Show(storage.Description), SegmentPlan.Describe(value.Kind), SegmentPlan.Describe(stored.Kind));
        }

        var better = storage.Kind == StorageKind.Minimum ? comparison < 0 : comparison > 0;
        return better || (comparison == 0 && SegmentValue.TotalOrder(value, stored) > 0) ? value : stored;
    }

    private static void CheckOrderable(SegmentValue value, Storage storage, TKey customer)
    {
        if (value.Kind is not (SegmentValueKind.Number or SegmentValueKind.Date or SegmentValueKind.Instant))
        {
            throw DataError(customer, SegmentErrorMessages.ValueKindAtEvaluation, SegmentLexer.Show(storage.Description), SegmentPlan.Describe(value.Kind), "a number or a date");
        }
    }

    private static decimal NumberOf(SegmentValue value, Storage storage, TKey customer) =>
        value.Kind == SegmentValueKind.Number
            ? value.RawNumber
            : throw DataError(customer, SegmentErrorMessages.ValueKindAtEvaluation, SegmentLexer.Show(storage.Description), SegmentPlan.Describe(value.Kind), "a number");

    private static void AddToSum(ref decimal sum, decimal value, Storage storage, TKey customer)
    {
        try
        {
            sum += value;
        }
        catch (OverflowException)
        {
            throw DataError(customer, SegmentErrorMessages.SumOverflow, SegmentLexer.Show(storage.Description));
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
