using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RetentionMetrics.Churn;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Health;
using RetentionMetrics.Rfm;
using RetentionMetrics.Segments;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Serialization;

/// <summary>Metadata for the keyed states and results closed over one customer key type, built from their converters.</summary>
internal sealed class KeyedTypeInfoResolver<TKey> : IJsonTypeInfoResolver
    where TKey : notnull
{
    private readonly Dictionary<Type, Func<JsonSerializerOptions, JsonTypeInfo>> factories = new()
    {
        [typeof(CustomerSummaryAccumulator<TKey>)] = Create(new CustomerSummaryAccumulatorJsonConverter<TKey>()),
        [typeof(CustomerLifetimeAccumulator<TKey>)] = Create(new CustomerLifetimeAccumulatorJsonConverter<TKey>()),
        [typeof(CustomerChurnAccumulator<TKey>)] = Create(new CustomerChurnAccumulatorJsonConverter<TKey>()),
        [typeof(MrrMovementAccumulator<TKey>)] = Create(new MrrMovementAccumulatorJsonConverter<TKey>()),
        [typeof(CohortAccumulator<TKey>)] = Create(new CohortAccumulatorJsonConverter<TKey>()),
        [typeof(CustomerSummaries<TKey>)] = Create(new CustomerSummariesJsonConverter<TKey>()),
        [typeof(RfmTable<TKey>)] = Create(new RfmTableJsonConverter<TKey>()),
        [typeof(CustomerHealthScore<TKey>)] = Create(new CustomerHealthScoreJsonConverter<TKey>()),
        [typeof(HealthChange<TKey>)] = Create(new HealthChangeJsonConverter<TKey>()),
        [typeof(SegmentAssignment<TKey>)] = Create(new SegmentAssignmentJsonConverter<TKey>()),
        [typeof(SegmentAccumulator<TKey>)] = Create(new SegmentAccumulatorJsonConverter<TKey>()),
    };

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        factories.TryGetValue(type, out var factory) ? factory(options) : null;

    private static Func<JsonSerializerOptions, JsonTypeInfo> Create<T>(JsonConverter<T> converter) =>
        options => JsonMetadataServices.CreateValueInfo<T>(options, converter);
}
