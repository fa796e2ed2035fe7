namespace RetentionMetrics.Segments;

// Snapshot and restore for RetentionMetrics.Serialization: reads and writes the engine's per-customer rows only. The
// converter reads a row through the plan's storages (SumOffset, RowOffset, ValueOffset), so the layout stays here.
public sealed partial class SegmentAccumulator<TKey>
{
    internal SegmentPlan Plan => plan;

    internal TKey KeyAt(int index) => engine.KeyAt(index);

    /// <summary>The customer's row of sums, counters and times (see <see cref="SegmentPlan.RowLongs"/>).</summary>
    internal ReadOnlySpan<long> RowAt(int index) => engine.RowAt(index);

    /// <summary>The customer's first/last/min/max values, one per storage with a value offset.</summary>
    internal ReadOnlySpan<SegmentValue> ValuesAt(int index) => engine.State.Values.AsSpan(index * plan.ValueStride, plan.ValueStride);

    /// <summary>The customer's traits, one per name of <see cref="SegmentPlan.TraitNames"/>.</summary>
    internal ReadOnlySpan<SegmentValue> TraitsAt(int index) => engine.State.Traits.AsSpan(index * plan.TraitStride, plan.TraitStride);

    /// <summary>Adds a customer from a validated row, values and traits of the plan's widths; false when the key is already present.</summary>
    internal bool TryRestore(TKey key, ReadOnlySpan<long> row, ReadOnlySpan<SegmentValue> values, ReadOnlySpan<SegmentValue> traits)
    {
        if (row.Length != plan.RowLongs || values.Length != plan.ValueStride || traits.Length != plan.TraitStride)
        {
            throw new ArgumentException("The row, values and traits must have the plan's widths.", nameof(row));
        }

        if (engine.IndexOf(key) >= 0)
        {
            return false;
        }

        var index = engine.GetOrAdd(key);
        row.CopyTo(engine.RowAt(index));
        values.CopyTo(engine.State.Values.AsSpan(index * plan.ValueStride, plan.ValueStride));
        traits.CopyTo(engine.State.Traits.AsSpan(index * plan.TraitStride, plan.TraitStride));
        return true;
    }

    internal void RestoreCounters(long eventsRead, long eventsAfterAsOf)
    {
        engine.EventsRead = eventsRead;
        engine.EventsAfterAsOf = eventsAfterAsOf;
    }
}
