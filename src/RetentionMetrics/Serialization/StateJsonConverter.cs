using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetentionMetrics.Serialization;

/// <summary>
/// The frame of every document a RetentionMetrics converter writes: an object that starts with
/// <c>"type"</c> and <c>"version"</c>, checked on reading before anything else is read.
/// </summary>
internal abstract class StateJsonConverter<T> : JsonConverter<T>
{
    protected abstract string TypeName { get; }

    protected virtual int Version => RetentionMetricsJson.FormatVersion;

    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var root = JsonNode.ReadRoot(ref reader);
        root.ExpectHeader(TypeName, Version);
        return Read(root, options);
    }

    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteHeader(TypeName, Version);
        WriteBody(writer, value, options);
        writer.WriteEndObject();
    }

    protected abstract T Read(JsonNode root, JsonSerializerOptions options);

    protected abstract void WriteBody(Utf8JsonWriter writer, T value, JsonSerializerOptions options);

    /// <summary>Runs a library constructor or check, turning its argument errors into a JSON error at <paramref name="node"/>.</summary>
    protected static TResult Checked<TResult>(JsonNode node, Func<TResult> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw node.Error(SerializationErrorMessages.InvalidSettings, e.Message);
        }
    }
}
