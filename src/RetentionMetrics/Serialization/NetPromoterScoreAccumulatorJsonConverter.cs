using System.Text.Json;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Serialization;

/// <summary><c>netPromoterScoreAccumulator</c> version 1: the survey options and the three answer counts.</summary>
internal sealed class NetPromoterScoreAccumulatorJsonConverter : StateJsonConverter<NetPromoterScoreAccumulator>
{
    protected override string TypeName => "netPromoterScoreAccumulator";

    protected override void WriteBody(Utf8JsonWriter writer, NetPromoterScoreAccumulator value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("options");
        OptionsJson.Write(writer, value.Options);
        writer.WriteNumber("promoters", value.Promoters);
        writer.WriteNumber("passives", value.Passives);
        writer.WriteNumber("detractors", value.Detractors);
    }

    protected override NetPromoterScoreAccumulator Read(JsonNode root, JsonSerializerOptions options)
    {
        var accumulator = new NetPromoterScoreAccumulator(OptionsJson.ReadSurveyOptions(root.Property("options")));
        var promoters = root.Property("promoters").Count();
        var passives = root.Property("passives").Count();
        var detractors = root.Property("detractors").Count();
        if (promoters > long.MaxValue - passives - detractors)
        {
            throw root.Property("detractors").Error(SerializationErrorMessages.Inconsistent, "the answer counts add up beyond the largest count");
        }

        accumulator.Restore(promoters, passives, detractors);
        return accumulator;
    }
}
