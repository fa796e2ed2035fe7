using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>The NodaTime converters: ISO strings by hand, round trips as properties, clear errors for bad text.</summary>
public class NodaTimeJsonConvertersTests
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = RetentionMetricsJsonContext.Default,
    };

    private static readonly Arbitrary<long> Ticks = Arb.From(Gen.Choose(0, int.MaxValue).Select(i => (long)i * 1_000_003_001L));

    [Fact]
    public void Write_KnownValues_UsesIsoText()
    {
        // Written by hand from ISO-8601: UTC instants end in Z, local values have no offset, periods use P…T….
        Assert.Equal("\"2024-03-01T09:30:00Z\"", Write(Instant.FromUtc(2024, 3, 1, 9, 30), new InstantJsonConverter()));
        Assert.Equal("\"2024-03-01\"", Write(new LocalDate(2024, 3, 1), new LocalDateJsonConverter()));
        Assert.Equal("\"2024-03-01T09:30:15.5\"", Write(new LocalDateTime(2024, 3, 1, 9, 30, 15, 500), new LocalDateTimeJsonConverter()));
        Assert.Equal("\"P1M2DT3H\"", Write(Period.FromMonths(1) + Period.FromDays(2) + Period.FromHours(3), new PeriodJsonConverter()));
        Assert.Equal("\"1:02:00:00\"", Write(Duration.FromHours(26), new DurationJsonConverter()));
        Assert.Equal("\"Europe/London\"", Write(DateTimeZoneProviders.Tzdb["Europe/London"], new DateTimeZoneJsonConverter()));
    }

    [Property(MaxTest = 200)]
    public Property Instant_RoundTrips() =>
        Prop.ForAll(Ticks, ticks => RoundTrip(Instant.FromUnixTimeTicks(ticks - 500_000_000_000_000_000L), new InstantJsonConverter()));

    [Property(MaxTest = 200)]
    public Property LocalDateTime_RoundTrips() =>
        Prop.ForAll(Ticks, ticks => RoundTrip(new LocalDateTime(1, 1, 1, 0, 0).PlusTicks(ticks), new LocalDateTimeJsonConverter()));

    [Property(MaxTest = 200)]
    public Property LocalDate_RoundTrips() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 3_000_000)), days => RoundTrip(new LocalDate(1, 1, 1).PlusDays(days), new LocalDateJsonConverter()));

    [Property(MaxTest = 200)]
    public Property PeriodAndDuration_RoundTrip() =>
        Prop.ForAll(Arb.From(Gen.Choose(-1000, 1000)), Ticks, (days, ticks) =>
            RoundTrip(Period.FromDays(days) + Period.FromTicks(ticks), new PeriodJsonConverter())
            && RoundTrip(Duration.FromTicks(ticks) - Duration.FromDays(days), new DurationJsonConverter()));

    [Fact]
    public void DateTimeZone_FixedOffsetAndUtc_RoundTrip()
    {
        Assert.True(RoundTrip(DateTimeZone.Utc, new DateTimeZoneJsonConverter()));
        Assert.True(RoundTrip(DateTimeZone.ForOffset(Offset.FromHours(2)), new DateTimeZoneJsonConverter()));
    }

    [Theory]
    [InlineData("\"Mars/Olympus\"", "unknown time zone id \"Mars/Olympus\".")]
    [InlineData("42", "expected a time zone id such as \"Europe/London\", found a number.")]
    public void DateTimeZone_BadText_ThrowsWithTheReason(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<DateTimeZone>(json));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void LocalDate_BadText_ThrowsNamingTheShape()
    {
        var error = Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<LocalDate>("\"2024-02-30\""));

        Assert.Equal(SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "an ISO-8601 date such as \"2024-03-01\"", "\"2024-02-30\""), error.Message);
    }

    private static string Write<T>(T value, System.Text.Json.Serialization.JsonConverter<T> converter)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            converter.Write(writer, value, Options);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool RoundTrip<T>(T value, System.Text.Json.Serialization.JsonConverter<T> converter)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(Write(value, converter)));
        reader.Read();
        return EqualityComparer<T>.Default.Equals(converter.Read(ref reader, typeof(T), Options), value);
    }
}
