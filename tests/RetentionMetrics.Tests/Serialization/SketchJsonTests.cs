using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Rfm;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Tests.Serialization;

public class SketchJsonTests
{
    private static readonly Arbitrary<double[]> Values = Arb.From(Gen.Choose(-1000, 1000).Select(i => i / 8d).ArrayOf());
    private static readonly Arbitrary<int> Cuts = Arb.From(Gen.Choose(0, 1000));

    [Fact]
    public void Serialize_SmallSketch_WritesTheDocumentedShape()
    {
        // Three values below the capacity stay at level 0 in arrival order; nothing compacted, so no rank error.
        var sketch = new QuantileSketch(capacity: 8, seed: 3);
        sketch.Add(2.5);
        sketch.Add(-1);
        sketch.Add(4);

        var json = RetentionMetricsJson.Serialize(sketch);

        Assert.StartsWith("""{"type":"quantileSketch","version":1,"capacity":8,"seed":3,"randomState":""", json, StringComparison.Ordinal);
        Assert.EndsWith(""","count":3,"minimum":-1,"maximum":4,"rankErrorBound":0,"levels":[[2.5,-1,4]]}""", json, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property QuantileSketch_RoundTrip_ContinuesExactlyAsTheOriginal() =>
        Prop.ForAll(Values, Values, (first, more) =>
        {
            var original = Sketch(first);
            var restored = StateJsonAssert.RoundTrip(original, out var sameJson);
            foreach (var value in more)
            {
                original.Add(value);
                restored.Add(value);
            }

            return sameJson && RetentionMetricsJson.Serialize(restored) == RetentionMetricsJson.Serialize(original);
        });

    [Property(MaxTest = 100)]
    public Property QuantileSketch_RestoredPartMergedWithAnother_EqualsInMemoryMerge() =>
        Prop.ForAll(Values, Cuts, (values, cut) =>
        {
            // A sketch is approximate, so the scale-out route is compared with the in-memory merge of the same parts.
            var split = values.Length == 0 ? 0 : cut % (values.Length + 1);
            var restored = StateJsonAssert.Restore(Sketch(values[..split]));
            restored.Merge(Sketch(values[split..]));
            var inMemory = Sketch(values[..split]);
            inMemory.Merge(Sketch(values[split..]));
            return RetentionMetricsJson.Serialize(restored) == RetentionMetricsJson.Serialize(inMemory)
                && restored.Count == values.Length
                && (values.Length == 0 || restored.Quantile(0.5) == inMemory.Quantile(0.5));
        });

    [Property(MaxTest = 50)]
    public Property RfmSketch_RestoredPartMergedWithAnother_ScoresAsInMemoryMerge() =>
        Prop.ForAll(Values, Cuts, (values, cut) =>
        {
            var split = values.Length == 0 ? 0 : cut % (values.Length + 1);
            var restored = StateJsonAssert.RoundTrip(Rfm(values[..split]), out var sameJson);
            restored.Merge(Rfm(values[split..]));
            var inMemory = Rfm(values[..split]);
            inMemory.Merge(Rfm(values[split..]));
            return sameJson && RetentionMetricsJson.Serialize(restored) == RetentionMetricsJson.Serialize(inMemory)
                && restored.Score(3, 2, 10m, 5) == inMemory.Score(3, 2, 10m, 5);
        });

    [Fact]
    public void Deserialize_CountNotMatchingLevels_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(Sketch([1, 2, 3]));

        StateJsonAssert.Rejects<QuantileSketch>(
            StateJsonAssert.Replace(json, "\"count\":3", "\"count\":4"), "$.count",
            SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "the count must equal the retained values weighted by 2^level"));
    }

    [Fact]
    public void Deserialize_ValueOutsideMinimumAndMaximum_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(Sketch([1, 2, 3]));

        StateJsonAssert.RejectsAt<QuantileSketch>(StateJsonAssert.Replace(json, "[1,2,3]", "[1,2,30]"), "$.levels[0][2]");
    }

    [Fact]
    public void Deserialize_RfmSketchWithBadNestedSketch_NamesTheNestedPath()
    {
        var json = RetentionMetricsJson.Serialize(Rfm([1, 2]));
        var broken = json.Replace("\"version\":1,\"capacity\"", "\"version\":7,\"capacity\"", StringComparison.Ordinal);

        StateJsonAssert.Rejects<RfmSketch>(broken, "$.recency.version", SerializationErrorMessages.Format(SerializationErrorMessages.UnsupportedVersion, 1, 7));
    }

    private static QuantileSketch Sketch(IEnumerable<double> values)
    {
        var sketch = new QuantileSketch(capacity: 8, seed: 5);
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        return sketch;
    }

    private static RfmSketch Rfm(IEnumerable<double> values)
    {
        var sketch = new RfmSketch(capacity: 8, seed: 5);
        foreach (var value in values)
        {
            sketch.Add((int)Math.Abs(value), (int)Math.Abs(value) % 7, (decimal)value);
        }

        return sketch;
    }
}
