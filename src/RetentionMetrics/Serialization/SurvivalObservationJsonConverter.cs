using System.Text.Json;
using System.Text.Json.Serialization;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Serialization;

/// <summary>A survival observation as <c>{"time": 12, "isEvent": true}</c>; the time must be finite and not negative.</summary>
internal sealed class SurvivalObservationJsonConverter : JsonConverter<SurvivalObservation>
{
    public override SurvivalObservation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.ReadRoot(ref reader);
        return new SurvivalObservation(node.Property("time").Double(0), node.Property("isEvent").Boolean());
    }

    public override void Write(Utf8JsonWriter writer, SurvivalObservation value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("time", value.Time);
        writer.WriteBoolean("isEvent", value.IsEvent);
        writer.WriteEndObject();
    }
}
