using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Serialization;

/// <summary>Writes a <see cref="Period"/> in NodaTime's round-trip ISO-8601-like form such as <c>"P1M2DT3H"</c>.</summary>
/// <remarks>Trim- and AOT-safe: no reflection. Registered on <see cref="RetentionMetricsJsonContext"/>; add it to your own
/// <see cref="JsonSerializerOptions.Converters"/> or source-generated context to use the same shape elsewhere.</remarks>
public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    private static readonly IPattern<Period> Pattern = PeriodPattern.Roundtrip;

    /// <summary>Reads a period in its round-trip form.</summary>
    /// <exception cref="JsonException">The token is not a string in this shape.</exception>
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NodaTimeJson.Parse(ref reader, Pattern, "a period such as \"P1M2D\"");

    /// <summary>Writes a period in its round-trip form.</summary>
    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Pattern.Format(value));
    }
}
