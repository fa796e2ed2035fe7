using System.Text.Json;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>cohortAccumulator</c> version 1: the options, the record counters, the latest record day and per customer its
/// key, first record (local date and time), signup period (null for none), group (null for none), the first day of
/// every period in which it was active, ascending, and, when revenue is tracked, the revenue of each of those periods.
/// </summary>
internal sealed class CohortAccumulatorJsonConverter<TKey> : StateJsonConverter<CohortAccumulator<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "cohortAccumulator";

    protected override void WriteBody(Utf8JsonWriter writer, CohortAccumulator<TKey> value, JsonSerializerOptions options)
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
            var (key, firstTicks, signup, group, periods, revenue) = value.SnapshotAt(i);
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            CustomerKeyJson<TKey>.Write(writer, key, options);
            writer.WriteDateTime("firstRecord", PeriodCalendar.DateTimeOf(firstTicks));
            writer.WriteDate("signupPeriod", signup < 0 ? null : CohortCalendar.StartOf(signup, period));
            writer.WriteNullableString("group", group);
            writer.WriteStartArray("periods");
            foreach (var number in periods)
            {
                writer.WriteDateValue(CohortCalendar.StartOf(number, period));
            }

            writer.WriteEndArray();
            if (revenue is not null)
            {
                writer.WriteStartArray("revenue");
                foreach (var amount in revenue)
                {
                    writer.WriteNumberValue(amount);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override CohortAccumulator<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var settings = OptionsJson.ReadCohortOptions(root.Property("options"));
        var customers = root.Property("customers");
        var accumulator = new CohortAccumulator<TKey>(settings, customers.ArrayLength());
        var period = settings.Period;
        var recordsRead = root.Property("recordsRead").Count();
        var recordsAfterAsOf = root.Property("recordsAfterAsOf").Count();
        var latestNode = root.Property("latestDay");
        var latestDay = latestNode.IsNull ? -1 : PeriodJson.DayNumber(latestNode);
        if ((latestDay + 1L) * PeriodCalendar.TicksPerDay - 1 > accumulator.LastCountedTicks)
        {
            throw latestNode.Error(SerializationErrorMessages.Inconsistent, "the latest record day is after the as-of date");
        }

        var customerCount = 0L;
        foreach (var customer in customers.Items())
        {
            customer.ExpectObject();
            var keyNode = customer.Property("key");
            var key = CustomerKeyJson<TKey>.Read(keyNode, options);
            var firstNode = customer.Property("firstRecord");
            var firstTicks = PeriodJson.LocalTicks(firstNode);
            var firstDay = PeriodCalendar.DayNumber(firstTicks);
            if (firstDay > latestDay)
            {
                throw firstNode.Error(SerializationErrorMessages.Inconsistent, "a first record is after the latest record day");
            }

            var signup = customer.TryProperty("signupPeriod", out var signupNode) ? PeriodJson.CohortPeriodNumber(signupNode, period) : -1;
            var group = customer.TryProperty("group", out var groupNode) ? groupNode.String() : null;
            var periodsNode = customer.Property("periods");
            var periods = PeriodJson.IncreasingPeriods(periodsNode, item => PeriodJson.CohortPeriodNumber(item, period), "distinct active periods");
            if (periods.Length == 0 || periods[0] != CohortCalendar.PeriodOf(firstDay, period)
                || periods[^1] > CohortCalendar.PeriodOf(latestDay, period) || (signup >= 0 && signup > periods[0]))
            {
                throw periodsNode.Error(SerializationErrorMessages.Inconsistent, "the active periods must start with the first record's period, end by the latest record day, and follow any signup");
            }

            decimal[]? revenue = null;
            if (settings.TrackRevenue)
            {
                var revenueNode = customer.Property("revenue");
                if (revenueNode.ArrayLength() != periods.Length)
                {
                    throw revenueNode.Error(SerializationErrorMessages.Inconsistent, "one revenue amount per active period");
                }

                revenue = revenueNode.Items().Select(item => item.Decimal()).ToArray();
            }

            if (!accumulator.TryRestore(key, firstTicks, signup, group, periods, revenue))
            {
                throw keyNode.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }

            customerCount++;
        }

        if (recordsRead < customerCount + recordsAfterAsOf)
        {
            throw root.Property("recordsRead").Error(SerializationErrorMessages.Inconsistent, "records read must be at least one per customer plus those after the as-of date");
        }

        accumulator.RestoreCounters(recordsRead, recordsAfterAsOf, latestDay);
        return accumulator;
    }
}
