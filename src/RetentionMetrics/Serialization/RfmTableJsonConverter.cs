using System.Text.Json;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>rfmTable</c> version 1: the options (bins, frequency, monetary, scoring, breakpoints as an
/// <c>rfmBreakpoints</c> document or null, sketchCapacity, sketchSeed, segments as an <c>rfmSegmentMap</c>
/// document), asOf, rankErrorBound, the segment summaries, and one row per customer in table order (key, recency,
/// frequency, monetary, revenue, score {recency, frequency, monetary}, segment).
/// </summary>
internal sealed class RfmTableJsonConverter<TKey> : StateJsonConverter<RfmTable<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "rfmTable";

    protected override void WriteBody(Utf8JsonWriter writer, RfmTable<TKey> value, JsonSerializerOptions options)
    {
        var settings = value.Options;
        writer.WriteStartObject("options");
        writer.WriteNumber("bins", settings.Bins);
        writer.WriteEnum("frequency", settings.Frequency);
        writer.WriteEnum("monetary", settings.Monetary);
        writer.WriteEnum("scoring", settings.Scoring);
        writer.WritePropertyName("breakpoints");
        if (settings.Breakpoints is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            RfmBreakpointsJsonConverter.WriteDocument(writer, settings.Breakpoints);
        }

        writer.WriteNumber("sketchCapacity", settings.SketchCapacity);
        writer.WriteNumber("sketchSeed", settings.SketchSeed);
        writer.WritePropertyName("segments");
        RfmSegmentMapJsonConverter.WriteDocument(writer, settings.Segments);
        writer.WriteEndObject();
        writer.WriteDate("asOf", value.AsOf);
        writer.WriteNumber("rankErrorBound", value.RankErrorBound);
        writer.WriteStartArray("segments");
        foreach (var segment in value.Segments)
        {
            JsonSerializer.Serialize(writer, segment, RetentionMetricsJsonContext.Default.RfmSegmentSummary);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("customers");
        foreach (var row in value)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            CustomerKeyJson<TKey>.Write(writer, row.CustomerId, options);
            writer.WriteNumber("recency", row.Recency);
            writer.WriteNumber("frequency", row.Frequency);
            writer.WriteNumber("monetary", row.Monetary);
            writer.WriteNumber("revenue", row.Revenue);
            writer.WriteStartObject("score");
            writer.WriteNumber("recency", row.Score.Recency);
            writer.WriteNumber("frequency", row.Score.Frequency);
            writer.WriteNumber("monetary", row.Score.Monetary);
            writer.WriteEndObject();
            writer.WriteString("segment", row.Segment);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override RfmTable<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var settingsNode = root.Property("options").ExpectObject();
        var settings = new RfmOptions
        {
            Bins = settingsNode.Property("bins").Int32(2),
            Frequency = settingsNode.Property("frequency").Enum<RfmFrequency>(),
            Monetary = settingsNode.Property("monetary").Enum<RfmMonetary>(),
            Scoring = settingsNode.Property("scoring").Enum<RfmScoring>(),
            Breakpoints = settingsNode.TryProperty("breakpoints", out var breakpoints) ? RfmBreakpointsJsonConverter.ReadDocument(breakpoints) : null,
            SketchCapacity = settingsNode.Property("sketchCapacity").Int32(),
            SketchSeed = settingsNode.Property("sketchSeed").Int32(),
            Segments = RfmSegmentMapJsonConverter.ReadDocument(settingsNode.Property("segments")),
        };
        Checked(settingsNode, () =>
        {
            settings.Validate("options");
            return settings;
        });
        var names = settings.Segments.Names;
        var nameIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < names.Count; s++)
        {
            nameIndex[names[s]] = s;
        }

        var segments = root.Property("segments").Items().Select(item => item.Value<RfmSegmentSummary>(options)).ToArray();
        var customers = root.Property("customers");
        var rows = new RfmCustomer<TKey>[customers.ArrayLength()];
        var segmentIndexes = new int[rows.Length];
        var seen = new HashSet<TKey>();
        var i = 0;
        foreach (var row in customers.Items())
        {
            row.ExpectObject();
            var keyNode = row.Property("key");
            var key = CustomerKeyJson<TKey>.Read(keyNode, options);
            if (!seen.Add(key))
            {
                throw keyNode.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }

            var scoreNode = row.Property("score").ExpectObject();
            var score = new RfmScore(
                scoreNode.Property("recency").Int32(1, settings.Bins), scoreNode.Property("frequency").Int32(1, settings.Bins),
                scoreNode.Property("monetary").Int32(1, settings.Bins));
            var segmentNode = row.Property("segment");
            var segment = segmentNode.String();
            if (!nameIndex.TryGetValue(segment, out var index))
            {
                throw segmentNode.Error(
                    SerializationErrorMessages.UnknownName, string.Join(", ", names.Select(name => "\"" + name + "\"")), segment);
            }

            segmentIndexes[i] = index;
            rows[i++] = new RfmCustomer<TKey>(
                key, row.Property("recency").Int32(0), row.Property("frequency").Int32(0), row.Property("monetary").Decimal(),
                row.Property("revenue").Decimal(), score, segment);
        }

        return RfmTable<TKey>.Restore(rows, segmentIndexes, OptionsJson.OptionalDate(root, "asOf"), settings, segments, root.Property("rankErrorBound").Count());
    }
}
