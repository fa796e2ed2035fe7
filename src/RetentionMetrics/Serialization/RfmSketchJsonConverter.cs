using System.Text.Json;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Serialization;

/// <summary><c>rfmSketch</c> version 1: three <c>quantileSketch</c> documents, for recency, frequency and monetary value.</summary>
internal sealed class RfmSketchJsonConverter : StateJsonConverter<RfmSketch>
{
    protected override string TypeName => "rfmSketch";

    protected override void WriteBody(Utf8JsonWriter writer, RfmSketch value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("recency");
        QuantileSketchJsonConverter.WriteDocument(writer, value.Recency);
        writer.WritePropertyName("frequency");
        QuantileSketchJsonConverter.WriteDocument(writer, value.Frequency);
        writer.WritePropertyName("monetary");
        QuantileSketchJsonConverter.WriteDocument(writer, value.Monetary);
    }

    protected override RfmSketch Read(JsonNode root, JsonSerializerOptions options)
    {
        var recency = QuantileSketchJsonConverter.ReadDocument(root.Property("recency"));
        var frequency = QuantileSketchJsonConverter.ReadDocument(root.Property("frequency"));
        var monetaryNode = root.Property("monetary");
        var monetary = QuantileSketchJsonConverter.ReadDocument(monetaryNode);
        if (frequency.Capacity != recency.Capacity || monetary.Capacity != recency.Capacity
            || frequency.Count != recency.Count || monetary.Count != recency.Count)
        {
            throw monetaryNode.Error(SerializationErrorMessages.Inconsistent, "the three sketches must have the same capacity and count");
        }

        return new RfmSketch(recency, frequency, monetary);
    }
}
