using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Serialization;

/// <summary>Writes a <see cref="Duration"/> in its round-trip form <c>-D:hh:mm:ss.FFFFFFFFF</c>, such as <c>"1:02:00:00"</c>.</summary>
/// <remarks>Trim- and AOT-safe: no reflection. Registered on <see cref="RetentionMetricsJsonContext"/>; add it to your own
/// <see cref="JsonSerializerOptions.Converters"/> or source-generated context to use the same shape elsewhere.</remarks>
public sealed class DurationJsonConverter : JsonConverter<Duration>
{
    private static readonly IPattern<Duration> Pattern = DurationPattern.Roundtrip;

    /// <summary>Reads a duration in its round-trip form.</summary>
    /// <exception cref="JsonException">The token is not a string in this shape.</exception>
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NodaTimeJson.Parse(ref reader, Pattern, "a duration such as \"1:02:00:00\"");

    /// <summary>Writes a duration in its round-trip form.</summary>
    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Pattern.Format(value));
    }
}
