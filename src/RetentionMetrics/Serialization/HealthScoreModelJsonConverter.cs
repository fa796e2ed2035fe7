using System.Text;
using System.Text.Json;
using RetentionMetrics.Health;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>healthScoreModel</c> version 1: the model's own configuration JSON (<see cref="HealthScoreModel.ToJson"/>,
/// documented in docs/health.md) under <c>"model"</c>.
/// </summary>
internal sealed class HealthScoreModelJsonConverter : StateJsonConverter<HealthScoreModel>
{
    protected override string TypeName => "healthScoreModel";

    protected override void WriteBody(Utf8JsonWriter writer, HealthScoreModel value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("model");
        using var document = JsonDocument.Parse(value.ToJson());
        document.RootElement.WriteTo(writer);
    }

    protected override HealthScoreModel Read(JsonNode root, JsonSerializerOptions options)
    {
        var model = root.Property("model").ExpectObject();
        try
        {
            return HealthScoreModel.FromJson(Encoding.UTF8.GetBytes(model.Element.GetRawText()));
        }
        catch (HealthConfigurationException e)
        {
            throw model.Error(e.Message);
        }
    }
}
