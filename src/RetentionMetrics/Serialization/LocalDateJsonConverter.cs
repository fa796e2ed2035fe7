using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Serialization;

/// <summary>Writes a <see cref="LocalDate"/> as an ISO-8601 calendar date such as <c>"2024-03-01"</c>.</summary>
/// <remarks>Trim- and AOT-safe: no reflection. Registered on <see cref="RetentionMetricsJsonContext"/>; add it to your own
/// <see cref="JsonSerializerOptions.Converters"/> or source-generated context to use the same shape elsewhere.</remarks>
public sealed class LocalDateJsonConverter : JsonConverter<LocalDate>
{
    private static readonly IPattern<LocalDate> Pattern = LocalDatePattern.Iso;

    /// <summary>Reads a date as an ISO-8601 string (uuuu-MM-dd).</summary>
    /// <exception cref="JsonException">The token is not a string in this shape.</exception>
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NodaTimeJson.Parse(ref reader, Pattern, "an ISO-8601 date such as \"2024-03-01\"");

    /// <summary>Writes a date as an ISO-8601 string (uuuu-MM-dd).</summary>
    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Pattern.Format(value));
    }
}
