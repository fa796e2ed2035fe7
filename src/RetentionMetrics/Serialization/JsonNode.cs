using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Serialization;

/// <summary>
/// A JSON value and its path from the document root, with typed getters that check kind and range and throw a
/// <see cref="JsonException"/> naming the path. The state readers use it so that every error says where it is.
/// </summary>
internal readonly struct JsonNode(JsonElement element, string path)
{
    public JsonElement Element { get; } = element;

    public string Path { get; } = path;

    public JsonValueKind Kind => Element.ValueKind;

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>The root of a value read from <paramref name="reader"/>, checked to be an object.</summary>
    public static JsonNode ReadRoot(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new JsonNode(document.RootElement.Clone(), "$").ExpectObject();
    }

    public JsonException Error(string problem) =>
        new(SerializationErrorMessages.Format(SerializationErrorMessages.AtPath, Path, problem));

    public JsonException Error(string format, params object?[] args) => Error(SerializationErrorMessages.Format(format, args));

    public JsonException Expected(string what) => Error(SerializationErrorMessages.ExpectedValue, what, Describe());

    public JsonNode ExpectObject() => Kind == JsonValueKind.Object ? this : throw Expected("an object");

    /// <summary>Checks the "type" and "version" properties of a state document.</summary>
    public void ExpectHeader(string type, int version)
    {
        var found = Property("type").String();
        if (found != type)
        {
            throw Property("type").Error(SerializationErrorMessages.WrongType, type, found);
        }

        var foundVersion = Property("version");
        if (foundVersion.Kind != JsonValueKind.Number || !foundVersion.Element.TryGetInt32(out var number))
        {
            throw foundVersion.Expected("a whole number");
        }

        if (number != version)
        {
            throw foundVersion.Error(SerializationErrorMessages.UnsupportedVersion, version, number);
        }
    }

    public JsonNode Property(string name)
    {
        ExpectObject();
        return Element.TryGetProperty(name, out var value)
            ? new JsonNode(value, Path + "." + name)
            : throw Error(SerializationErrorMessages.MissingProperty, name);
    }

    /// <summary>The property, or false when it is absent or null.</summary>
    public bool TryProperty(string name, out JsonNode node)
    {
        ExpectObject();
        if (Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            node = new JsonNode(value, Path + "." + name);
            return true;
        }

        node = default;
        return false;
    }

    public int ArrayLength()
    {
        if (Kind != JsonValueKind.Array)
        {
            throw Expected("an array");
        }

        return Element.GetArrayLength();
    }

    public IEnumerable<JsonNode> Items()
    {
        ArrayLength();
        var i = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new JsonNode(item, Path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
            i++;
        }
    }

    public string String() => Kind == JsonValueKind.String ? Element.GetString()! : throw Expected("a string");

    public string? NullableString() => IsNull ? null : String();

    public bool Boolean() => Kind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Expected("true or false"),
    };

    public long Int64(long minimum = long.MinValue, long maximum = long.MaxValue)
    {
        if (Kind != JsonValueKind.Number || !Element.TryGetInt64(out var value))
        {
            throw Expected("a whole number");
        }

        if (value < minimum || value > maximum)
        {
            throw minimum == 0 && value < 0
                ? Error(SerializationErrorMessages.NegativeCount, value)
                : Error(SerializationErrorMessages.OutOfRange, minimum, maximum, value);
        }

        return value;
    }

    public int Int32(int minimum = int.MinValue, int maximum = int.MaxValue) => (int)Int64(minimum, maximum);

    public long Count() => Int64(0);

    public decimal Decimal() =>
        Kind == JsonValueKind.Number && Element.TryGetDecimal(out var value) ? value : throw Expected("a decimal number");

    public double Double(double minimum = double.MinValue, double maximum = double.MaxValue)
    {
        if (Kind != JsonValueKind.Number || !Element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Expected("a finite number");
        }

        return value >= minimum && value <= maximum
            ? value
            : throw Error(SerializationErrorMessages.OutOfRange, minimum.ToString("R", CultureInfo.InvariantCulture), maximum.ToString("R", CultureInfo.InvariantCulture), value.ToString("R", CultureInfo.InvariantCulture));
    }

    public LocalDate Date() => Parse(LocalDatePattern.Iso, "an ISO-8601 date such as \"2024-03-01\"");

    public LocalDate? NullableDate() => IsNull ? null : Date();

    public LocalDateTime DateTime() => Parse(LocalDateTimePattern.ExtendedIso, "an ISO-8601 local date and time such as \"2024-03-01T09:30:00\"");

    public Instant Instant() => Parse(InstantPattern.ExtendedIso, "an ISO-8601 instant such as \"2024-03-01T09:30:00Z\"");

    public Period Period() => Parse(PeriodPattern.Roundtrip, "a period such as \"P30D\"");

    public DateTimeZone Zone()
    {
        var id = String();
        return NodaTimeJson.ZoneOrNull(id) ?? throw Error(SerializationErrorMessages.UnknownTimeZone, id);
    }

    /// <summary>An enumeration value written by name (as <see cref="JsonWriterExtensions.WriteEnum"/> writes it).</summary>
    public TEnum Enum<TEnum>()
        where TEnum : struct, Enum
    {
        var text = String();
        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(JsonWriterExtensions.NameOf(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw Error(SerializationErrorMessages.UnknownName, string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => "\"" + JsonWriterExtensions.NameOf(v) + "\"")), text);
    }

    /// <summary>A value of a type that the options resolve (a source-generated record), errors re-pathed to this node.</summary>
    public T Value<T>(JsonSerializerOptions options)
    {
        T? value;
        try
        {
            value = Element.Deserialize((System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }
        catch (JsonException e)
        {
            throw Error(e.Path is { Length: > 1 } inner ? inner[1..] + ": " + e.Message : e.Message);
        }
        catch (ArgumentException e)
        {
            throw Error(SerializationErrorMessages.InvalidSettings, e.Message);
        }

        return value ?? throw Expected("a value");
    }

    private T Parse<T>(IPattern<T> pattern, string expected)
    {
        if (Kind != JsonValueKind.String)
        {
            throw Expected(expected);
        }

        var result = pattern.Parse(Element.GetString()!);
        return result.Success ? result.Value : throw Error(SerializationErrorMessages.ExpectedValue, expected, "\"" + Element.GetString() + "\"");
    }

    private string Describe() => Kind switch
    {
        JsonValueKind.Number => Element.GetRawText(),
        JsonValueKind.String => "\"" + Element.GetString() + "\"",
        JsonValueKind.True or JsonValueKind.False => Element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
