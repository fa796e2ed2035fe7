using System.Text.Json;
using RetentionMetrics.Clustering;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>featureScaler</c> version 1: <c>scaling</c> (<c>"none"</c>, <c>"standard"</c>, <c>"logStandard"</c>),
/// <c>means</c> and <c>scales</c> (one per feature; every scale a finite number above zero).
/// </summary>
internal sealed class FeatureScalerJsonConverter : StateJsonConverter<FeatureScaler>
{
    protected override string TypeName => "featureScaler";

    protected override void WriteBody(Utf8JsonWriter writer, FeatureScaler value, JsonSerializerOptions options)
    {
        writer.WriteEnum("scaling", value.Scaling);
        writer.WriteStartArray("means");
        foreach (var mean in value.Means)
        {
            writer.WriteNumberValue(mean);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("scales");
        foreach (var scale in value.Scales)
        {
            writer.WriteNumberValue(scale);
        }

        writer.WriteEndArray();
    }

    protected override FeatureScaler Read(JsonNode root, JsonSerializerOptions options)
    {
        var scaling = root.Property("scaling").Enum<FeatureScaling>();
        var means = root.Property("means").Items().Select(item => item.Double()).ToArray();
        var scalesNode = root.Property("scales");
        if (scalesNode.ArrayLength() != means.Length)
        {
            throw scalesNode.Error(SerializationErrorMessages.Inconsistent, "one scale per mean");
        }

        var scales = scalesNode.Items().Select(item => item.Double(double.Epsilon)).ToArray();
        return FeatureScaler.Restore(scaling, means, scales);
    }
}
