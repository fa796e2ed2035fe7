using System.Text.Json;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Serialization;

/// <summary><c>rfmBreakpoints</c> version 1: the ascending <c>recency</c> (days), <c>frequency</c> (counts) and <c>monetary</c> (amounts) cut points, equally many.</summary>
internal sealed class RfmBreakpointsJsonConverter : StateJsonConverter<RfmBreakpoints>
{
    protected override string TypeName => "rfmBreakpoints";

    protected override void WriteBody(Utf8JsonWriter writer, RfmBreakpoints value, JsonSerializerOptions options)
    {
        Write(writer, value);
    }

    protected override RfmBreakpoints Read(JsonNode root, JsonSerializerOptions options) => ReadBody(root);

    internal static void Write(Utf8JsonWriter writer, RfmBreakpoints value)
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

    internal static RfmBreakpoints ReadBody(JsonNode node)
    {
        var recency = node.Property("recency").Items().Select(item => item.Int32()).ToArray();
        var frequency = node.Property("frequency").Items().Select(item => item.Int32()).ToArray();
        var monetary = node.Property("monetary").Items().Select(item => item.Decimal()).ToArray();
        return Checked(node, () => new RfmBreakpoints(recency, frequency, monetary));
    }
}
