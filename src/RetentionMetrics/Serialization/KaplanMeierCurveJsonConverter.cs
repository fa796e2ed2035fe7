using System.Text.Json;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>kaplanMeierCurve</c> version 1: subjects, events, median (null when never reached), confidence level and the
/// steps (time, atRisk, events, censored, survival, standardError, lower, upper).
/// </summary>
internal sealed class KaplanMeierCurveJsonConverter : StateJsonConverter<KaplanMeierCurve>
{
    protected override string TypeName => "kaplanMeierCurve";

    protected override void WriteBody(Utf8JsonWriter writer, KaplanMeierCurve value, JsonSerializerOptions options)
    {
        writer.WriteNumber("subjects", value.Subjects);
        writer.WriteNumber("events", value.Events);
        if (value.Median is { } median)
        {
            writer.WriteNumber("median", median);
        }
        else
        {
            writer.WriteNull("median");
        }

        writer.WriteNumber("confidenceLevel", value.ConfidenceLevel);
        writer.WriteStartArray("steps");
        foreach (var step in value.Steps)
        {
            writer.WriteStartObject();
            writer.WriteNumber("time", step.Time);
            writer.WriteNumber("atRisk", step.AtRisk);
            writer.WriteNumber("events", step.Events);
            writer.WriteNumber("censored", step.Censored);
            writer.WriteNumber("survival", step.Survival);
            writer.WriteNumber("standardError", step.StandardError);
            writer.WriteNumber("lower", step.Lower);
            writer.WriteNumber("upper", step.Upper);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override KaplanMeierCurve Read(JsonNode root, JsonSerializerOptions options)
    {
        var subjects = root.Property("subjects").Int32(0);
        var events = root.Property("events").Int32(0, subjects);
        var steps = root.Property("steps").Items().Select(step => new SurvivalStep(
            step.Property("time").Double(0), step.Property("atRisk").Int32(0, subjects), step.Property("events").Int32(0, subjects),
            step.Property("censored").Int32(0, subjects), step.Property("survival").Double(0, 1), step.Property("standardError").Double(0),
            step.Property("lower").Double(0, 1), step.Property("upper").Double(0, 1))).ToArray();
        double? median = root.TryProperty("median", out var medianNode) ? medianNode.Double(0) : null;
        return KaplanMeierCurve.Restore(steps, subjects, events, median, root.Property("confidenceLevel").Double(0, 1));
    }
}
