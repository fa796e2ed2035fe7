using System.Text.Json;
using RetentionMetrics.Health;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>healthScore</c> version 1: <c>score</c> (0 to 100), <c>band</c> <c>{ "name", "from", "to" }</c>,
/// <c>hasEvidence</c> and the <c>contributions</c> in the model's component order, each
/// <c>{ "component", "points", "maximumPoints", "isMissing" }</c>.
/// </summary>
internal sealed class HealthScoreJsonConverter : StateJsonConverter<HealthScore>
{
    private const string Name = "healthScore";

    protected override string TypeName => Name;

    /// <summary>A whole <c>healthScore</c> document, as nested in a customer's score or a change.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, HealthScore value)
    {
        writer.WriteStartObject();
        writer.WriteHeader(Name, RetentionMetricsJson.FormatVersion);
        WriteFields(writer, value);
        writer.WriteEndObject();
    }

    public static HealthScore ReadDocument(JsonNode node)
    {
        node.ExpectObject();
        node.ExpectHeader(Name, RetentionMetricsJson.FormatVersion);
        return ReadFields(node);
    }

    protected override void WriteBody(Utf8JsonWriter writer, HealthScore value, JsonSerializerOptions options) => WriteFields(writer, value);

    protected override HealthScore Read(JsonNode root, JsonSerializerOptions options) => ReadFields(root);

    private static void WriteFields(Utf8JsonWriter writer, HealthScore value)
    {
        writer.WriteNumber("score", value.Score);
        writer.WriteStartObject("band");
        writer.WriteString("name", value.Band.Name);
        writer.WriteNumber("from", value.Band.From);
        writer.WriteNumber("to", value.Band.To);
        writer.WriteEndObject();
        writer.WriteBoolean("hasEvidence", value.HasEvidence);
        writer.WriteStartArray("contributions");
        foreach (var contribution in value.Contributions)
        {
            writer.WriteStartObject();
            writer.WriteString("component", contribution.Component);
            writer.WriteNumber("points", contribution.Points);
            writer.WriteNumber("maximumPoints", contribution.MaximumPoints);
            writer.WriteBoolean("isMissing", contribution.IsMissing);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static HealthScore ReadFields(JsonNode node)
    {
        var score = node.Property("score").Double(0, 100);
        var bandNode = node.Property("band").ExpectObject();
        var bandName = bandNode.Property("name").String();
        var from = bandNode.Property("from").Double(0, 100);
        var to = bandNode.Property("to").Double(0, 100);
        var band = Checked(bandNode, () => new HealthBand(bandName, from, to));
        var contributions = node.Property("contributions").Items().Select(item =>
        {
            item.ExpectObject();
            var maximum = item.Property("maximumPoints").Double(0, 100);
            return new HealthContribution(
                item.Property("component").String(), item.Property("points").Double(0, maximum), maximum, item.Property("isMissing").Boolean());
        }).ToArray();
        return HealthScore.Restore(score, band, contributions, node.Property("hasEvidence").Boolean());
    }
}
