using System.Text.Json;
using RetentionMetrics.Health;

namespace RetentionMetrics.Serialization;

/// <summary><c>customerHealthScore</c> version 1: the customer <c>key</c> and its <c>health</c>, a <c>healthScore</c> document.</summary>
internal sealed class CustomerHealthScoreJsonConverter<TKey> : StateJsonConverter<CustomerHealthScore<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "customerHealthScore";

    protected override void WriteBody(Utf8JsonWriter writer, CustomerHealthScore<TKey> value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("key");
        CustomerKeyJson<TKey>.Write(writer, value.CustomerId, options);
        writer.WritePropertyName("health");
        HealthScoreJsonConverter.WriteDocument(writer, value.Health);
    }

    protected override CustomerHealthScore<TKey> Read(JsonNode root, JsonSerializerOptions options) =>
        new(CustomerKeyJson<TKey>.Read(root.Property("key"), options), HealthScoreJsonConverter.ReadDocument(root.Property("health")));
}
