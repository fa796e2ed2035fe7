using System.Text.Json.Serialization;
using NodaTime;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Segments;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;

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
        typeof(CustomerLifetimeAccumulatorJsonConverter<string>), typeof(CustomerLifetimeAccumulatorJsonConverter<long>),
        typeof(CustomerChurnAccumulatorJsonConverter<string>), typeof(CustomerChurnAccumulatorJsonConverter<long>),
        typeof(MrrMovementAccumulatorJsonConverter<string>), typeof(MrrMovementAccumulatorJsonConverter<long>),
        typeof(CohortAccumulatorJsonConverter<string>), typeof(CohortAccumulatorJsonConverter<long>),
        typeof(NetPromoterScoreAccumulatorJsonConverter),
        typeof(CustomerSatisfactionAccumulatorJsonConverter),
        typeof(QuantileSketchJsonConverter),
        typeof(RfmSketchJsonConverter),
        typeof(CustomerSummariesJsonConverter<string>), typeof(CustomerSummariesJsonConverter<long>),
        typeof(CustomerChurnTableJsonConverter), typeof(SurvivalObservationJsonConverter),
        typeof(MrrMovementTableJsonConverter),
        typeof(KaplanMeierCurveJsonConverter),
        typeof(LogRankResultJsonConverter),
        typeof(CohortTableJsonConverter),
        typeof(HealthScoreModelJsonConverter),
        typeof(SegmentRuleJsonConverter),
        typeof(SegmentSetJsonConverter),
        typeof(BetaGeometricNbdModelJsonConverter),
        typeof(ModifiedBetaGeometricNbdModelJsonConverter),
        typeof(ParetoNbdModelJsonConverter),
        typeof(BetaGeometricBetaBinomialModelJsonConverter),
        typeof(ShiftedBetaGeometricModelJsonConverter),
        typeof(GammaGammaModelJsonConverter),
        typeof(KMeansModelJsonConverter),
        typeof(KMeansSelectionJsonConverter),
        typeof(RfmBreakpointsJsonConverter),
        typeof(RfmSegmentMapJsonConverter),
        typeof(RfmTableJsonConverter<string>), typeof(RfmTableJsonConverter<long>),
        typeof(HealthScoreJsonConverter),
        typeof(CustomerHealthScoreJsonConverter<string>), typeof(CustomerHealthScoreJsonConverter<long>),
        typeof(HealthChangeJsonConverter<string>), typeof(HealthChangeJsonConverter<long>),
        typeof(SegmentAssignmentJsonConverter<string>), typeof(SegmentAssignmentJsonConverter<long>),
        typeof(SegmentAccumulatorJsonConverter<string>), typeof(SegmentAccumulatorJsonConverter<long>),
        typeof(RepeatPurchaseDataJsonConverter),
        typeof(CalibrationHoldoutSplitJsonConverter),
        typeof(HoldoutComparisonJsonConverter),
        typeof(FeatureScalerJsonConverter),
    ])]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(Instant))]
[JsonSerializable(typeof(LocalDate))]
[JsonSerializable(typeof(LocalDateTime))]
[JsonSerializable(typeof(Period))]
[JsonSerializable(typeof(Duration))]
[JsonSerializable(typeof(DateTimeZone))]
[JsonSerializable(typeof(CustomerSummaryAccumulator<string>))]
[JsonSerializable(typeof(CustomerSummaryAccumulator<long>))]
[JsonSerializable(typeof(CustomerLifetimeAccumulator<string>))]
[JsonSerializable(typeof(CustomerLifetimeAccumulator<long>))]
[JsonSerializable(typeof(CustomerChurnAccumulator<string>))]
[JsonSerializable(typeof(CustomerChurnAccumulator<long>))]
[JsonSerializable(typeof(MrrMovementAccumulator<string>))]
[JsonSerializable(typeof(MrrMovementAccumulator<long>))]
[JsonSerializable(typeof(CohortAccumulator<string>))]
[JsonSerializable(typeof(CohortAccumulator<long>))]
[JsonSerializable(typeof(NetPromoterScoreAccumulator))]
[JsonSerializable(typeof(CustomerSatisfactionAccumulator))]
[JsonSerializable(typeof(QuantileSketch))]
[JsonSerializable(typeof(RfmSketch))]
[JsonSerializable(typeof(CustomerSummaries<string>))]
[JsonSerializable(typeof(CustomerSummaries<long>))]
[JsonSerializable(typeof(CustomerChurnTable))]
[JsonSerializable(typeof(MrrMovementTable))]
[JsonSerializable(typeof(KaplanMeierCurve))]
[JsonSerializable(typeof(LogRankResult))]
[JsonSerializable(typeof(CohortTable))]
[JsonSerializable(typeof(HealthScoreModel))]
[JsonSerializable(typeof(SegmentRule))]
[JsonSerializable(typeof(SegmentSet))]
[JsonSerializable(typeof(BetaGeometricNbdModel))]
[JsonSerializable(typeof(ModifiedBetaGeometricNbdModel))]
[JsonSerializable(typeof(ParetoNbdModel))]
[JsonSerializable(typeof(BetaGeometricBetaBinomialModel))]
[JsonSerializable(typeof(ShiftedBetaGeometricModel))]
[JsonSerializable(typeof(GammaGammaModel))]
[JsonSerializable(typeof(KMeansModel))]
[JsonSerializable(typeof(KMeansSelection))]
[JsonSerializable(typeof(RfmBreakpoints))]
[JsonSerializable(typeof(RfmSegmentMap))]
[JsonSerializable(typeof(RfmTable<string>))]
[JsonSerializable(typeof(RfmTable<long>))]
[JsonSerializable(typeof(HealthScore))]
[JsonSerializable(typeof(CustomerHealthScore<string>))]
[JsonSerializable(typeof(CustomerHealthScore<long>))]
[JsonSerializable(typeof(HealthChange<string>))]
[JsonSerializable(typeof(HealthChange<long>))]
[JsonSerializable(typeof(SegmentAssignment<string>))]
[JsonSerializable(typeof(SegmentAssignment<long>))]
[JsonSerializable(typeof(SegmentAccumulator<string>))]
[JsonSerializable(typeof(SegmentAccumulator<long>))]
[JsonSerializable(typeof(RepeatPurchaseData))]
[JsonSerializable(typeof(CalibrationHoldoutSplit))]
[JsonSerializable(typeof(HoldoutComparison))]
[JsonSerializable(typeof(HoldoutPrediction))]
[JsonSerializable(typeof(HoldoutFrequencyGroup))]
[JsonSerializable(typeof(RepeatPurchaseSummary))]
[JsonSerializable(typeof(AverageLifetimeValue))]
[JsonSerializable(typeof(FeatureScaler))]
[JsonSerializable(typeof(NetPromoterScore))]
[JsonSerializable(typeof(CustomerSatisfaction))]
[JsonSerializable(typeof(ConfidenceInterval))]
[JsonSerializable(typeof(RfmScore))]
[JsonSerializable(typeof(RfmSegmentSummary))]
[JsonSerializable(typeof(Cohort))]
[JsonSerializable(typeof(SurvivalObservation))]
[JsonSerializable(typeof(SurvivalGroup))]
[JsonSerializable(typeof(SurvivalStep))]
[JsonSerializable(typeof(LogRankGroup))]
[JsonSerializable(typeof(CustomerChurnPeriod))]
[JsonSerializable(typeof(MrrMovementPeriod))]
[JsonSerializable(typeof(CustomerSummary<string>))]
[JsonSerializable(typeof(CustomerSummary<long>))]
public sealed partial class RetentionMetricsJsonContext : JsonSerializerContext
{
}
