using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>repeatPurchaseData</c> version 1: <c>customers</c>, one row per customer in order
/// (customerId, frequency, recency, t, monetaryValue, weight), checked with the rules of
/// <see cref="RepeatPurchaseData.Create"/>.
/// </summary>
internal sealed class RepeatPurchaseDataJsonConverter : StateJsonConverter<RepeatPurchaseData>
{
    private const string Name = "repeatPurchaseData";

    protected override string TypeName => Name;

    /// <summary>A whole <c>repeatPurchaseData</c> document, as nested in a <c>calibrationHoldoutSplit</c>.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, RepeatPurchaseData value)
    {
        writer.WriteStartObject();
        writer.WriteHeader(Name, RetentionMetricsJson.FormatVersion);
        WriteFields(writer, value);
        writer.WriteEndObject();
    }

    public static RepeatPurchaseData ReadDocument(JsonNode node)
    {
        node.ExpectObject();
        node.ExpectHeader(Name, RetentionMetricsJson.FormatVersion);
        return ReadFields(node);
    }

    protected override void WriteBody(Utf8JsonWriter writer, RepeatPurchaseData value, JsonSerializerOptions options) => WriteFields(writer, value);

    protected override RepeatPurchaseData Read(JsonNode root, JsonSerializerOptions options) => ReadFields(root);

    private static void WriteFields(Utf8JsonWriter writer, RepeatPurchaseData value)
    {
        writer.WriteStartArray("customers");
        foreach (var row in value.AsSpan())
        {
            writer.WriteStartObject();
            writer.WriteString("customerId", row.CustomerId);
            writer.WriteNumber("frequency", row.Frequency);
            writer.WriteNumber("recency", row.Recency);
            writer.WriteNumber("t", row.T);
            writer.WriteNumber("monetaryValue", row.MonetaryValue);
            writer.WriteNumber("weight", row.Weight);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static RepeatPurchaseData ReadFields(JsonNode node)
    {
        var customersNode = node.Property("customers");
        var rows = customersNode.Items().Select(row =>
        {
            row.ExpectObject();
            return new RepeatPurchaseSummary(
                row.Property("customerId").String(), row.Property("frequency").Double(0), row.Property("recency").Double(0), row.Property("t").Double(0),
                row.Property("monetaryValue").Double(0), row.Property("weight").Double());
        }).ToArray();
        try
        {
            return RepeatPurchaseData.Create(rows);
        }
        catch (RetentionDataException e)
        {
            var at = e.Position is { } position ? customersNode.Path + "[" + position.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]" : customersNode.Path;
            throw new JsonNode(customersNode.Element, at).Error(SerializationErrorMessages.Inconsistent, e.Reason.TrimEnd('.'));
        }
    }
}
