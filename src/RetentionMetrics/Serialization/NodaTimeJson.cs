using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Serialization;

/// <summary>Shared reading code of the NodaTime converters.</summary>
internal static class NodaTimeJson
{
    public static T Parse<T>(ref Utf8JsonReader reader, IPattern<T> pattern, string expected)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, expected, Describe(ref reader)));
        }

        var text = reader.GetString()!;
        var result = pattern.Parse(text);
        return result.Success
            ? result.Value
            : throw new JsonException(SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, expected, "\"" + text + "\""));
    }

    public static DateTimeZone? ZoneOrNull(string id) =>
        id == DateTimeZone.Utc.Id ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => "nothing",
    };
}
