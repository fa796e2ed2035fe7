using System.Text.Json.Serialization;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Serialization;

/// <summary>
/// The source-generated System.Text.Json context for every mergeable state and result type of the library, with
/// customer keys of type <see cref="string"/> and <see cref="long"/>. Trim- and AOT-safe: no reflection.
/// </summary>
/// <remarks>
/// <para>Use <see cref="RetentionMetricsJson"/> for the common calls, or pass a property of
/// <see cref="JsonSerializerContext"/> <c>Default</c> to <see cref="System.Text.Json.JsonSerializer"/>, for example
/// <c>JsonSerializer.Serialize(state, RetentionMetricsJsonContext.Default.CustomerSummaryAccumulatorString)</c>.</para>
/// <para>States are written as versioned documents (<c>"type"</c>, <c>"version"</c>) whose shapes are described in
/// docs/serialization.md; NodaTime values are ISO-8601 strings and time zones their TZDB ids.</para>
/// <para>For another customer key type, see <see cref="RetentionMetricsJson.CreateTypeInfoResolver{TKey}"/>.</para>
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters =
    [
        typeof(InstantJsonConverter), typeof(LocalDateJsonConverter), typeof(LocalDateTimeJsonConverter),
        typeof(PeriodJsonConverter), typeof(DurationJsonConverter), typeof(DateTimeZoneJsonConverter),
        typeof(CustomerSummaryAccumulatorJsonConverter<string>), typeof(CustomerSummaryAccumulatorJsonConverter<long>),
    ])]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(CustomerSummaryAccumulator<string>))]
[JsonSerializable(typeof(CustomerSummaryAccumulator<long>))]
public sealed partial class RetentionMetricsJsonContext : JsonSerializerContext
{
}
