using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RetentionMetrics.Serialization;

/// <summary>
/// Reads and writes customer keys: strings, 64- and 32-bit integers and GUIDs directly; any other key type through
/// the <see cref="JsonTypeInfo"/> that the serializer options resolve for it (a source-generated context that
/// knows the key type), never through reflection.
/// </summary>
internal static class CustomerKeyJson<TKey>
    where TKey : notnull
{
    public static void Write(Utf8JsonWriter writer, TKey key, JsonSerializerOptions options)
    {
        if (typeof(TKey) == typeof(string))
        {
            writer.WriteStringValue((string)(object)key);
        }
        else if (typeof(TKey) == typeof(long))
        {
            writer.WriteNumberValue((long)(object)key);
        }
        else if (typeof(TKey) == typeof(int))
        {
            writer.WriteNumberValue((int)(object)key);
        }
        else if (typeof(TKey) == typeof(Guid))
        {
            writer.WriteStringValue((Guid)(object)key);
        }
        else
        {
            JsonSerializer.Serialize(writer, key, TypeInfo(options));
        }
    }

    public static TKey Read(JsonNode node, JsonSerializerOptions options)
    {
        if (typeof(TKey) == typeof(string))
        {
            return (TKey)(object)node.String();
        }

        if (typeof(TKey) == typeof(long))
        {
            return (TKey)(object)node.Int64();
        }

        if (typeof(TKey) == typeof(int))
        {
            return (TKey)(object)node.Int32();
        }

        if (typeof(TKey) == typeof(Guid))
        {
            return node.Kind == JsonValueKind.String && node.Element.TryGetGuid(out var guid)
                ? (TKey)(object)guid
                : throw node.Expected("a GUID string");
        }

        TKey? key;
        try
        {
            key = node.Element.Deserialize(TypeInfo(options));
        }
        catch (JsonException e)
        {
            throw node.Error(e.Message);
        }

        return key ?? throw node.Expected("a customer key");
    }

    public static string Describe(TKey key) => Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static JsonTypeInfo<TKey> TypeInfo(JsonSerializerOptions options) =>
        options.TryGetTypeInfo(typeof(TKey), out var info) && info is JsonTypeInfo<TKey> typed
            ? typed
            : throw new NotSupportedException(SerializationErrorMessages.Format(SerializationErrorMessages.TypeNotRegistered, typeof(TKey)));
}
