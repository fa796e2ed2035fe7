using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Serialization;

/// <summary>Writes a <see cref="LocalDateTime"/> as an extended ISO-8601 string without offset such as <c>"2024-03-01T09:30:00"</c>.</summary>
/// <remarks>Trim- and AOT-safe: no reflection. Registered on <see cref="RetentionMetricsJsonContext"/>; add it to your own
/// <see cref="JsonSerializerOptions.Converters"/> or source-generated context to use the same shape elsewhere.</remarks>
public sealed class LocalDateTimeJsonConverter : JsonConverter<LocalDateTime>
{
    private static readonly IPattern<LocalDateTime> Pattern = LocalDateTimePattern.ExtendedIso;

    /// <summary>Reads a local date and time as an extended ISO-8601 string.</summary>
    /// <exception cref="JsonException">The token is not a string in this shape.</exception>
    public override LocalDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NodaTimeJson.Parse(ref reader, Pattern, "an ISO-8601 local date and time such as \"2024-03-01T09:30:00\"");

    /// <summary>Writes a local date and time as an extended ISO-8601 string.</summary>
    public override void Write(Utf8JsonWriter writer, LocalDateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Pattern.Format(value));
    }
}
