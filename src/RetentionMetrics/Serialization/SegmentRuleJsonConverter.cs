using System.Text.Json;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Serialization;

/// <summary><c>segmentRule</c> version 1: the rule's canonical text (<see cref="SegmentRule.ToString"/>), parsed back on reading.</summary>
internal sealed class SegmentRuleJsonConverter : StateJsonConverter<SegmentRule>
{
    protected override string TypeName => "segmentRule";

    public static SegmentRule Parse(JsonNode node)
    {
        var text = node.String();
        try
        {
            return SegmentRule.Parse(text);
        }
        catch (SegmentParseException e)
        {
            throw node.Error(e.Message);
        }
    }

    protected override void WriteBody(Utf8JsonWriter writer, SegmentRule value, JsonSerializerOptions options) =>
        writer.WriteString("rule", value.ToString());

    protected override SegmentRule Read(JsonNode root, JsonSerializerOptions options) => Parse(root.Property("rule"));
}
