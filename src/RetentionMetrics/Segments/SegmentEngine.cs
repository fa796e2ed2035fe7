using System.Globalization;
using System.Runtime.CompilerServices;
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

    protected SegmentEngine(SegmentPlan plan)
    {
        Plan = plan;
        AsOfTicks = plan.AsOfTicks;
        RowLongs = plan.RowLongs;
        scratch = [.. plan.EventPlans.Select(e => new SegmentValue[e.PropertyArray.Length])];
        filterFrame = new EvaluationFrame(plan, State) { Describe = Describe };
        GrowSide(16);
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

    /// <summary>Adds one event.</summary>
    public abstract void Add<T>(TKey key, string eventName, long ticks, T item, Func<T, string, SegmentValue> property);

    /// <summary>An engine whose row type fits <paramref name="plan"/>.</summary>
    public static SegmentEngine<TKey> Create(SegmentPlan plan) => plan.RowLongs switch
    {
        0 => new SegmentEngine<TKey, RowOf0>(plan),
        <= 2 => new SegmentEngine<TKey, RowOf2>(plan),
        <= 4 => new SegmentEngine<TKey, RowOf4>(plan),
        <= 8 => new SegmentEngine<TKey, RowOf8>(plan),
        <= 16 => new SegmentEngine<TKey, RowOf16>(plan),
        <= 32 => new SegmentEngine<TKey, RowOf32>(plan),
        _ => new SegmentEngine<TKey, RowOf0>(plan),
    };

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

        sideCapacity = customers;
    }

    /// <summary>Applies an event (before the as-of instant, of a name the rules read) to a customer's row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Apply<T>(Span<long> row, int index, int eventId, long ticks, T item, Func<T, string, SegmentValue> property)
    {
        var eventPlan = Plan.EventPlans[eventId];
        var properties = scratch[eventId];
        var names = eventPlan.PropertyArray;
        for (var p = 0; p < properties.Length; p++)
        {
            properties[p] = property(item, names[p]);
        }

        var operations = eventPlan.Operations;
        for (var s = 0; s < operations.Length; s++)
        {
            ref readonly var operation = ref operations[s];
            if (ticks < operation.From || ticks >= operation.To)
            {
                continue;
            }

            if (operation.Filter is { } filter)
            {
                filterFrame.Properties = properties;
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
    private readonly CustomerStates<TKey, TRow> table = new();
    private long[] external = [];

    public SegmentEngine(SegmentPlan plan)
        : base(plan)
    {
        if (IsExternal && RowLongs > 0)
        {
            external = new long[16 * RowLongs];
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
