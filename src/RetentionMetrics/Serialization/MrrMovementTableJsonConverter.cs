using System.Text.Json;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Serialization;

/// <summary><c>mrrMovementTable</c> version 1: period, zone, mode, the counters and one row per period (its fields in camelCase).</summary>
internal sealed class MrrMovementTableJsonConverter : StateJsonConverter<MrrMovementTable>
{
    protected override string TypeName => "mrrMovementTable";

    protected override void WriteBody(Utf8JsonWriter writer, MrrMovementTable value, JsonSerializerOptions options)
    {
        writer.WriteEnum("period", value.Period);
        writer.WriteZone("zone", value.Zone);
        writer.WriteEnum("mode", value.Mode);
        writer.WriteNumber("customers", value.Customers);
        writer.WriteNumber("changesRead", value.ChangesRead);
        writer.WriteNumber("changesAfterAsOf", value.ChangesAfterAsOf);
        writer.WriteStartArray("rows");
        foreach (var row in value.Rows)
        {
            writer.WriteStartObject();
            writer.WriteDate("start", row.Start);
            writer.WriteString("label", row.Label);
            writer.WriteNumber("startMrr", row.StartMrr);
            writer.WriteNumber("newMrr", row.NewMrr);
            writer.WriteNumber("expansionMrr", row.ExpansionMrr);
            writer.WriteNumber("contractionMrr", row.ContractionMrr);
            writer.WriteNumber("churnedMrr", row.ChurnedMrr);
            writer.WriteNumber("reactivationMrr", row.ReactivationMrr);
            writer.WriteNumber("endMrr", row.EndMrr);
            writer.WriteNumber("startCustomers", row.StartCustomers);
            writer.WriteNumber("newCustomers", row.NewCustomers);
            writer.WriteNumber("reactivatedCustomers", row.ReactivatedCustomers);
            writer.WriteNumber("churnedCustomers", row.ChurnedCustomers);
            writer.WriteNumber("endCustomers", row.EndCustomers);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override MrrMovementTable Read(JsonNode root, JsonSerializerOptions options)
    {
        var rows = root.Property("rows").Items().Select(row => new MrrMovementPeriod(
            row.Property("start").Date(), row.Property("label").String(), Money(row, "startMrr"), Money(row, "newMrr"),
            Money(row, "expansionMrr"), Money(row, "contractionMrr"), Money(row, "churnedMrr"), Money(row, "reactivationMrr"), Money(row, "endMrr"),
            row.Property("startCustomers").Int32(0), row.Property("newCustomers").Int32(0), row.Property("reactivatedCustomers").Int32(0),
            row.Property("churnedCustomers").Int32(0), row.Property("endCustomers").Int32(0))).ToArray();
        return new MrrMovementTable(
            root.Property("period").Enum<ChurnPeriod>(), root.Property("zone").Zone(), root.Property("mode").Enum<MrrMovementMode>(), rows,
            root.Property("customers").Int32(0), root.Property("changesRead").Count(), root.Property("changesAfterAsOf").Count());
    }

    private static decimal Money(JsonNode row, string name)
    {
        var node = row.Property(name);
        var value = node.Decimal();
        return value >= 0 ? value : throw node.Expected("an amount of zero or more");
    }
}
