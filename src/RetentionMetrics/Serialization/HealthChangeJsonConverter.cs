using System.Text.Json;
using RetentionMetrics.Health;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>healthChange</c> version 1: the customer <c>key</c>, <c>previous</c> and <c>current</c> (each a
/// <c>healthScore</c> document, or null for a customer new in or gone from the current snapshot; not both null).
/// The trend and the score change follow from the two scores and are not written.
/// </summary>
internal sealed class HealthChangeJsonConverter<TKey> : StateJsonConverter<HealthChange<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "healthChange";

    protected override void WriteBody(Utf8JsonWriter writer, HealthChange<TKey> value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("key");
        CustomerKeyJson<TKey>.Write(writer, value.CustomerId, options);
        WriteScore(writer, "previous", value.Previous);
        WriteScore(writer, "current", value.Current);
    }

    protected override HealthChange<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var key = CustomerKeyJson<TKey>.Read(root.Property("key"), options);
        var previous = ReadScore(root.Property("previous"));
        var currentNode = root.Property("current");
        var current = ReadScore(currentNode);
        if (previous is null && current is null)
        {
            throw currentNode.Error(SerializationErrorMessages.Inconsistent, "a change needs a previous or a current score");
        }

        return new HealthChange<TKey>(key, previous, current);
    }

    private static void WriteScore(Utf8JsonWriter writer, string name, HealthScore? score)
    {
        writer.WritePropertyName(name);
        if (score is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            HealthScoreJsonConverter.WriteDocument(writer, score);
        }
    }

    private static HealthScore? ReadScore(JsonNode node) => node.IsNull ? null : HealthScoreJsonConverter.ReadDocument(node);
}
