using System.Text.Json;
using RetentionMetrics.Clustering;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>kMeansSelection</c> version 1: <c>byElbow</c>, <c>bySilhouette</c> (each a number of clusters that was tried)
/// and the <c>candidates</c> in increasing number of clusters, each
/// <c>{ "numberOfClusters", "inertia", "silhouette", "model": a kMeansModel document }</c>.
/// </summary>
internal sealed class KMeansSelectionJsonConverter : StateJsonConverter<KMeansSelection>
{
    protected override string TypeName => "kMeansSelection";

    protected override void WriteBody(Utf8JsonWriter writer, KMeansSelection value, JsonSerializerOptions options)
    {
        writer.WriteNumber("byElbow", value.ByElbow);
        writer.WriteNumber("bySilhouette", value.BySilhouette);
        writer.WriteStartArray("candidates");
        foreach (var candidate in value.Candidates)
        {
            writer.WriteStartObject();
            writer.WriteNumber("numberOfClusters", candidate.NumberOfClusters);
            writer.WriteNumber("inertia", candidate.Inertia);
            writer.WriteNumber("silhouette", candidate.Silhouette);
            writer.WritePropertyName("model");
            KMeansModelJsonConverter.WriteDocument(writer, candidate.Model);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override KMeansSelection Read(JsonNode root, JsonSerializerOptions options)
    {
        var candidatesNode = root.Property("candidates");
        var candidates = new KMeansCandidate[candidatesNode.ArrayLength()];
        var i = 0;
        foreach (var node in candidatesNode.Items())
        {
            node.ExpectObject();
            var countNode = node.Property("numberOfClusters");
            var count = countNode.Int32(1);
            if (i > 0 && count <= candidates[i - 1].NumberOfClusters)
            {
                throw candidatesNode.Error(SerializationErrorMessages.NotIncreasing, "candidates");
            }

            var model = KMeansModelJsonConverter.ReadDocument(node.Property("model"));
            if (model.NumberOfClusters != count)
            {
                throw countNode.Error(SerializationErrorMessages.Inconsistent, "the number of clusters must be the model's");
            }

            candidates[i++] = new KMeansCandidate(count, node.Property("inertia").Double(0), node.Property("silhouette").Double(-1, 1), model);
        }

        return KMeansSelection.Restore(candidates, Tried(root.Property("byElbow"), candidates), Tried(root.Property("bySilhouette"), candidates));
    }

    private static int Tried(JsonNode node, KMeansCandidate[] candidates)
    {
        var count = node.Int32(1);
        return candidates.Any(c => c.NumberOfClusters == count)
            ? count
            : throw node.Error(SerializationErrorMessages.Inconsistent, "the chosen number of clusters must be one of the candidates");
    }
}
