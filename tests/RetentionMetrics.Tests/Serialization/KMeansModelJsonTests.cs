using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Clustering;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Clustering;

namespace RetentionMetrics.Tests.Serialization;

public class KMeansModelJsonTests
{
    [Property(MaxTest = 100)]
    public Property RoundTrip_FittedModel_GivesAnEqualModel() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), c =>
        {
            var model = KMeans.Fit(c.Features, new KMeansOptions { NumberOfClusters = c.K, Seed = c.Seed, Restarts = 2 });
            var restored = StateJsonAssert.RoundTrip(model, out var sameJson);
            return sameJson && Same(model, restored) && restored.Predict(c.Features).SequenceEqual(model.Predict(c.Features));
        });

    [Fact]
    public void Serialize_WorkedExample_WritesTheDocumentedShape()
    {
        // The points 0, 1, 10 and 11 with k = 2 (the example of KMeans.Fit): centroids 0.5 and 10.5, inertia 4 × 0.5² = 1.
        var model = KMeans.Fit(new FeatureMatrix(4, 1, [0d, 1d, 10d, 11d]), new KMeansOptions { NumberOfClusters = 2, Seed = 7, Restarts = 1 });
        var json = RetentionMetricsJson.Serialize(model);

        Assert.StartsWith("{\"type\":\"kMeansModel\",\"version\":1,\"centroids\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"clusterSizes\":[2,2],\"inertia\":1,", json, StringComparison.Ordinal);
        Assert.True(json.Contains("[[0.5],[10.5]]", StringComparison.Ordinal) || json.Contains("[[10.5],[0.5]]", StringComparison.Ordinal), json);
    }

    [Fact]
    public void Deserialize_AssignmentOutsideTheClusters_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(KMeans.Fit(new FeatureMatrix(4, 1, [0d, 1d, 10d, 11d]), new KMeansOptions { NumberOfClusters = 2, Seed = 7, Restarts = 1 }));
        var start = json.IndexOf("\"assignments\":[", StringComparison.Ordinal) + "\"assignments\":[".Length;
        var bad = json[..start] + "2" + json[(start + 1)..];

        StateJsonAssert.Rejects<KMeansModel>(bad, "$.assignments[0]", SerializationErrorMessages.Format(SerializationErrorMessages.OutOfRange, 0, 1, 2));
    }

    [Fact]
    public void Deserialize_SizesThatDoNotCountTheAssignments_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(KMeans.Fit(new FeatureMatrix(4, 1, [0d, 1d, 10d, 11d]), new KMeansOptions { NumberOfClusters = 2, Seed = 7, Restarts = 1 }));

        StateJsonAssert.Rejects<KMeansModel>(
            StateJsonAssert.Replace(json, "\"clusterSizes\":[2,2]", "\"clusterSizes\":[3,1]"), "$.clusterSizes",
            SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "the cluster sizes must count the assignments"));
    }

    [Fact]
    public void Deserialize_RaggedCentroids_NamesThePath()
    {
        const string Json = """{"type":"kMeansModel","version":1,"centroids":[[1,2],[3]],"assignments":[],"clusterSizes":[0,0],"inertia":0,"inertiaHistory":[],"iterations":0,"converged":true,"seed":1,"restart":0}""";

        StateJsonAssert.RejectsAt<KMeansModel>(Json, "$.centroids");
    }

    private static bool Same(KMeansModel a, KMeansModel b) =>
        a.Centroids.Equals(b.Centroids) && a.Assignments.SequenceEqual(b.Assignments) && a.ClusterSizes.SequenceEqual(b.ClusterSizes)
        && a.Inertia.Equals(b.Inertia) && a.InertiaHistory.SequenceEqual(b.InertiaHistory) && a.Iterations == b.Iterations
        && a.Converged == b.Converged && a.Seed == b.Seed && a.Restart == b.Restart;
}
