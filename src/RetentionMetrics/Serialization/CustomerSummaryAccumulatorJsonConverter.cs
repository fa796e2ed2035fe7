using System.Text.Json;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>customerSummaryAccumulator</c> version 1: the options, the three record counters and per customer its key,
/// transactions, total spend, spend in its first period, first and last purchase (local date and time) and the
/// first day of every distinct purchase period, ascending.
/// </summary>
internal sealed class CustomerSummaryAccumulatorJsonConverter<TKey> : StateJsonConverter<CustomerSummaryAccumulator<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "customerSummaryAccumulator";

    protected override void WriteBody(Utf8JsonWriter writer, CustomerSummaryAccumulator<TKey> value, JsonSerializerOptions options)
    {
        var period = value.Options.Period;
        writer.WritePropertyName("options");
        OptionsJson.Write(writer, value.Options);
        writer.WriteNumber("recordsRead", value.RecordsRead);
        writer.WriteNumber("recordsAfterAsOf", value.RecordsAfterAsOf);
        writer.WriteNumber("refundsIgnored", value.RefundsIgnored);
        writer.WriteStartArray("customers");
        for (var i = 0; i < value.CustomerCount; i++)
        {
            var state = value.SnapshotAt(i);
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            CustomerKeyJson<TKey>.Write(writer, value.KeyAt(i), options);
            writer.WriteNumber("transactions", state.Transactions);
            writer.WriteNumber("totalSpend", state.TotalSpend);
            writer.WriteNumber("firstPeriodSpend", state.FirstPeriodSpend);
            writer.WriteDateTime("firstPurchase", PeriodCalendar.DateTimeOf(state.FirstTicks));
            writer.WriteDateTime("lastPurchase", PeriodCalendar.DateTimeOf(state.LastTicks));
            writer.WriteStartArray("periods");
            foreach (var number in state.Periods)
            {
                writer.WriteDateValue(PeriodCalendar.StartOf(number, period));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override CustomerSummaryAccumulator<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var settings = OptionsJson.ReadCustomerSummaryOptions(root.Property("options"));
        var customers = root.Property("customers");
        var accumulator = new CustomerSummaryAccumulator<TKey>(settings, customers.ArrayLength());
        var recordsRead = root.Property("recordsRead").Count();
        var recordsAfterAsOf = root.Property("recordsAfterAsOf").Count();
        var refundsIgnored = root.Property("refundsIgnored").Count();
        var counted = 0L;
        foreach (var customer in customers.Items())
        {
            customer.ExpectObject();
            var keyNode = customer.Property("key");
            var key = CustomerKeyJson<TKey>.Read(keyNode, options);
            var periodsNode = customer.Property("periods");
            var periods = new int[periodsNode.ArrayLength()];
            if (periods.Length == 0)
            {
                throw periodsNode.Expected("at least one purchase period");
            }

            var i = 0;
            foreach (var item in periodsNode.Items())
            {
                periods[i] = PeriodJson.PurchasePeriodNumber(item, settings.Period);
                if (i > 0 && periods[i] <= periods[i - 1])
                {
                    throw periodsNode.Error(SerializationErrorMessages.NotIncreasing, "distinct purchase periods");
                }

                i++;
            }

            var transactionsNode = customer.Property("transactions");
            var transactions = transactionsNode.Int32(periods.Length);
            var firstNode = customer.Property("firstPurchase");
            var lastNode = customer.Property("lastPurchase");
            var first = PeriodJson.LocalTicks(firstNode);
            var last = PeriodJson.LocalTicks(lastNode);
            if (last < first)
            {
                throw lastNode.Error(SerializationErrorMessages.Inconsistent, "the last purchase is before the first");
            }

            if (last > accumulator.LastCountedTicks)
            {
                throw lastNode.Error(SerializationErrorMessages.Inconsistent, "the last purchase is after the as-of date");
            }

            if (PeriodCalendar.PeriodOf(PeriodCalendar.DayNumber(first), settings.Period) != periods[0]
                || PeriodCalendar.PeriodOf(PeriodCalendar.DayNumber(last), settings.Period) != periods[^1])
            {
                throw periodsNode.Error(SerializationErrorMessages.Inconsistent, "the first and last periods must hold the first and last purchase");
            }

            var snapshot = new CustomerSummarySnapshot(
                transactions, customer.Property("totalSpend").Decimal(), customer.Property("firstPeriodSpend").Decimal(), first, last, periods);
            if (!accumulator.TryRestore(key, snapshot))
            {
                throw keyNode.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }

            counted += transactions;
        }

        if (recordsRead < counted + recordsAfterAsOf + refundsIgnored)
        {
            throw root.Property("recordsRead").Error(
                SerializationErrorMessages.Inconsistent, "records read must be at least the transactions plus the records left out");
        }

        accumulator.RestoreCounters(recordsRead, recordsAfterAsOf, refundsIgnored);
        return accumulator;
    }
}
