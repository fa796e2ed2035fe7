using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Clustering;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Clustering;

namespace RetentionMetrics.Tests.Serialization;

public class FeatureScalerJsonTests
{
    [Property(MaxTest = 100)]
    public Property RoundTrip_AnyScaling_TransformsExactlyAsTheOriginal() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), Arb.From(Gen.Elements(FeatureScaling.None, FeatureScaling.Standard, FeatureScaling.LogStandard)), (c, scaling) =>
        {
            var features = scaling == FeatureScaling.LogStandard ? Positive(c.Features) : c.Features;
            var scaler = FeatureScaler.Fit(features, scaling);
            var restored = StateJsonAssert.RoundTrip(scaler, out var sameJson);
            return sameJson && restored.Scaling == scaler.Scaling && restored.Means.SequenceEqual(scaler.Means) && restored.Scales.SequenceEqual(scaler.Scales)
                && restored.Transform(features).Equals(scaler.Transform(features));
        });

    [Fact]
    public void Serialize_WorkedExample_WritesTheDocumentedShape()
    {
        // Points 1 and 3: mean 2, population standard deviation 1.
        var scaler = FeatureScaler.Fit(new FeatureMatrix(2, 1, [1d, 3d]), FeatureScaling.Standard);

        Assert.Equal("""{"type":"featureScaler","version":1,"scaling":"standard","means":[2],"scales":[1]}""", RetentionMetricsJson.Serialize(scaler));
    }

    [Fact]
    public void Deserialize_ZeroScale_NamesThePath()
    {
        const string Json = """{"type":"featureScaler","version":1,"scaling":"standard","means":[2,5],"scales":[1,0]}""";

        StateJsonAssert.RejectsAt<FeatureScaler>(Json, "$.scales[1]");
    }

    [Fact]
    public void Deserialize_UnknownScaling_NamesThePath()
    {
        const string Json = """{"type":"featureScaler","version":1,"scaling":"minMax","means":[],"scales":[]}""";

        StateJsonAssert.Rejects<FeatureScaler>(Json, "$.scaling", SerializationErrorMessages.Format(SerializationErrorMessages.UnknownName, "\"none\", \"standard\", \"logStandard\"", "minMax"));
    }

    private static FeatureMatrix Positive(FeatureMatrix features)
    {
        var values = features.AsSpan().ToArray().Select(Math.Abs).ToArray();
        return new FeatureMatrix(features.Rows, features.Columns, values);
    }
}
