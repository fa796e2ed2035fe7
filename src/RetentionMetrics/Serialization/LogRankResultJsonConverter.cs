using System.Text.Json;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Serialization;

/// <summary><c>logRankResult</c> version 1: statistic, degrees of freedom, p-value and per group name, subjects, observed and expected events.</summary>
internal sealed class LogRankResultJsonConverter : StateJsonConverter<LogRankResult>
{
    protected override string TypeName => "logRankResult";

    protected override void WriteBody(Utf8JsonWriter writer, LogRankResult value, JsonSerializerOptions options)
    {
        writer.WriteNumber("statistic", value.Statistic);
        writer.WriteNumber("degreesOfFreedom", value.DegreesOfFreedom);
        writer.WriteNumber("pValue", value.PValue);
        writer.WriteStartArray("groups");
        foreach (var group in value.Groups)
        {
            writer.WriteStartObject();
            writer.WriteString("name", group.Name);
            writer.WriteNumber("subjects", group.Subjects);
            writer.WriteNumber("observed", group.Observed);
            writer.WriteNumber("expected", group.Expected);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override LogRankResult Read(JsonNode root, JsonSerializerOptions options)
    {
        var groups = root.Property("groups").Items().Select(group =>
        {
            var subjects = group.Property("subjects").Int32(0);
            return new LogRankGroup(group.Property("name").String(), subjects, group.Property("observed").Int32(0, subjects), group.Property("expected").Double(0));
        }).ToArray();
        return new LogRankResult(groups, root.Property("statistic").Double(0), root.Property("degreesOfFreedom").Int32(0), root.Property("pValue").Double(0, 1));
    }
}
