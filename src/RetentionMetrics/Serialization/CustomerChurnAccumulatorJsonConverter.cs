using System.Text.Json;
using RetentionMetrics.Churn;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>customerChurnAccumulator</c> version 1: the options, the record counters, the latest record day, and per
/// customer its key, first record day, record count, the first day of every period in which it counts as active
/// and, with an inactivity window, of every period in which it bought.
/// </summary>
internal sealed class CustomerChurnAccumulatorJsonConverter<TKey> : StateJsonConverter<CustomerChurnAccumulator<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "customerChurnAccumulator";

    protected override void WriteBody(Utf8JsonWriter writer, CustomerChurnAccumulator<TKey> value, JsonSerializerOptions options)
    {
        var period = value.Options.Period;
        writer.WritePropertyName("options");
        OptionsJson.Write(writer, value.Options);
        writer.WriteNumber("recordsRead", value.RecordsRead);
        writer.WriteNumber("recordsAfterAsOf", value.RecordsAfterAsOf);
        writer.WriteDate("latestDay", value.LatestDay < 0 ? null : PeriodCalendar.DateOf(value.LatestDay));
        writer.WriteStartArray("customers");
        for (var i = 0; i < value.CustomerCount; i++)
        {
            var (key, firstDay, records, active, purchases) = value.SnapshotAt(i);
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            CustomerKeyJson<TKey>.Write(writer, key, options);
            writer.WriteDate("firstDay", PeriodCalendar.DateOf(firstDay));
            writer.WriteNumber("records", records);
            WritePeriods(writer, "activePeriods", active, period);
            if (value.HasWindow)
            {
                WritePeriods(writer, "purchasePeriods", purchases, period);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override CustomerChurnAccumulator<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var settings = OptionsJson.ReadCustomerChurnOptions(root.Property("options"));
        var accumulator = new CustomerChurnAccumulator<TKey>(settings);
        var period = settings.Period;
        var recordsRead = root.Property("recordsRead").Count();
        var recordsAfterAsOf = root.Property("recordsAfterAsOf").Count();
        var latestNode = root.Property("latestDay");
        var latestDay = latestNode.IsNull ? -1 : PeriodJson.DayNumber(latestNode);
        if (latestDay > accumulator.LastDay)
        {
            throw latestNode.Error(SerializationErrorMessages.Inconsistent, "the latest record day is after the as-of date");
        }

        var counted = 0L;
        foreach (var customer in root.Property("customers").Items())
        {
            customer.ExpectObject();
            var keyNode = customer.Property("key");
            var key = CustomerKeyJson<TKey>.Read(keyNode, options);
            var firstNode = customer.Property("firstDay");
            var firstDay = PeriodJson.DayNumber(firstNode);
            if (firstDay > latestDay)
            {
                throw firstNode.Error(SerializationErrorMessages.Inconsistent, "a first record day is after the latest record day");
            }

            var records = customer.Property("records").Int64(1);
            var activeNode = customer.Property("activePeriods");
            var active = PeriodJson.IncreasingPeriods(activeNode, item => PeriodJson.ChurnPeriodNumber(item, period), "distinct active periods");
            var purchases = active;
            if (accumulator.HasWindow)
            {
                var purchasesNode = customer.Property("purchasePeriods");
                purchases = PeriodJson.IncreasingPeriods(purchasesNode, item => PeriodJson.ChurnPeriodNumber(item, period), "distinct purchase periods");
                if (purchases.Length == 0 || purchases.Except(active).Any())
                {
                    throw purchasesNode.Error(SerializationErrorMessages.Inconsistent, "a customer buys in at least one period and is active in every period it buys in");
                }
            }

            if (purchases.Length == 0 || purchases[0] != ChurnCalendar.PeriodOf(firstDay, period) || records < purchases.Length)
            {
                throw activeNode.Error(SerializationErrorMessages.Inconsistent, "the first purchase period must hold the first record day, with at least one record per purchase period");
            }

            if (!accumulator.TryRestore(key, firstDay, records, active, purchases))
            {
                throw keyNode.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }

            counted += records;
        }

        if (recordsRead < counted + recordsAfterAsOf)
        {
            throw root.Property("recordsRead").Error(SerializationErrorMessages.Inconsistent, "records read must be at least the records counted plus those after the as-of date");
        }

        accumulator.RestoreCounters(recordsRead, recordsAfterAsOf, latestDay);
        return accumulator;
    }

    private static void WritePeriods(Utf8JsonWriter writer, string name, int[] periods, ChurnPeriod period)
    {
        writer.WriteStartArray(name);
        foreach (var number in periods)
        {
            writer.WriteDateValue(ChurnCalendar.StartOf(number, period));
        }

        writer.WriteEndArray();
    }
}
