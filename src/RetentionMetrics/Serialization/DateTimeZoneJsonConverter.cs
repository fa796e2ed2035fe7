using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace RetentionMetrics.Serialization;

/// <summary>Writes a <see cref="DateTimeZone"/> as its IANA (TZDB) id, such as <c>"Europe/London"</c> or <c>"UTC"</c>.</summary>
/// <remarks>
/// Reading resolves the id with <see cref="DateTimeZoneProviders.Tzdb"/>, which also accepts fixed-offset ids such as
/// <c>"UTC+01:00"</c>. Trim- and AOT-safe: no reflection.
/// </remarks>
public sealed class DateTimeZoneJsonConverter : JsonConverter<DateTimeZone>
{
    /// <inheritdoc/>
    public override bool HandleNull => false;

    /// <summary>Reads a zone from its id.</summary>
    /// <exception cref="JsonException">The token is not a string, or no zone has this id.</exception>
    public override DateTimeZone Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a time zone id such as \"Europe/London\"", NodaTimeJson.Describe(ref reader)));
        }

        var id = reader.GetString()!;
        return NodaTimeJson.ZoneOrNull(id)
            ?? throw new JsonException(SerializationErrorMessages.Format(SerializationErrorMessages.UnknownTimeZone, id));
    }

    /// <summary>Writes the zone's id.</summary>
    public override void Write(Utf8JsonWriter writer, DateTimeZone value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Id);
    }
}
