using System.Text.Json;
using RetentionMetrics.Churn;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Segments;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Serialization;

/// <summary>Reads and writes the options records that states carry, checking them with the library's own rules.</summary>
internal static class OptionsJson
{
    public static void Write(Utf8JsonWriter writer, CustomerSummaryOptions options)
    {
        writer.WriteStartObject();
        writer.WriteEnum("period", options.Period);
        writer.WriteZone("zone", options.Zone);
        writer.WriteDate("asOf", options.AsOf);
        writer.WriteEnum("refunds", options.Refunds);
        if (options.MaximumDegreeOfParallelism is { } workers)
        {
            writer.WriteNumber("maximumDegreeOfParallelism", workers);
        }

        writer.WriteEndObject();
    }

    public static CustomerSummaryOptions ReadCustomerSummaryOptions(JsonNode node)
    {
        node.ExpectObject();
        var options = new CustomerSummaryOptions
        {
            Period = node.Property("period").Enum<PurchasePeriod>(),
            Zone = node.Property("zone").Zone(),
            AsOf = OptionalDate(node, "asOf"),
            Refunds = node.Property("refunds").Enum<RefundPolicy>(),
            MaximumDegreeOfParallelism = node.TryProperty("maximumDegreeOfParallelism", out var workers) ? workers.Int32(1) : null,
        };
        return Check(node, () => options.Validate(nameof(options)), options);
    }

    public static void Write(Utf8JsonWriter writer, SurveyOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("confidenceLevel", options.ConfidenceLevel);
        writer.WriteNumber("csatMinimum", options.CsatMinimum);
        writer.WriteNumber("csatMaximum", options.CsatMaximum);
        writer.WriteNumber("csatSatisfiedFrom", options.CsatSatisfiedFrom);
        writer.WriteEndObject();
    }

    public static SurveyOptions ReadSurveyOptions(JsonNode node)
    {
        node.ExpectObject();
        var options = new SurveyOptions
        {
            ConfidenceLevel = node.Property("confidenceLevel").Double(),
            CsatMinimum = node.Property("csatMinimum").Int32(),
            CsatMaximum = node.Property("csatMaximum").Int32(),
            CsatSatisfiedFrom = node.Property("csatSatisfiedFrom").Int32(),
        };
        return Check(node, () => options.Validate(nameof(options)), options);
    }

    public static void Write(Utf8JsonWriter writer, CustomerLifetimeOptions options)
    {
        writer.WriteStartObject();
        writer.WritePeriod("inactivityGap", options.InactivityGap);
        writer.WriteZone("zone", options.Zone);
        writer.WriteDate("asOf", options.AsOf);
        writer.WriteEndObject();
    }

    public static CustomerLifetimeOptions ReadCustomerLifetimeOptions(JsonNode node)
    {
        node.ExpectObject();
        var options = new CustomerLifetimeOptions
        {
            InactivityGap = node.Property("inactivityGap").Period(),
            Zone = node.Property("zone").Zone(),
            AsOf = OptionalDate(node, "asOf"),
        };
        return Check(node, () => options.Validate(nameof(options)), options);
    }

    public static void Write(Utf8JsonWriter writer, CustomerChurnOptions options)
    {
        writer.WriteStartObject();
        writer.WriteEnum("period", options.Period);
        writer.WriteZone("zone", options.Zone);
        if (options.InactivityWindow is { } window)
        {
            writer.WritePeriod("inactivityWindow", window);
        }
        else
        {
            writer.WriteNull("inactivityWindow");
        }

        writer.WriteDate("asOf", options.AsOf);
        writer.WriteEndObject();
    }

    public static CustomerChurnOptions ReadCustomerChurnOptions(JsonNode node)
    {
        node.ExpectObject();
        var options = new CustomerChurnOptions
        {
            Period = node.Property("period").Enum<ChurnPeriod>(),
            Zone = node.Property("zone").Zone(),
            InactivityWindow = node.TryProperty("inactivityWindow", out var window) ? window.Period() : null,
            AsOf = OptionalDate(node, "asOf"),
        };
        return Check(node, () => options.Validate(nameof(options)), options);
    }

    public static void Write(Utf8JsonWriter writer, MrrMovementOptions options)
    {
        writer.WriteStartObject();
        writer.WriteEnum("period", options.Period);
        writer.WriteZone("zone", options.Zone);
        writer.WriteEnum("mode", options.Mode);
        writer.WriteDate("asOf", options.AsOf);
        writer.WriteEndObject();
    }

    public static MrrMovementOptions ReadMrrMovementOptions(JsonNode node)
    {
        node.ExpectObject();
        var options = new MrrMovementOptions
        {
            Period = node.Property("period").Enum<ChurnPeriod>(),
            Zone = node.Property("zone").Zone(),
            Mode = node.Property("mode").Enum<MrrMovementMode>(),
            AsOf = OptionalDate(node, "asOf"),
        };
        return Check(node, () => options.Validate(nameof(options)), options);
    }

    public static void Write(Utf8JsonWriter writer, CohortOptions options)
    {
        writer.WriteStartObject();
        writer.WriteEnum("period", options.Period);
        writer.WriteZone("zone", options.Zone);
        writer.WriteDate("asOf", options.AsOf);
        writer.WriteEnum("measure", options.Measure);
        if (options.Brackets is { } brackets)
        {
            writer.WriteStartArray("brackets");
            foreach (var bracket in brackets)
            {
                writer.WriteStartObject();
                writer.WriteNumber("from", bracket.From);
                writer.WriteNumber("to", bracket.To);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteBoolean("includePartialPeriods", options.IncludePartialPeriods);
        writer.WriteBoolean("trackRevenue", options.TrackRevenue);
        if (options.MaximumOffset is { } offset)
        {
            writer.WriteNumber("maximumOffset", offset);
        }

        if (options.MaximumDegreeOfParallelism is { } workers)
        {
            writer.WriteNumber("maximumDegreeOfParallelism", workers);
        }

        writer.WriteEndObject();
    }

    public static CohortOptions ReadCohortOptions(JsonNode node)
    {
        node.ExpectObject();
        OffsetBracket[]? brackets = null;
        if (node.TryProperty("brackets", out var bracketsNode))
        {
            brackets = bracketsNode.Items().Select(item =>
            {
                var from = item.Property("from").Int32(0);
                return new OffsetBracket(from, item.Property("to").Int32(from));
            }).ToArray();
        }

        var options = new CohortOptions
        {
            Period = node.Property("period").Enum<CohortPeriod>(),
            Zone = node.Property("zone").Zone(),
            AsOf = OptionalDate(node, "asOf"),
            Measure = node.Property("measure").Enum<CohortMeasure>(),
            Brackets = brackets,
            IncludePartialPeriods = node.Property("includePartialPeriods").Boolean(),
            TrackRevenue = node.Property("trackRevenue").Boolean(),
            MaximumOffset = node.TryProperty("maximumOffset", out var offset) ? offset.Int32(0) : null,
            MaximumDegreeOfParallelism = node.TryProperty("maximumDegreeOfParallelism", out var workers) ? workers.Int32(1) : null,
        };
        return Check(node, () => options.Validate(nameof(options)), options);
    }

    public static void Write(Utf8JsonWriter writer, SegmentOptions options)
    {
        writer.WriteStartObject();
        writer.WriteInstant("asOf", options.AsOf);
        writer.WriteZone("zone", options.Zone);
        writer.WriteEnum("assignment", options.Assignment);
        writer.WriteEndObject();
    }

    public static SegmentOptions ReadSegmentOptions(JsonNode node)
    {
        node.ExpectObject();
        return new SegmentOptions(node.Property("asOf").Instant())
        {
            Zone = node.Property("zone").Zone(),
            Assignment = node.Property("assignment").Enum<SegmentAssignmentMode>(),
        };
    }

    public static NodaTime.LocalDate? OptionalDate(JsonNode node, string name) =>
        node.TryProperty(name, out var value) ? PeriodJson.CheckedDate(value) : null;

    public static T Check<T>(JsonNode node, Action validate, T value)
    {
        try
        {
            validate();
            return value;
        }
        catch (ArgumentException e)
        {
            throw node.Error(SerializationErrorMessages.InvalidSettings, e.Message);
        }
    }
}
