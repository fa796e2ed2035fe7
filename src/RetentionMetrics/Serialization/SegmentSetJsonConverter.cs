using System.Text.Json;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Serialization;

/// <summary><c>segmentSet</c> version 1: the named segments in order, each with its rule's canonical text.</summary>
internal sealed class SegmentSetJsonConverter : StateJsonConverter<SegmentSet>
{
    protected override string TypeName => "segmentSet";

    protected override void WriteBody(Utf8JsonWriter writer, SegmentSet value, JsonSerializerOptions options)
    {
        writer.WriteStartArray("segments");
        foreach (var segment in value)
        {
            writer.WriteStartObject();
            writer.WriteString("name", segment.Name);
            writer.WriteString("rule", segment.Rule.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override SegmentSet Read(JsonNode root, JsonSerializerOptions options)
    {
        var segmentsNode = root.Property("segments");
        var segments = segmentsNode.Items()
            .Select(segment => new NamedSegment(segment.Property("name").String(), SegmentRuleJsonConverter.Parse(segment.Property("rule"))))
            .ToArray();
        return Checked(segmentsNode, () => new SegmentSet(segments));
    }
}
