using System.Text.Json;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Serialization;

/// <summary><c>rfmBreakpoints</c> version 1: the ascending <c>recency</c> (days), <c>frequency</c> (counts) and <c>monetary</c> (amounts) cut points, equally many.</summary>
internal sealed class RfmBreakpointsJsonConverter : StateJsonConverter<RfmBreakpoints>
{
    private const string Name = "rfmBreakpoints";

    protected override string TypeName => Name;

    /// <summary>A whole <c>rfmBreakpoints</c> document, as nested in an <c>rfmTable</c>'s options.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, RfmBreakpoints value)
    {
        writer.WriteStartObject();
        writer.WriteHeader(Name, RetentionMetricsJson.FormatVersion);
        WriteFields(writer, value);
        writer.WriteEndObject();
    }

    public static RfmBreakpoints ReadDocument(JsonNode node)
    {
        node.ExpectObject();
        node.ExpectHeader(Name, RetentionMetricsJson.FormatVersion);
        return ReadFields(node);
    }

    protected override void WriteBody(Utf8JsonWriter writer, RfmBreakpoints value, JsonSerializerOptions options) => WriteFields(writer, value);

    protected override RfmBreakpoints Read(JsonNode root, JsonSerializerOptions options) => ReadFields(root);

    private static void WriteFields(Utf8JsonWriter writer, RfmBreakpoints value)
    {
        writer.WriteStartArray("recency");
        foreach (var days in value.Recency)
        {
            writer.WriteNumberValue(days);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("frequency");
        foreach (var count in value.Frequency)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("monetary");
        foreach (var amount in value.Monetary)
        {
            writer.WriteNumberValue(amount);
        }

        writer.WriteEndArray();
    }

    private static RfmBreakpoints ReadFields(JsonNode node)
    {
        var recency = node.Property("recency").Items().Select(item => item.Int32()).ToArray();
        var frequency = node.Property("frequency").Items().Select(item => item.Int32()).ToArray();
        var monetary = node.Property("monetary").Items().Select(item => item.Decimal()).ToArray();
        return Checked(node, () => new RfmBreakpoints(recency, frequency, monetary));
    }
}
