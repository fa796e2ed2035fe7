using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Clustering;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Clustering;

namespace RetentionMetrics.Tests.Serialization;

public class KMeansSelectionJsonTests
{
    [Property(MaxTest = 50)]
    public Property RoundTrip_AnySelection_GivesTheSameCandidatesAndChoices() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false, maximumPoints: 30), c =>
        {
            var selection = KMeans.ChooseNumberOfClusters(c.Features, 1, c.K, new KMeansOptions { Seed = c.Seed, Restarts = 1 });
            var restored = StateJsonAssert.RoundTrip(selection, out var sameJson);
            return sameJson && restored.ByElbow == selection.ByElbow && restored.BySilhouette == selection.BySilhouette
                && restored.Candidates.Count == selection.Candidates.Count
                && restored.Candidates.Zip(selection.Candidates).All(p =>
                    p.First.NumberOfClusters == p.Second.NumberOfClusters && p.First.Inertia.Equals(p.Second.Inertia)
                    && p.First.Silhouette.Equals(p.Second.Silhouette) && p.First.Model.Centroids.Equals(p.Second.Model.Centroids)
                    && p.First.Model.Assignments.SequenceEqual(p.Second.Model.Assignments));
        });

    [Fact]
    public void Deserialize_ChoiceNotTried_NamesThePath()
    {
        // The points 0, 1, 5, 6 with k from 1 to 2 (KMeansSelectionTests).
        var json = RetentionMetricsJson.Serialize(KMeans.ChooseNumberOfClusters(new FeatureMatrix(4, 1, [0, 1, 5, 6]), 1, 2, new KMeansOptions { Seed = 1 }));
        var start = json.IndexOf("\"byElbow\":", StringComparison.Ordinal) + "\"byElbow\":".Length;

        StateJsonAssert.Rejects<KMeansSelection>(
            json[..start] + "9" + json[(start + 1)..], "$.byElbow",
            SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "the chosen number of clusters must be one of the candidates"));
    }

    [Fact]
    public void Deserialize_BadNestedModel_NamesTheFullPath()
    {
        var json = RetentionMetricsJson.Serialize(KMeans.ChooseNumberOfClusters(new FeatureMatrix(4, 1, [0, 1, 5, 6]), 1, 2, new KMeansOptions { Seed = 1 }));

        StateJsonAssert.RejectsAt<KMeansSelection>(StateJsonAssert.Replace(json, "\"restart\":0", "\"restart\":-1"), "$.candidates[0].model.restart");
    }
}
