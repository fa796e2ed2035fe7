using System.Text.Json;
using RetentionMetrics.Internal;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>customerLifetimeAccumulator</c> version 1: the options, the records after the as-of date and per customer its
/// key, first record (local date and time), last record day and group (null for none).
/// </summary>
internal sealed class CustomerLifetimeAccumulatorJsonConverter<TKey> : StateJsonConverter<CustomerLifetimeAccumulator<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "customerLifetimeAccumulator";

    protected override void WriteBody(Utf8JsonWriter writer, CustomerLifetimeAccumulator<TKey> value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("options");
        OptionsJson.Write(writer, value.Options);
        writer.WriteNumber("recordsAfterAsOf", value.RecordsAfterAsOf);
        writer.WriteStartArray("customers");
        for (var i = 0; i < value.CustomerCount; i++)
        {
            var (key, firstTicks, lastDay, group) = value.SnapshotAt(i);
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            CustomerKeyJson<TKey>.Write(writer, key, options);
            writer.WriteDateTime("firstRecord", PeriodCalendar.DateTimeOf(firstTicks));
            writer.WriteDate("lastDay", PeriodCalendar.DateOf(lastDay));
            writer.WriteNullableString("group", group);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override CustomerLifetimeAccumulator<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var accumulator = new CustomerLifetimeAccumulator<TKey>(OptionsJson.ReadCustomerLifetimeOptions(root.Property("options")));
        foreach (var customer in root.Property("customers").Items())
        {
            customer.ExpectObject();
            var keyNode = customer.Property("key");
            var key = CustomerKeyJson<TKey>.Read(keyNode, options);
            var firstTicks = PeriodJson.LocalTicks(customer.Property("firstRecord"));
            var lastNode = customer.Property("lastDay");
            var lastDay = PeriodJson.DayNumber(lastNode);
            if (lastDay < PeriodCalendar.DayNumber(firstTicks))
            {
                throw lastNode.Error(SerializationErrorMessages.Inconsistent, "the last record day is before the first record");
            }

            if ((lastDay + 1L) * PeriodCalendar.TicksPerDay - 1 > accumulator.LastCountedTicks)
            {
                throw lastNode.Error(SerializationErrorMessages.Inconsistent, "the last record day is after the as-of date");
            }

            var group = customer.TryProperty("group", out var groupNode) ? groupNode.String() : null;
            if (!accumulator.TryRestore(key, firstTicks, lastDay, group))
            {
                throw keyNode.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }
        }

        accumulator.RestoreCounters(root.Property("recordsAfterAsOf").Count());
        return accumulator;
    }
}
