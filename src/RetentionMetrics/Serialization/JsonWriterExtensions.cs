using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Serialization;

/// <summary>Writing helpers for the state converters: NodaTime values in their ISO forms, enums by camelCase name.</summary>
internal static class JsonWriterExtensions
{
    public static void WriteHeader(this Utf8JsonWriter writer, string type, int version)
    {
        writer.WriteString("type", type);
        writer.WriteNumber("version", version);
    }

    // Dates and date-times are formatted through DateOnly/DateTime (the same ISO text as NodaTime's Iso and
    // ExtendedIso patterns for years 1 to 9999, at tick precision) into a stack buffer: no string per value.
    private const string DateFormat = "yyyy'-'MM'-'dd";
    private const string DateTimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF";

    public static void WriteDate(this Utf8JsonWriter writer, string name, LocalDate value)
    {
        Span<char> text = stackalloc char[16];
        writer.WriteString(name, Format(value, text));
    }

    public static void WriteDateValue(this Utf8JsonWriter writer, LocalDate value)
    {
        Span<char> text = stackalloc char[16];
        writer.WriteStringValue(Format(value, text));
    }

    public static void WriteDate(this Utf8JsonWriter writer, string name, LocalDate? value)
    {
        if (value is { } date)
        {
            writer.WriteDate(name, date);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteDateTime(this Utf8JsonWriter writer, string name, LocalDateTime value)
    {
        if (value.Year < 1)
        {
            writer.WriteString(name, LocalDateTimePattern.ExtendedIso.Format(value));
            return;
        }

        Span<char> text = stackalloc char[40];
        var ok = value.ToDateTimeUnspecified().TryFormat(text, out var written, DateTimeFormat, CultureInfo.InvariantCulture);
        writer.WriteString(name, ok ? text[..written] : LocalDateTimePattern.ExtendedIso.Format(value));
    }

    private static ReadOnlySpan<char> Format(LocalDate value, Span<char> text) =>
        value.Year >= 1 && value.ToDateOnly().TryFormat(text, out var written, DateFormat, CultureInfo.InvariantCulture)
            ? text[..written]
            : LocalDatePattern.Iso.Format(value);

    public static void WriteInstant(this Utf8JsonWriter writer, string name, Instant value) =>
        writer.WriteString(name, InstantPattern.ExtendedIso.Format(value));

    public static void WritePeriod(this Utf8JsonWriter writer, string name, Period value) =>
        writer.WriteString(name, PeriodPattern.Roundtrip.Format(value));

    public static void WriteZone(this Utf8JsonWriter writer, string name, DateTimeZone value) => writer.WriteString(name, value.Id);

    public static void WriteEnum<TEnum>(this Utf8JsonWriter writer, string name, TEnum value)
        where TEnum : struct, Enum => writer.WriteString(name, NameOf(value));

    public static void WriteNullableString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes a value of a type that the options resolve (a source-generated record).</summary>
    public static void WriteValue<T>(this Utf8JsonWriter writer, string name, T value, JsonSerializerOptions options)
    {
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
    }

    /// <summary>The camelCase name of an enumeration value ("Week" → "week").</summary>
    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return name.Length == 0 || !char.IsUpper(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
