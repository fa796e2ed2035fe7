using System.Text.Json;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Serialization;

/// <summary><c>segmentSet</c> version 1: the named segments in order, each with its rule's canonical text.</summary>
internal sealed class SegmentSetJsonConverter : StateJsonConverter<SegmentSet>
{
    private const string Name = "segmentSet";

    protected override string TypeName => Name;

    /// <summary>A whole <c>segmentSet</c> document, as nested in a <c>segmentAssignment</c>.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, SegmentSet value)
    {
        writer.WriteStartObject();
        writer.WriteHeader(Name, RetentionMetricsJson.FormatVersion);
        WriteFields(writer, value);
        writer.WriteEndObject();
    }

    public static SegmentSet ReadDocument(JsonNode node)
    {
        node.ExpectObject();
        node.ExpectHeader(Name, RetentionMetricsJson.FormatVersion);
        return ReadFields(node);
    }

    protected override void WriteBody(Utf8JsonWriter writer, SegmentSet value, JsonSerializerOptions options) => WriteFields(writer, value);

    protected override SegmentSet Read(JsonNode root, JsonSerializerOptions options) => ReadFields(root);

    private static void WriteFields(Utf8JsonWriter writer, SegmentSet value)
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

    private static SegmentSet ReadFields(JsonNode root)
    {
        var segmentsNode = root.Property("segments");
        var segments = segmentsNode.Items()
            .Select(segment => new NamedSegment(segment.Property("name").String(), SegmentRuleJsonConverter.Parse(segment.Property("rule"))))
            .ToArray();
        return Checked(segmentsNode, () => new SegmentSet(segments));
    }
}
