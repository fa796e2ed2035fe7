using System.Text.Json;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>customerSummaries</c> version 1: period, zone, as-of date, the record counters and one row per customer
/// (key, transactions, totalSpend, firstPurchase, lastPurchase, frequency, recency, t, monetaryValue).
/// </summary>
internal sealed class CustomerSummariesJsonConverter<TKey> : StateJsonConverter<CustomerSummaries<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "customerSummaries";

    protected override void WriteBody(Utf8JsonWriter writer, CustomerSummaries<TKey> value, JsonSerializerOptions options)
    {
        writer.WriteEnum("period", value.Period);
        writer.WriteZone("zone", value.Zone);
        writer.WriteDate("asOf", value.AsOf);
        writer.WriteNumber("recordsRead", value.RecordsRead);
        writer.WriteNumber("recordsAfterAsOf", value.RecordsAfterAsOf);
        writer.WriteNumber("refundsIgnored", value.RefundsIgnored);
        writer.WriteStartArray("customers");
        foreach (var summary in value.AsSpan())
        {
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            CustomerKeyJson<TKey>.Write(writer, summary.CustomerId, options);
            writer.WriteNumber("transactions", summary.Transactions);
            writer.WriteNumber("totalSpend", summary.TotalSpend);
            writer.WriteDateTime("firstPurchase", summary.FirstPurchase);
            writer.WriteDateTime("lastPurchase", summary.LastPurchase);
            writer.WriteNumber("frequency", summary.Frequency);
            writer.WriteNumber("recency", summary.Recency);
            writer.WriteNumber("t", summary.T);
            writer.WriteNumber("monetaryValue", summary.MonetaryValue);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override CustomerSummaries<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var customers = root.Property("customers");
        var summaries = new CustomerSummary<TKey>[customers.ArrayLength()];
        var seen = new HashSet<TKey>();
        var i = 0;
        foreach (var row in customers.Items())
        {
            row.ExpectObject();
            var keyNode = row.Property("key");
            var key = CustomerKeyJson<TKey>.Read(keyNode, options);
            if (!seen.Add(key))
            {
                throw keyNode.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }

            var transactions = row.Property("transactions").Int32(1);
            var frequency = row.Property("frequency").Int32(0, transactions - 1);
            var recency = row.Property("recency").Int32(0);
            summaries[i++] = new CustomerSummary<TKey>(
                key, transactions, row.Property("totalSpend").Decimal(), row.Property("firstPurchase").DateTime(), row.Property("lastPurchase").DateTime(),
                frequency, recency, row.Property("t").Int32(recency), row.Property("monetaryValue").Decimal());
        }

        return new CustomerSummaries<TKey>(
            summaries, root.Property("period").Enum<PurchasePeriod>(), root.Property("zone").Zone(), OptionsJson.OptionalDate(root, "asOf"),
            root.Property("recordsRead").Count(), root.Property("recordsAfterAsOf").Count(), root.Property("refundsIgnored").Count());
    }
}
