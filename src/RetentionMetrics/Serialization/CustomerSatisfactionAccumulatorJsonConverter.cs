using System.Text.Json;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Serialization;

/// <summary><c>customerSatisfactionAccumulator</c> version 1: the survey options, the responses and the satisfied among them.</summary>
internal sealed class CustomerSatisfactionAccumulatorJsonConverter : StateJsonConverter<CustomerSatisfactionAccumulator>
{
    protected override string TypeName => "customerSatisfactionAccumulator";

    protected override void WriteBody(Utf8JsonWriter writer, CustomerSatisfactionAccumulator value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("options");
        OptionsJson.Write(writer, value.Options);
        writer.WriteNumber("responses", value.Responses);
        writer.WriteNumber("satisfied", value.Satisfied);
    }

    protected override CustomerSatisfactionAccumulator Read(JsonNode root, JsonSerializerOptions options)
    {
        var accumulator = new CustomerSatisfactionAccumulator(OptionsJson.ReadSurveyOptions(root.Property("options")));
        var responses = root.Property("responses").Count();
        var satisfied = root.Property("satisfied").Int64(0, responses);
        accumulator.Restore(responses, satisfied);
        return accumulator;
    }
}
