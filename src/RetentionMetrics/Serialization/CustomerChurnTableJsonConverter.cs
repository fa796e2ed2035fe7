using System.Text.Json;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Serialization;

/// <summary><c>customerChurnTable</c> version 1: period, zone, the counters and one row per period (its fields in camelCase).</summary>
internal sealed class CustomerChurnTableJsonConverter : StateJsonConverter<CustomerChurnTable>
{
    protected override string TypeName => "customerChurnTable";

    protected override void WriteBody(Utf8JsonWriter writer, CustomerChurnTable value, JsonSerializerOptions options)
    {
        writer.WriteEnum("period", value.Period);
        writer.WriteZone("zone", value.Zone);
        writer.WriteNumber("customers", value.Customers);
        writer.WriteNumber("repeatCustomers", value.RepeatCustomers);
        writer.WriteNumber("recordsRead", value.RecordsRead);
        writer.WriteNumber("recordsAfterAsOf", value.RecordsAfterAsOf);
        writer.WriteStartArray("rows");
        foreach (var row in value.Rows)
        {
            writer.WriteStartObject();
            writer.WriteDate("start", row.Start);
            writer.WriteString("label", row.Label);
            writer.WriteNumber("startCustomers", row.StartCustomers);
            writer.WriteNumber("newCustomers", row.NewCustomers);
            writer.WriteNumber("reactivatedCustomers", row.ReactivatedCustomers);
            writer.WriteNumber("churnedCustomers", row.ChurnedCustomers);
            writer.WriteNumber("endCustomers", row.EndCustomers);
            writer.WriteNumber("purchasers", row.Purchasers);
            writer.WriteNumber("repeatPurchasers", row.RepeatPurchasers);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override CustomerChurnTable Read(JsonNode root, JsonSerializerOptions options)
    {
        var rows = root.Property("rows").Items().Select(row => new CustomerChurnPeriod(
            row.Property("start").Date(), row.Property("label").String(), row.Property("startCustomers").Int32(0),
            row.Property("newCustomers").Int32(0), row.Property("reactivatedCustomers").Int32(0), row.Property("churnedCustomers").Int32(0),
            row.Property("endCustomers").Int32(0), row.Property("purchasers").Int32(0), row.Property("repeatPurchasers").Int32(0))).ToArray();
        var customers = root.Property("customers").Int32(0);
        return new CustomerChurnTable(
            root.Property("period").Enum<ChurnPeriod>(), root.Property("zone").Zone(), rows, customers,
            root.Property("repeatCustomers").Int32(0, customers), root.Property("recordsRead").Count(), root.Property("recordsAfterAsOf").Count());
    }
}
