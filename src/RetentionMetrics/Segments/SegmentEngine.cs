using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using NodaTime;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Segments;

/// <summary>
/// The one-pass core of <see cref="SegmentAccumulator{TKey}"/>: a customer table whose entries hold each customer's
/// row of counters, times and sums beside the key, the compiled plan's flat updates per event name, and the side
/// arrays for values that may be text (first/last/min/max of a property) and traits.
/// </summary>
/// <remarks>
/// The row type is chosen once from the plan's size (<see cref="Create"/>), so the hot loop is "hash, probe, update
/// a fixed-size struct in place" with one cache miss for the entry. Event names are resolved to small integers by
/// reference through a short cache, so a name costs a dictionary lookup once per distinct string, not per event.
/// Not thread-safe.
/// </remarks>
internal abstract class SegmentEngine<TKey>
    where TKey : notnull
{
    private const int NameCacheSize = 16;
    private readonly string?[] cachedNames = new string?[NameCacheSize];
    private readonly int[] cachedIds = new int[NameCacheSize];
    private readonly SegmentValue[][] scratch;
    private readonly EvaluationFrame filterFrame;
    private int cachedCount;
    private int cacheVictim;
    private int sideCapacity;

    // When customers were first seen, as order keys, once a partitioned pass has added customers out of order; null
    // while the entry index itself is the order (every customer added in place). See FirstSeenOrder.
    private long[]? firstSeen;
    private long nextOrder;

    protected SegmentEngine(SegmentPlan plan, int expectedCustomers)
    {
        Plan = plan;
        AsOfTicks = plan.AsOfTicks;
        RowLongs = plan.RowLongs;
        scratch = [.. plan.EventPlans.Select(e => new SegmentValue[e.PropertyArray.Length])];
        filterFrame = new EvaluationFrame(plan, State) { Describe = Describe };
        GrowSide(Math.Max(16, expectedCustomers));
    }

    public SegmentPlan Plan { get; }

    public SegmentState State { get; } = new();

    public long AsOfTicks { get; }

    public int RowLongs { get; }

    public long EventsRead;

    public long EventsAfterAsOf;

    public abstract int Count { get; }

    /// <summary>Bytes of one table entry (key and row) plus its share of the hash slots.</summary>
    public abstract int EntryBytes { get; }

    public abstract TKey KeyAt(int index);

    /// <summary>The row of the customer at <paramref name="index"/>; valid until the next customer is added.</summary>
    public abstract Span<long> RowAt(int index);

    public abstract int IndexOf(TKey key);

    /// <summary>The index of <paramref name="key"/>, adding it (with an empty row) when new.</summary>
    public abstract int GetOrAdd(TKey key);

    /// <summary>Adds a batch of events; <paramref name="position"/> is the 0-based position of its first event in the input.</summary>
    public abstract void AddBatch<T>(ReadOnlySpan<T> batch, Func<T, TKey> customer, Func<T, string> eventName, Func<T, Instant> time, Func<T, string, SegmentValue> property, long position);

    /// <summary>
    /// Adds a large batch in two passes (see <see cref="SegmentEngine{TKey, TRow}.AddPartitioned{T}"/>); the
    /// result, errors included, equals <see cref="AddBatch{T}"/> on the same batch. <paramref name="radixBits"/> is
    /// the number of top hash bits that pick a bucket, or -1 to choose it from the input size; <paramref name="chunkEvents"/>
    /// the events bucketed at a time, or 0 for <see cref="SegmentPartitioning.ChunkEvents"/>.
    /// </summary>
    public abstract void AddPartitioned<T>(ReadOnlySpan<T> batch, Func<T, TKey> customer, Func<T, string> eventName, Func<T, Instant> time, Func<T, string, SegmentValue> property, long position, int radixBits, int chunkEvents);

    /// <summary>Adds one event.</summary>
    public abstract void Add<T>(TKey key, string eventName, long ticks, T item, Func<T, string, SegmentValue> property);

    /// <summary>An engine whose row type fits <paramref name="plan"/>, with room for <paramref name="expectedCustomers"/> before it grows.</summary>
    public static SegmentEngine<TKey> Create(SegmentPlan plan, int expectedCustomers = 16) => plan.RowLongs switch
    {
        0 => new SegmentEngine<TKey, RowOf0>(plan, expectedCustomers),
        <= 2 => new SegmentEngine<TKey, RowOf2>(plan, expectedCustomers),
        <= 4 => new SegmentEngine<TKey, RowOf4>(plan, expectedCustomers),
        <= 8 => new SegmentEngine<TKey, RowOf8>(plan, expectedCustomers),
        <= 16 => new SegmentEngine<TKey, RowOf16>(plan, expectedCustomers),
        <= 32 => new SegmentEngine<TKey, RowOf32>(plan, expectedCustomers),
        _ => new SegmentEngine<TKey, RowOf0>(plan, expectedCustomers),
    };

    /// <summary>
    /// The entry indexes in the order their customers were first seen, or null when that is index order (no
    /// partitioned pass has added customers).
    /// </summary>
    public int[]? FirstSeenOrder()
    {
        if (firstSeen is null)
        {
            return null;
        }

        // An LSD radix sort of (order key, index) pairs, 11 to 16 bits a pass: the keys are distinct and below
        // nextOrder, so two or three linear passes replace a comparison sort of a million customers.
        var n = Count;
        var keys = firstSeen.AsSpan(0, n).ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var width = 64 - BitOperations.LeadingZeroCount((ulong)Math.Max(1, nextOrder));
        var passes = Math.Max(1, (width + 15) / 16);
        var digit = (width + passes - 1) / passes;
        var otherKeys = new long[n];
        var otherOrder = new int[n];
        var counts = new int[1 << digit];
        var mask = (1L << digit) - 1;
        for (var shift = 0; shift < width; shift += digit)
        {
            Array.Clear(counts);
            foreach (var key in keys)
            {
                counts[(int)((key >> shift) & mask)]++;
            }

            var sum = 0;
            for (var d = 0; d < counts.Length; d++)
            {
                var c = counts[d];
                counts[d] = sum;
                sum += c;
            }

            for (var i = 0; i < n; i++)
            {
                var at = counts[(int)((keys[i] >> shift) & mask)]++;
                otherKeys[at] = keys[i];
                otherOrder[at] = order[i];
            }

            (keys, otherKeys) = (otherKeys, keys);
            (order, otherOrder) = (otherOrder, order);
        }

        return order;
    }

    /// <summary>The first-seen order key of the customer at <paramref name="index"/> (its index while all were added in place).</summary>
    public long FirstSeenKey(int index) => firstSeen is null ? index : firstSeen[index];

    /// <summary>Bytes a customer's first-seen order key takes (0 while all customers were added in place).</summary>
    public int FirstSeenBytes => firstSeen is null ? 0 : sizeof(long);

    /// <summary>Starts keeping first-seen order keys (if not yet) and returns the next key; index order so far becomes keys 0, 1, ….</summary>
    protected long BeginOutOfOrder()
    {
        if (firstSeen is null)
        {
            firstSeen = new long[sideCapacity];
            for (var i = 0; i < Count; i++)
            {
                firstSeen[i] = i;
            }

            nextOrder = Count;
        }

        return nextOrder;
    }

    /// <summary>Ends a partitioned batch of <paramref name="length"/> events that began at order key <paramref name="start"/>.</summary>
    protected void EndOutOfOrder(long start, int length) => nextOrder = start + length;

    /// <summary>Records when a customer added by a partitioned pass was first seen (its order key).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void SetFirstSeen(int index, long order) => firstSeen![index] = order;

    public string Describe(int index) => KeyAt(index).ToString() ?? string.Empty;

    /// <summary>The event id of a name: by reference through the cache, else by value (then cached).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected int EventIdOf(string eventName)
    {
        var names = cachedNames;
        for (var i = 0; i < cachedCount; i++)
        {
            if (ReferenceEquals(names[i], eventName))
            {
                return cachedIds[i];
            }
        }

        return ResolveEventId(eventName);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ResolveEventId(string eventName)
    {
        var id = Plan.EventId(eventName);
        var slot = cachedCount < NameCacheSize ? cachedCount++ : cacheVictim++ % NameCacheSize;
        cachedNames[slot] = eventName;
        cachedIds[slot] = id;
        return id;
    }

    /// <summary>Makes a new customer's row empty and its side state room; called once per customer.</summary>
    protected void Initialise(Span<long> row, int index)
    {
        if (index >= sideCapacity)
        {
            GrowSide(sideCapacity * 2);
        }

        if (firstSeen is not null)
        {
            firstSeen[index] = nextOrder++;
        }

        foreach (var storage in Plan.Storages)
        {
            if (storage.Kind is StorageKind.FirstTime or StorageKind.FirstValue)
            {
                row[storage.RowOffset] = long.MaxValue;
            }
            else if (storage.Kind is StorageKind.LastTime or StorageKind.LastValue)
            {
                row[storage.RowOffset] = long.MinValue;
            }
        }
    }

    private void GrowSide(int customers)
    {
        if (Plan.ValueStride > 0)
        {
            Array.Resize(ref State.Values, customers * Plan.ValueStride);
        }

        if (Plan.TraitStride > 0)
        {
            Array.Resize(ref State.Traits, customers * Plan.TraitStride);
        }

        if (firstSeen is not null)
        {
            Array.Resize(ref firstSeen, customers);
        }

        sideCapacity = customers;
    }

    /// <summary>Applies an event (before the as-of instant, of a name the rules read) to a customer's row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Apply<T>(Span<long> row, int index, int eventId, long ticks, T item, Func<T, string, SegmentValue> property)
    {
        var properties = scratch[eventId];
        var names = Plan.EventPlans[eventId].PropertyArray;
        for (var p = 0; p < properties.Length; p++)
        {
            properties[p] = property(item, names[p]);
        }

        Apply(row, index, eventId, ticks, properties);
    }

    /// <summary>An array with room for the property values of an event of <paramref name="eventId"/>.</summary>
    protected SegmentValue[] ScratchValues(int eventId) => scratch[eventId];

    /// <summary>The number of property values an event of <paramref name="eventId"/> carries.</summary>
    protected int PropertyCount(int eventId) => scratch[eventId].Length;

    /// <summary>Reads the properties an event of <paramref name="eventId"/> carries, in slot order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected string[] PropertyNames(int eventId) => Plan.EventPlans[eventId].PropertyArray;

    /// <summary>Applies an event whose property values (in slot order) were read to a customer's row.</summary>
    protected void Apply(Span<long> row, int index, int eventId, long ticks, ReadOnlySpan<SegmentValue> properties)
    {
        var operations = Plan.EventPlans[eventId].Operations;
        var framed = false;
        for (var s = 0; s < operations.Length; s++)
        {
            ref readonly var operation = ref operations[s];
            if (ticks < operation.From || ticks >= operation.To)
            {
                continue;
            }

            if (operation.Filter is { } filter)
            {
                if (!framed)
                {
                    // Filters read the values from an array: the event's scratch array, unless they are already there.
                    var array = scratch[eventId];
                    if (!properties.Overlaps(array))
                    {
                        properties.CopyTo(array);
                    }

                    filterFrame.Properties = array;
                    framed = true;
                }

                filterFrame.Index = index;
                if (filter(filterFrame) != Truth.True)
                {
                    continue;
                }
            }

            switch (operation.Kind)
            {
                case StorageKind.Count:
                    if (operation.PropertySlot < 0 || !properties[operation.PropertySlot].IsMissing)
                    {
                        row[operation.RowOffset]++;
                    }

                    break;
                case StorageKind.Sum:
                {
                    ref readonly var value = ref properties[operation.PropertySlot];
                    if (!value.IsMissing)
                    {
                        AddToSum(ref SegmentPlan.SumAt(row, operation.SumOffset), NumberOf(value, operation.Storage, index), operation.Storage, index);
                    }

                    break;
                }

                case StorageKind.Average:
                {
                    ref readonly var value = ref properties[operation.PropertySlot];
                    if (!value.IsMissing)
                    {
                        AddToSum(ref SegmentPlan.SumAt(row, operation.SumOffset), NumberOf(value, operation.Storage, index), operation.Storage, index);
                        row[operation.RowOffset]++;
                    }

                    break;
                }

                case StorageKind.FirstTime:
                    row[operation.RowOffset] = Math.Min(row[operation.RowOffset], ticks);
                    break;
                case StorageKind.LastTime:
                    row[operation.RowOffset] = Math.Max(row[operation.RowOffset], ticks);
                    break;
                case StorageKind.Minimum or StorageKind.Maximum:
                {
                    var value = properties[operation.PropertySlot];
                    if (!value.IsMissing)
                    {
                        ref var extreme = ref State.Values[(index * Plan.ValueStride) + operation.ValueOffset];
                        extreme = Extreme(extreme, value, operation.Storage, index);
                    }

                    break;
                }

                default:
                    Latest(operation.Kind, ref row[operation.RowOffset], ref State.Values[(index * Plan.ValueStride) + operation.ValueOffset], ticks, properties[operation.PropertySlot]);
                    break;
            }
        }
    }

    /// <summary>Merges one storage of another engine's customer <paramref name="j"/> into this engine's customer <paramref name="i"/>.</summary>
    public void MergeSlot(Storage storage, Span<long> mine, int i, ReadOnlySpan<long> theirs, SegmentState theirState, int j)
    {
        var v = (i * Plan.ValueStride) + storage.ValueOffset;
        var vj = (j * Plan.ValueStride) + storage.ValueOffset;
        switch (storage.Kind)
        {
            case StorageKind.Count:
                mine[storage.RowOffset] += theirs[storage.RowOffset];
                break;
            case StorageKind.Sum:
                AddToSum(ref SegmentPlan.SumAt(mine, storage.SumOffset), Unsafe.As<long, decimal>(ref Unsafe.AsRef(in theirs[storage.SumOffset])), storage, i);
                break;
            case StorageKind.Average:
                AddToSum(ref SegmentPlan.SumAt(mine, storage.SumOffset), Unsafe.As<long, decimal>(ref Unsafe.AsRef(in theirs[storage.SumOffset])), storage, i);
                mine[storage.RowOffset] += theirs[storage.RowOffset];
                break;
            case StorageKind.Minimum or StorageKind.Maximum:
                if (!theirState.Values[vj].IsMissing)
                {
                    State.Values[v] = Extreme(State.Values[v], theirState.Values[vj], storage, i);
                }

                break;
            case StorageKind.FirstTime:
                mine[storage.RowOffset] = Math.Min(mine[storage.RowOffset], theirs[storage.RowOffset]);
                break;
            case StorageKind.LastTime:
                mine[storage.RowOffset] = Math.Max(mine[storage.RowOffset], theirs[storage.RowOffset]);
                break;
            default:
                var none = storage.Kind == StorageKind.FirstValue ? long.MaxValue : long.MinValue;
                if (theirs[storage.RowOffset] != none)
                {
                    Latest(storage.Kind, ref mine[storage.RowOffset], ref State.Values[v], theirs[storage.RowOffset], theirState.Values[vj]);
                }

                break;
        }
    }

    /// <summary>Keeps the earliest (first) or latest (last) event's value; at equal times the greater value wins, in any order.</summary>
    private static void Latest(StorageKind kind, ref long storedTicks, ref SegmentValue storedValue, long ticks, SegmentValue value)
    {
        var first = kind == StorageKind.FirstValue;
        var none = first ? long.MaxValue : long.MinValue;
        var better = storedTicks == none || (first ? ticks < storedTicks : ticks > storedTicks)
            || (ticks == storedTicks && SegmentValue.TotalOrder(value, storedValue) > 0);
        if (better)
        {
            storedTicks = ticks;
            storedValue = value;
        }
    }

    private SegmentValue Extreme(SegmentValue stored, SegmentValue value, Storage storage, int index)
    {
        if (stored.IsMissing)
        {
            if (value.Kind is not (SegmentValueKind.Number or SegmentValueKind.Date or SegmentValueKind.Instant))
            {
                throw DataError(index, SegmentErrorMessages.ValueKindAtEvaluation, SegmentLexer.Show(storage.Description), SegmentPlan.Describe(value.Kind), "a number or a date");
            }

            return value;
        }

        int comparison;
        if (stored.IsTime && value.IsTime)
        {
            comparison = value.TimeTicks(Plan.Zone).CompareTo(stored.TimeTicks(Plan.Zone));
        }
        else if (stored.Kind == SegmentValueKind.Number && value.Kind == SegmentValueKind.Number)
        {
            comparison = value.Number.CompareTo(stored.Number);
        }
        else
        {
            throw DataError(index, SegmentErrorMessages.ValueKindAtEvaluation, SegmentLexer.Show(storage.Description), SegmentPlan.Describe(value.Kind), SegmentPlan.Describe(stored.Kind));
        }

        var better = storage.Kind == StorageKind.Minimum ? comparison < 0 : comparison > 0;
        return better || (comparison == 0 && SegmentValue.TotalOrder(value, stored) > 0) ? value : stored;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private decimal NumberOf(in SegmentValue value, Storage storage, int index) =>
        value.Kind == SegmentValueKind.Number ? value.RawNumber : throw NotANumber(value, storage, index);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private RetentionDataException NotANumber(SegmentValue value, Storage storage, int index) =>
        DataError(index, SegmentErrorMessages.ValueKindAtEvaluation, SegmentLexer.Show(storage.Description), SegmentPlan.Describe(value.Kind), "a number");

    private void AddToSum(ref decimal sum, decimal value, Storage storage, int index)
    {
        try
        {
            sum += value;
        }
        catch (OverflowException)
        {
            throw DataError(index, SegmentErrorMessages.SumOverflow, SegmentLexer.Show(storage.Description));
        }
    }

    public RetentionDataException DataError(int index, string format, params object?[] args) =>
        new(string.Format(CultureInfo.InvariantCulture, format, args), Describe(index), null);
}

/// <summary>A <see cref="SegmentEngine{TKey}"/> whose rows are <typeparamref name="TRow"/> inline in the table entries.</summary>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <typeparam name="TRow">An inline array of longs at least as long as the plan's row, or <see cref="RowOf0"/> for rows kept in a separate array.</typeparam>
internal sealed class SegmentEngine<TKey, TRow> : SegmentEngine<TKey>
    where TKey : notnull
    where TRow : struct
{
    private readonly int valuesPerEvent;
    private CustomerStates<TKey, TRow> table;
    private int reserved;
    private long[] external = [];
    private const int ScatterSlice = 4_096;
    private long touchSink;

    public SegmentEngine(SegmentPlan plan, int expectedCustomers)
        : base(plan, expectedCustomers)
    {
        reserved = Math.Max(16, expectedCustomers);
        table = new(reserved);
        valuesPerEvent = plan.EventPlans.Select(e => e.PropertyArray.Length).DefaultIfEmpty(0).Max();
        if (IsExternal && RowLongs > 0)
        {
            external = new long[Math.Max(16, expectedCustomers) * RowLongs];
        }
    }

    // A JIT-time constant: the branch on it disappears in each instantiation.
    private static bool IsExternal => typeof(TRow) == typeof(RowOf0);

    public override int Count => table.Count;

    public override int EntryBytes =>
        Unsafe.SizeOf<TKey>() + (IsExternal ? RowLongs * 8 : Unsafe.SizeOf<TRow>()) + 16;

    public override TKey KeyAt(int index) => table.KeyAt(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override Span<long> RowAt(int index) => IsExternal
        ? external.AsSpan(index * RowLongs, RowLongs)
        : MemoryMarshal.CreateSpan(ref Unsafe.As<TRow, long>(ref table.StateAt(index)), RowLongs);

    public override int IndexOf(TKey key) => table.IndexOf(key);

    public override int GetOrAdd(TKey key) => GetOrAdd(key, CustomerStates<TKey, TRow>.Hash(key));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int GetOrAdd(TKey key, ulong hash)
    {
        var index = table.GetOrAddIndex(key, hash, out var added);
        if (added)
        {
            AddedRow(index);
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddedRow(int index)
    {
        if (IsExternal && (index + 1) * RowLongs > external.Length)
        {
            Array.Resize(ref external, external.Length * 2);
        }

        Initialise(RowAt(index), index);
    }

    public override void Add<T>(TKey key, string eventName, long ticks, T item, Func<T, string, SegmentValue> property)
    {
        var index = GetOrAdd(key);
        EventsRead++;
        if (ticks >= AsOfTicks)
        {
            EventsAfterAsOf++;
            return;
        }

        var eventId = EventIdOf(eventName);
        if (eventId >= 0)
        {
            Apply(RowAt(index), index, eventId, ticks, item, property);
        }
    }

    public override void AddBatch<T>(
        ReadOnlySpan<T> batch, Func<T, TKey> customer, Func<T, string> eventName, Func<T, Instant> time, Func<T, string, SegmentValue> property, long position)
    {
        var asOf = AsOfTicks;
        var after = 0L;
        var i = 0;
        try
        {
            for (; i < batch.Length; i++)
            {
                var item = batch[i];
                var key = customer(item);
                if (key is null)
                {
                    throw new RetentionDataException(SegmentErrorMessages.NullCustomer, null, position + i);
                }

                var name = eventName(item) ?? throw new RetentionDataException(SegmentErrorMessages.NullEventName, key.ToString(), position + i);
                var ticks = time(item).ToUnixTimeTicks();
                var index = GetOrAdd(key, CustomerStates<TKey, TRow>.Hash(key));
                if (ticks >= asOf)
                {
                    after++;
                    continue;
                }

                var eventId = EventIdOf(name);
                if (eventId >= 0)
                {
                    Apply(RowAt(index), index, eventId, ticks, item, property);
                }
            }
        }
        catch (RetentionDataException e) when (e.Position is null)
        {
            throw new RetentionDataException(e.Reason, e.Customer, position + i);
        }
        finally
        {
            EventsRead += i == batch.Length ? i : i + 1;
            EventsAfterAsOf += after;
        }
    }

    /// <summary>
    /// Radix-partitioned aggregation, as the customer summaries do it (see CustomerSummaryExtensions.AddPartitioned).
    /// Pass 1 reads each event once — selectors, checks, the as-of cut, the event id and the property values the
    /// rules read — and copies it into a bucket picked by the top bits of its customer's hash. Pass 2 applies the
    /// buckets one after another: the top hash bits also pick the table's slots, and a customer's entry is created
    /// while its bucket is applied, so a bucket touches one small range of slots and entries that stays in cache
    /// instead of two random cache lines per event. Large batches go through in chunks, which bounds the buffers.
    /// </summary>
    /// <remarks>
    /// Equal to <see cref="AddBatch{T}"/> in every observable way: each customer's events are applied in input
    /// order (a customer lives in one bucket, and a bucket keeps input order); customers are ordered by when they
    /// were first seen through order keys (see <see cref="SegmentEngine{TKey}.FirstSeenOrder"/>), as events dropped
    /// by the as-of cut or by name still pass through the buckets to make their customers known; and a failure
    /// names the first bad event of the batch, found by finishing the pass over the events before the first
    /// selector or check failure and keeping the earliest failure while applying. After a failure the state is not
    /// defined, as for any exception from <see cref="AddBatch{T}"/>.
    /// </remarks>
    public override void AddPartitioned<T>(
        ReadOnlySpan<T> batch, Func<T, TKey> customer, Func<T, string> eventName, Func<T, Instant> time, Func<T, string, SegmentValue> property, long position, int radixBits, int chunkEvents)
    {
        var chunk = chunkEvents > 0 ? chunkEvents : SegmentPartitioning.ChunkEvents;
        var buffers = SegmentPendingBuckets<TKey>.Take();
        try
        {
            for (var start = 0; start < batch.Length; start += chunk)
            {
                var length = Math.Min(chunk, batch.Length - start);
                var bits = radixBits >= 0 ? radixBits : SegmentPartitioning.RadixBits(Math.Max(Count, (batch.Length - start) / 8));
                AddChunk(batch.Slice(start, length), customer, eventName, time, property, position + start, bits, buffers);
            }
        }
        finally
        {
            SegmentPendingBuckets<TKey>.Give(buffers);
        }
    }

    /// <summary>
    /// About how many of a chunk's customers are new, from a sample: the new customers of bucket 0 (one bucket's share
    /// of the hash space, some 4,096 customers at the bucket count chosen) times the number of buckets, with three
    /// standard deviations of margin.
    /// </summary>
    private int NewCustomerEstimate(ReadOnlySpan<SegmentPendingEvent<TKey>> first, int bits, int limit)
    {
        var unseen = new HashSet<TKey>();
        foreach (ref readonly var e in first)
        {
            if (!unseen.Contains(e.Key) && table.IndexOf(e.Key) < 0)
            {
                unseen.Add(e.Key);
            }
        }

        var sampled = unseen.Count;
        return (int)Math.Min(limit, (long)(sampled + (3 * Math.Sqrt(sampled)) + 3) << bits);
    }

    /// <summary>
    /// Makes room for <paramref name="customers"/> before a pass adds customers bucket by bucket. The table's slots
    /// are picked by the top hash bits, so inserting one bucket after another fills one range of slots at a time: a
    /// table that had to grow during such a pass would pile each bucket's customers into a range sized for far fewer
    /// and probe in long runs. So it is rebuilt at the size the pass will need first, keeping every index.
    /// </summary>
    private void Reserve(int customers)
    {
        if (customers <= reserved)
        {
            return;
        }

        reserved = (int)Math.Min(int.MaxValue / 4, Math.Max(customers, reserved * 3L / 2));
        var old = table;
        var rebuilt = new CustomerStates<TKey, TRow>(reserved);
        for (var i = 0; i < old.Count; i++)
        {
            var key = old.KeyAt(i);
            rebuilt.GetOrAdd(key, CustomerStates<TKey, TRow>.Hash(key), out _) = old.StateAt(i);
        }

        table = rebuilt;
    }

    private void AddChunk<T>(
        ReadOnlySpan<T> batch, Func<T, TKey> customer, Func<T, string> eventName, Func<T, Instant> time, Func<T, string, SegmentValue> property, long position, int bits,
        SegmentPendingBuckets<TKey> buffers)
    {
        var buckets = 1 << bits;
        buffers.Reset(buckets, (batch.Length / buckets * 9 / 8) + 64, valuesPerEvent);
        // Both passes run in short calls (slices of the chunk, one bucket), so that they are recompiled with the
        // selectors inlined behind type checks instead of running the whole chunk in their first, less optimised form.
        var failedAt = batch.Length;
        ExceptionDispatchInfo? failure = null;
        for (var start = 0; start < batch.Length; start += ScatterSlice)
        {
            var length = Math.Min(ScatterSlice, batch.Length - start);
            var done = Scatter(batch.Slice(start, length), start, customer, eventName, time, property, position, bits, buffers, out failure);
            if (failure is not null)
            {
                // A selector or check failed: the events before it are still applied, since one of them may fail first.
                failedAt = start + done;
                break;
            }
        }

        Reserve(Count + NewCustomerEstimate(buffers.Events(0), bits, batch.Length));
        var order = BeginOutOfOrder();
        var errorAt = int.MaxValue;
        RetentionDataException? error = null;
        for (var b = 0; b < buckets; b++)
        {
            // The bucket's slots and entries are read in one sweep first (see CustomerStates.Touch).
            touchSink ^= table.Touch(b, bits);
            ApplyBucket(buffers, b, order, ref errorAt, ref error);
        }

        EndOutOfOrder(order, batch.Length);
        if (error is not null && errorAt < failedAt)
        {
            EventsRead += errorAt + 1;
            throw new RetentionDataException(error.Reason, error.Customer, position + errorAt);
        }

        if (failure is not null)
        {
            EventsRead += failedAt + 1;
            failure.Throw();
        }

        EventsRead += batch.Length;
    }

    /// <summary>
    /// Pass 1 over a slice whose first event is at <paramref name="offset"/> in the chunk: checks each event, reads its
    /// properties and copies it into its bucket. Returns the events read; on a failure, the index of the failing one.
    /// </summary>
    private int Scatter<T>(
        ReadOnlySpan<T> slice, int offset, Func<T, TKey> customer, Func<T, string> eventName, Func<T, Instant> time, Func<T, string, SegmentValue> property,
        long position, int bits, SegmentPendingBuckets<TKey> buffers, out ExceptionDispatchInfo? failure)
    {
        var asOf = AsOfTicks;
        var after = 0L;
        var i = 0;
        failure = null;
        try
        {
            for (; i < slice.Length; i++)
            {
                var item = slice[i];
                var key = customer(item);
                if (key is null)
                {
                    throw new RetentionDataException(SegmentErrorMessages.NullCustomer, null, position + offset + i);
                }

                var name = eventName(item) ?? throw new RetentionDataException(SegmentErrorMessages.NullEventName, key.ToString(), position + offset + i);
                var ticks = time(item).ToUnixTimeTicks();
                var hash = CustomerStates<TKey, TRow>.Hash(key);
                var bucket = bits == 0 ? 0 : (int)(hash >> (64 - bits));
                var eventId = -1;
                if (ticks >= asOf)
                {
                    after++;
                }
                else
                {
                    eventId = EventIdOf(name);
                    if (eventId >= 0)
                    {
                        var names = PropertyNames(eventId);
                        for (var p = 0; p < names.Length; p++)
                        {
                            buffers.AddValue(bucket, property(item, names[p]));
                        }
                    }
                }

                buffers.Add(bucket, new SegmentPendingEvent<TKey>(key, ticks, offset + i, eventId));
            }
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        EventsAfterAsOf += after;
        return i;
    }

    /// <summary>
    /// Pass 2 over one bucket: each event finds (or creates) its customer's entry and updates the row. A data error
    /// is kept when it is the earliest so far, and the bucket goes on with the next event.
    /// </summary>
    private void ApplyBucket(SegmentPendingBuckets<TKey> buffers, int bucket, long order, ref int errorAt, ref RetentionDataException? error)
    {
        var events = buffers.Events(bucket);
        var values = buffers.Values(bucket);
        var local = default(EventValues);
        var r = 0;
        var v = 0;
        while (r < events.Length)
        {
            try
            {
                for (; r < events.Length; r++)
                {
                    ref readonly var e = ref events[r];
                    var index = table.GetOrAddIndex(e.Key, CustomerStates<TKey, TRow>.Hash(e.Key), out var added);
                    if (added)
                    {
                        AddedRow(index);
                        SetFirstSeen(index, order + e.Offset);
                    }

                    if (e.EventId >= 0)
                    {
                        var count = PropertyCount(e.EventId);
                        Span<SegmentValue> properties = count <= EventValues.Length ? local[..count] : ScratchValues(e.EventId);
                        for (var p = 0; p < count; p++)
                        {
                            properties[p] = buffers.ValueOf(values[v + p]);
                        }

                        v += count;
                        Apply(RowAt(index), index, e.EventId, e.Ticks, properties);
                    }
                }
            }
            catch (RetentionDataException e) when (e.Position is null)
            {
                // Keep the earliest failure and go on: a later bucket may hold an earlier event that fails.
                if (events[r].Offset < errorAt)
                {
                    errorAt = events[r].Offset;
                    error = e;
                }

                r++;
            }
        }
    }
}

/// <summary>Room on the stack for the property values of one event, so that copying them needs no GC write barrier.</summary>
[InlineArray(Length)]
internal struct EventValues
{
    public const int Length = 4;

    private SegmentValue element;
}

/// <summary>Tuning of the partitioned path (<see cref="SegmentEngine{TKey, TRow}.AddPartitioned{T}"/>).</summary>
internal static class SegmentPartitioning
{
    /// <summary>Batches at least this long take the partitioned path.</summary>
    public const int Threshold = 100_000;

    /// <summary>
    /// Events bucketed before they are applied: bounds the buffers (24 bytes an event for a reference or 8-byte key,
    /// plus 40 bytes a property value). Each chunk's second pass sweeps the whole table once, so larger chunks pay
    /// that sweep less often; 4 million events took about a third less time than 1 million on 10 million events.
    /// </summary>
    public const int ChunkEvents = 1 << 22;

    /// <summary>
    /// Customers per bucket to aim for: a bucket's table entries (key and row, 72 bytes for a row of 8 words) and hash
    /// slots, some 400 KB, then stay in a core's level-2 cache while its events are applied.
    /// </summary>
    public const int CustomersPerBucket = 4_096;

    /// <summary>At most 256 buckets, so the first pass writes to few enough places at once.</summary>
    public const int MaximumBits = 8;

    /// <summary>Enough top hash bits that each bucket holds about <see cref="CustomersPerBucket"/> of <paramref name="expectedCustomers"/>.</summary>
    public static int RadixBits(long expectedCustomers)
    {
        var bits = 0;
        while (bits < MaximumBits && (expectedCustomers >> bits) > CustomersPerBucket)
        {
            bits++;
        }

        return bits;
    }
}

/// <summary>No inline row: the rows live in a separate array (plans too large for an inline row, or with no row).</summary>
internal struct RowOf0;

[InlineArray(2)]
internal struct RowOf2
{
    private long element;
}

[InlineArray(4)]
internal struct RowOf4
{
    private long element;
}

[InlineArray(8)]
internal struct RowOf8
{
    private long element;
}

[InlineArray(16)]
internal struct RowOf16
{
    private long element;
}

[InlineArray(32)]
internal struct RowOf32
{
    private long element;
}

