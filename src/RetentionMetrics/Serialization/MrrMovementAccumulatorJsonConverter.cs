using System.Text.Json;
using RetentionMetrics.Churn;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>mrrMovementAccumulator</c> version 1: the options, the change counters and per customer its key and its MRR
/// changes (effective local date and time, new MRR) in arrival order.
/// </summary>
internal sealed class MrrMovementAccumulatorJsonConverter<TKey> : StateJsonConverter<MrrMovementAccumulator<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "mrrMovementAccumulator";

    protected override void WriteBody(Utf8JsonWriter writer, MrrMovementAccumulator<TKey> value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("options");
        OptionsJson.Write(writer, value.Options);
        writer.WriteNumber("changesRead", value.ChangesRead);
        writer.WriteNumber("changesAfterAsOf", value.ChangesAfterAsOf);
        writer.WriteStartArray("customers");
        var changes = value.ChangesByCustomer();
        for (var i = 0; i < changes.Length; i++)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            CustomerKeyJson<TKey>.Write(writer, value.KeyAt(i), options);
            writer.WriteStartArray("changes");
            foreach (var (ticks, mrr) in changes[i])
            {
                writer.WriteStartObject();
                writer.WriteDateTime("effective", PeriodCalendar.DateTimeOf(ticks));
                writer.WriteNumber("mrr", mrr);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override MrrMovementAccumulator<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var accumulator = new MrrMovementAccumulator<TKey>(OptionsJson.ReadMrrMovementOptions(root.Property("options")));
        var changesRead = root.Property("changesRead").Count();
        var changesAfterAsOf = root.Property("changesAfterAsOf").Count();
        var counted = 0L;
        foreach (var customer in root.Property("customers").Items())
        {
            customer.ExpectObject();
            var keyNode = customer.Property("key");
            var key = CustomerKeyJson<TKey>.Read(keyNode, options);
            var changesNode = customer.Property("changes");
            var changes = new List<(long, decimal)>(changesNode.ArrayLength());
            if (changes.Capacity == 0)
            {
                throw changesNode.Expected("at least one change");
            }

            foreach (var change in changesNode.Items())
            {
                change.ExpectObject();
                var effectiveNode = change.Property("effective");
                var ticks = PeriodJson.LocalTicks(effectiveNode);
                if (PeriodCalendar.DayNumber(ticks) > accumulator.LastDay)
                {
                    throw effectiveNode.Error(SerializationErrorMessages.Inconsistent, "a change is after the as-of date");
                }

                var mrrNode = change.Property("mrr");
                var mrr = mrrNode.Decimal();
                if (mrr < 0)
                {
                    throw mrrNode.Expected("an MRR of zero or more");
                }

                changes.Add((ticks, mrr));
            }

            if (!accumulator.TryRestore(key, changes))
            {
                throw keyNode.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }

            counted += changes.Count;
        }

        if (changesRead < counted + changesAfterAsOf)
        {
            throw root.Property("changesRead").Error(SerializationErrorMessages.Inconsistent, "changes read must be at least the changes kept plus those after the as-of date");
        }

        accumulator.RestoreCounters(changesRead, changesAfterAsOf);
        return accumulator;
    }
}
