using System.Text.Json;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>quantileSketch</c> version 1: capacity, seed, the generator state (so that a restored sketch continues exactly
/// as the original would), count, minimum, maximum, rank error bound and the retained values of each level; a
/// value at level h stands for 2^h inputs.
/// </summary>
internal sealed class QuantileSketchJsonConverter : StateJsonConverter<QuantileSketch>
{
    public const string Name = "quantileSketch";

    protected override string TypeName => Name;

    public static void WriteDocument(Utf8JsonWriter writer, QuantileSketch value)
    {
        writer.WriteStartObject();
        writer.WriteHeader(Name, RetentionMetricsJson.FormatVersion);
        WriteFields(writer, value);
        writer.WriteEndObject();
    }

    public static QuantileSketch ReadDocument(JsonNode node)
    {
        node.ExpectObject();
        node.ExpectHeader(Name, RetentionMetricsJson.FormatVersion);
        return ReadFields(node);
    }

    protected override void WriteBody(Utf8JsonWriter writer, QuantileSketch value, JsonSerializerOptions options) => WriteFields(writer, value);

    protected override QuantileSketch Read(JsonNode root, JsonSerializerOptions options) => ReadFields(root);

    private static void WriteFields(Utf8JsonWriter writer, QuantileSketch value)
    {
        writer.WriteNumber("capacity", value.Capacity);
        writer.WriteNumber("seed", value.Seed);
        writer.WriteNumber("randomState", value.RandomState);
        writer.WriteNumber("count", value.Count);
        writer.WriteNumber("minimum", value.Minimum);
        writer.WriteNumber("maximum", value.Maximum);
        writer.WriteNumber("rankErrorBound", value.RankErrorBound);
        writer.WriteStartArray("levels");
        for (var h = 0; h < value.LevelCount; h++)
        {
            writer.WriteStartArray();
            foreach (var retained in value.LevelAt(h))
            {
                writer.WriteNumberValue(retained);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static QuantileSketch ReadFields(JsonNode root)
    {
        var capacityNode = root.Property("capacity");
        var capacity = capacityNode.Int32(8, 65_536);
        if (capacity % 2 != 0)
        {
            throw capacityNode.Expected("an even capacity");
        }

        var sketch = new QuantileSketch(capacity, root.Property("seed").Int32());
        var randomNode = root.Property("randomState");
        if (randomNode.Kind != JsonValueKind.Number || !randomNode.Element.TryGetUInt64(out var randomState) || randomState == 0)
        {
            throw randomNode.Expected("a positive whole number below 2^64");
        }

        var count = root.Property("count").Count();
        var minimum = root.Property("minimum").Double();
        var maximumNode = root.Property("maximum");
        var maximum = maximumNode.Double(minimum);
        var rankErrorBound = root.Property("rankErrorBound").Count();
        var levelsNode = root.Property("levels");
        var levels = new double[levelsNode.ArrayLength()][];
        var weight = (Int128)0;
        var h = 0;
        foreach (var levelNode in levelsNode.Items())
        {
            if (h >= 62)
            {
                throw levelNode.Error(SerializationErrorMessages.Inconsistent, "a sketch has at most 62 levels");
            }

            var level = new double[levelNode.ArrayLength()];
            if (level.Length >= capacity)
            {
                throw levelNode.Error(SerializationErrorMessages.Inconsistent, "each level holds fewer values than the capacity");
            }

            var i = 0;
            foreach (var item in levelNode.Items())
            {
                level[i++] = count == 0 ? item.Double() : item.Double(minimum, maximum);
            }

            levels[h] = level;
            weight += (Int128)level.Length << h;
            h++;
        }

        if (weight != count)
        {
            throw root.Property("count").Error(SerializationErrorMessages.Inconsistent, "the count must equal the retained values weighted by 2^level");
        }

        sketch.Restore(randomState, count, minimum, maximum, rankErrorBound, levels);
        return sketch;
    }
}
