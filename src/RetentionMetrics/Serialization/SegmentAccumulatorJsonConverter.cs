using System.Runtime.InteropServices;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>segmentAccumulator</c> version 1: <c>segments</c> (a <c>segmentSet</c> document), the options (as-of instant,
/// zone, assignment mode), <c>eventsRead</c>, <c>eventsAfterAsOf</c>, <c>aggregates</c> (the canonical text of each
/// aggregate the rules need, in the order the set compiles them), <c>traits</c> (the trait names the rules read, in
/// order) and per customer its key, one aggregate state per aggregate and one value per trait.
/// </summary>
/// <remarks>
/// An aggregate state is a count (<c>count</c>, <c>exists</c>), a decimal (<c>sum</c>), <c>{ "sum", "count" }</c>
/// (<c>avg</c>), a value or null (<c>min</c>, <c>max</c>), an instant or null (<c>first(e)</c>, <c>last(e)</c>) or
/// <c>{ "time", "value" }</c> or null (<c>first(e.p)</c>, <c>last(e.p)</c>). A value is a JSON number, string,
/// <c>true</c>/<c>false</c>, <c>{ "date": "2024-01-31" }</c>, <c>{ "instant": "2024-01-31T09:00:00Z" }</c>, or null
/// for an absent value. The aggregate and trait lists are recompiled from the segments on reading and must match, so a
/// state is never read against rules other than its own.
/// </remarks>
internal sealed class SegmentAccumulatorJsonConverter<TKey> : StateJsonConverter<SegmentAccumulator<TKey>>
    where TKey : notnull
{
    private const string ValueKinds = "a number, a string, true, false, null, {\"date\": …} or {\"instant\": …}";

    protected override string TypeName => "segmentAccumulator";

    protected override void WriteBody(Utf8JsonWriter writer, SegmentAccumulator<TKey> value, JsonSerializerOptions options)
    {
        var plan = value.Plan;
        writer.WritePropertyName("segments");
        SegmentSetJsonConverter.WriteDocument(writer, value.Segments);
        writer.WritePropertyName("options");
        OptionsJson.Write(writer, value.Options);
        writer.WriteNumber("eventsRead", value.EventsRead);
        writer.WriteNumber("eventsAfterAsOf", value.EventsAfterAsOf);
        writer.WriteStartArray("aggregates");
        foreach (var storage in plan.Storages)
        {
            writer.WriteStringValue(storage.Description);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("traits");
        foreach (var name in plan.TraitNames)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("customers");
        for (var i = 0; i < value.CustomerCount; i++)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            CustomerKeyJson<TKey>.Write(writer, value.KeyAt(i), options);
            var row = value.RowAt(i);
            var values = value.ValuesAt(i);
            writer.WriteStartArray("aggregates");
            foreach (var storage in plan.Storages)
            {
                WriteAggregate(writer, storage, row, values);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("traits");
            foreach (var trait in value.TraitsAt(i))
            {
                WriteValue(writer, trait);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override SegmentAccumulator<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var segments = SegmentSetJsonConverter.ReadDocument(root.Property("segments"));
        var settings = OptionsJson.ReadSegmentOptions(root.Property("options"));
        var accumulator = Checked(root, () => new SegmentAccumulator<TKey>(segments, settings));
        var plan = accumulator.Plan;
        var eventsRead = root.Property("eventsRead").Count();
        var eventsAfterAsOf = root.Property("eventsAfterAsOf").Int64(0, eventsRead);
        ExpectNames(root.Property("aggregates"), plan.Storages.Select(s => s.Description).ToArray(), "the aggregates must be those the segments need, in the order they compile to");
        ExpectNames(root.Property("traits"), [.. plan.TraitNames], "the traits must be those the segments read, in the order they compile to");

        // The most events one aggregate of one customer can have counted.
        var counted = eventsRead - eventsAfterAsOf;
        var row = new long[plan.RowLongs];
        var values = new SegmentValue[plan.ValueStride];
        var traits = new SegmentValue[plan.TraitStride];
        foreach (var customer in root.Property("customers").Items())
        {
            customer.ExpectObject();
            var keyNode = customer.Property("key");
            var key = CustomerKeyJson<TKey>.Read(keyNode, options);
            var aggregatesNode = customer.Property("aggregates");
            if (aggregatesNode.ArrayLength() != plan.Storages.Count)
            {
                throw aggregatesNode.Error(SerializationErrorMessages.Inconsistent, "one state per aggregate");
            }

            var s = 0;
            foreach (var item in aggregatesNode.Items())
            {
                ReadAggregate(item, plan.Storages[s++], row, values, plan, counted);
            }

            var traitsNode = customer.Property("traits");
            if (traitsNode.ArrayLength() != plan.TraitStride)
            {
                throw traitsNode.Error(SerializationErrorMessages.Inconsistent, "one value per trait");
            }

            var t = 0;
            foreach (var item in traitsNode.Items())
            {
                traits[t++] = ReadValue(item);
            }

            if (!accumulator.TryRestore(key, row, values, traits))
            {
                throw keyNode.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }
        }

        accumulator.RestoreCounters(eventsRead, eventsAfterAsOf);
        return accumulator;
    }

    private static void ExpectNames(JsonNode node, string[] expected, string rule)
    {
        var found = node.Items().Select(item => item.String()).ToArray();
        if (!found.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw node.Error(SerializationErrorMessages.Inconsistent, rule);
        }
    }

    private static void WriteAggregate(Utf8JsonWriter writer, Storage storage, ReadOnlySpan<long> row, ReadOnlySpan<SegmentValue> values)
    {
        switch (storage.Kind)
        {
            case StorageKind.Count:
                writer.WriteNumberValue(row[storage.RowOffset]);
                break;
            case StorageKind.Sum:
                writer.WriteNumberValue(SumAt(row, storage.SumOffset));
                break;
            case StorageKind.Average:
                writer.WriteStartObject();
                writer.WriteNumber("sum", SumAt(row, storage.SumOffset));
                writer.WriteNumber("count", row[storage.RowOffset]);
                writer.WriteEndObject();
                break;
            case StorageKind.Minimum or StorageKind.Maximum:
                WriteValue(writer, values[storage.ValueOffset]);
                break;
            case StorageKind.FirstTime or StorageKind.LastTime:
                if (row[storage.RowOffset] == None(storage.Kind))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(InstantPattern.ExtendedIso.Format(Instant.FromUnixTimeTicks(row[storage.RowOffset])));
                }

                break;
            default:
                if (row[storage.RowOffset] == None(storage.Kind))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteInstant("time", Instant.FromUnixTimeTicks(row[storage.RowOffset]));
                    writer.WritePropertyName("value");
                    WriteValue(writer, values[storage.ValueOffset]);
                    writer.WriteEndObject();
                }

                break;
        }
    }

    private static void ReadAggregate(JsonNode node, Storage storage, long[] row, SegmentValue[] values, SegmentPlan plan, long counted)
    {
        switch (storage.Kind)
        {
            case StorageKind.Count:
                row[storage.RowOffset] = node.Int64(0, counted);
                break;
            case StorageKind.Sum:
                SumAt(row, storage.SumOffset) = node.Decimal();
                break;
            case StorageKind.Average:
            {
                node.ExpectObject();
                var sum = node.Property("sum").Decimal();
                var count = node.Property("count").Int64(0, counted);
                if (count == 0 && sum != 0m)
                {
                    throw node.Error(SerializationErrorMessages.Inconsistent, "an average over no values has a sum of 0");
                }

                SumAt(row, storage.SumOffset) = sum;
                row[storage.RowOffset] = count;
                break;
            }

            case StorageKind.Minimum or StorageKind.Maximum:
            {
                var value = ReadValue(node);
                if (!value.IsMissing && value.Kind is not (SegmentValueKind.Number or SegmentValueKind.Date or SegmentValueKind.Instant))
                {
                    throw node.Expected("a number, a date, an instant or null");
                }

                values[storage.ValueOffset] = value;
                break;
            }

            case StorageKind.FirstTime or StorageKind.LastTime:
                row[storage.RowOffset] = node.IsNull ? None(storage.Kind) : Ticks(node, storage, plan);
                break;
            default:
                if (node.IsNull)
                {
                    row[storage.RowOffset] = None(storage.Kind);
                    values[storage.ValueOffset] = SegmentValue.Missing;
                }
                else
                {
                    node.ExpectObject();
                    row[storage.RowOffset] = Ticks(node.Property("time"), storage, plan);
                    values[storage.ValueOffset] = ReadValue(node.Property("value"));
                }

                break;
        }
    }

    /// <summary>An event time: within the aggregate's window and before the as-of instant, as every counted event is.</summary>
    private static long Ticks(JsonNode node, Storage storage, SegmentPlan plan)
    {
        var ticks = node.Instant().ToUnixTimeTicks();
        if (ticks >= plan.AsOfTicks || ticks < storage.From || ticks >= storage.To)
        {
            throw node.Error(SerializationErrorMessages.Inconsistent, "an event time must lie in its aggregate's window, before the as-of instant");
        }

        return ticks;
    }

    private static long None(StorageKind kind) => kind is StorageKind.FirstTime or StorageKind.FirstValue ? long.MaxValue : long.MinValue;

    private static void WriteValue(Utf8JsonWriter writer, SegmentValue value)
    {
        switch (value.Kind)
        {
            case SegmentValueKind.Missing:
                writer.WriteNullValue();
                break;
            case SegmentValueKind.Number:
                writer.WriteNumberValue(value.Number);
                break;
            case SegmentValueKind.String:
                writer.WriteStringValue(value.String);
                break;
            case SegmentValueKind.Boolean:
                writer.WriteBooleanValue(value.Boolean);
                break;
            case SegmentValueKind.Date:
                writer.WriteStartObject();
                writer.WriteString("date", LocalDatePattern.Iso.Format(value.Date));
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStartObject();
                writer.WriteInstant("instant", value.Instant);
                writer.WriteEndObject();
                break;
        }
    }

    private static SegmentValue ReadValue(JsonNode node)
    {
        switch (node.Kind)
        {
            case JsonValueKind.Null:
                return SegmentValue.Missing;
            case JsonValueKind.Number:
                return SegmentValue.FromNumber(node.Decimal());
            case JsonValueKind.String:
                return SegmentValue.FromString(node.String());
            case JsonValueKind.True or JsonValueKind.False:
                return SegmentValue.FromBoolean(node.Boolean());
            case JsonValueKind.Object when node.Element.EnumerateObject().Count() == 1:
                if (node.TryProperty("date", out var date))
                {
                    return SegmentValue.FromDate(date.Date());
                }

                if (node.TryProperty("instant", out var instant))
                {
                    return SegmentValue.FromInstant(instant.Instant());
                }

                throw node.Expected(ValueKinds);
            default:
                throw node.Expected(ValueKinds);
        }
    }

    private static decimal SumAt(ReadOnlySpan<long> row, int offset) => MemoryMarshal.Read<decimal>(MemoryMarshal.AsBytes(row.Slice(offset, 2)));

    private static ref decimal SumAt(long[] row, int offset) => ref SegmentPlan.SumAt(row, offset);
}
