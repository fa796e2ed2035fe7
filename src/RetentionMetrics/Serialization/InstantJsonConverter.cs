using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Serialization;

/// <summary>Writes an <see cref="Instant"/> as an extended ISO-8601 UTC string such as <c>"2024-03-01T09:30:00Z"</c>.</summary>
/// <remarks>Trim- and AOT-safe: no reflection. Registered on <see cref="RetentionMetricsJsonContext"/>; add it to your own
/// <see cref="JsonSerializerOptions.Converters"/> or source-generated context to use the same shape elsewhere.</remarks>
public sealed class InstantJsonConverter : JsonConverter<Instant>
{
    private static readonly IPattern<Instant> Pattern = InstantPattern.ExtendedIso;

    /// <summary>Reads an instant as an extended ISO-8601 UTC string.</summary>
    /// <exception cref="JsonException">The token is not a string in this shape.</exception>
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NodaTimeJson.Parse(ref reader, Pattern, "an ISO-8601 instant such as \"2024-03-01T09:30:00Z\"");

    /// <summary>Writes an instant as an extended ISO-8601 UTC string.</summary>
    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Pattern.Format(value));
    }
}
