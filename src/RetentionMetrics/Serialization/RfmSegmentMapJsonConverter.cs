using System.Text.Json;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>rfmSegmentMap</c> version 1: <c>bins</c>, <c>fallback</c> and the <c>rules</c> in order, each
/// <c>{ "name", "recency": [min, max], "frequency": [min, max], "monetary": [min, max] }</c>.
/// </summary>
internal sealed class RfmSegmentMapJsonConverter : StateJsonConverter<RfmSegmentMap>
{
    private const string Name = "rfmSegmentMap";

    protected override string TypeName => Name;

    /// <summary>A whole <c>rfmSegmentMap</c> document, as nested in an <c>rfmTable</c>'s options.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, RfmSegmentMap value)
    {
        writer.WriteStartObject();
        writer.WriteHeader(Name, RetentionMetricsJson.FormatVersion);
        WriteFields(writer, value);
        writer.WriteEndObject();
    }

    public static RfmSegmentMap ReadDocument(JsonNode node)
    {
        node.ExpectObject();
        node.ExpectHeader(Name, RetentionMetricsJson.FormatVersion);
        return ReadFields(node);
    }

    protected override void WriteBody(Utf8JsonWriter writer, RfmSegmentMap value, JsonSerializerOptions options) => WriteFields(writer, value);

    protected override RfmSegmentMap Read(JsonNode root, JsonSerializerOptions options) => ReadFields(root);

    private static void WriteFields(Utf8JsonWriter writer, RfmSegmentMap value)
    {
        writer.WriteNumber("bins", value.Bins);
        writer.WriteString("fallback", value.Fallback);
        writer.WriteStartArray("rules");
        foreach (var rule in value.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("name", rule.Name);
            WriteRange(writer, "recency", rule.MinimumRecency, rule.MaximumRecency);
            WriteRange(writer, "frequency", rule.MinimumFrequency, rule.MaximumFrequency);
            WriteRange(writer, "monetary", rule.MinimumMonetary, rule.MaximumMonetary);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static RfmSegmentMap ReadFields(JsonNode root)
    {
        var bins = root.Property("bins").Int32(2);
        var fallback = root.Property("fallback").String();
        var rules = root.Property("rules").Items().Select(rule =>
        {
            var name = rule.Property("name").String();
            var (minimumRecency, maximumRecency) = ReadRange(rule.Property("recency"));
            var (minimumFrequency, maximumFrequency) = ReadRange(rule.Property("frequency"));
            var (minimumMonetary, maximumMonetary) = ReadRange(rule.Property("monetary"));
            return Checked(rule, () => new RfmSegmentRule(name, minimumRecency, maximumRecency, minimumFrequency, maximumFrequency, minimumMonetary, maximumMonetary));
        }).ToArray();
        return Checked(root, () => new RfmSegmentMap(rules, bins, fallback));
    }

    private static void WriteRange(Utf8JsonWriter writer, string name, int minimum, int maximum)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(minimum);
        writer.WriteNumberValue(maximum);
        writer.WriteEndArray();
    }

    private static (int Minimum, int Maximum) ReadRange(JsonNode node)
    {
        if (node.ArrayLength() != 2)
        {
            throw node.Error(SerializationErrorMessages.ExpectedValue, "[minimum, maximum]", "an array of " + node.ArrayLength() + " values");
        }

        var values = node.Items().Select(item => item.Int32()).ToArray();
        return (values[0], values[1]);
    }
}
