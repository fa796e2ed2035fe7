using System.Text.Json;
using RetentionMetrics.Clustering;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>kMeansModel</c> version 1: the centroids (one array per cluster), the assignment of every fitted point, the
/// cluster sizes, the inertia and its history, the iterations, whether the fit converged, and the seed and restart
/// that produced it. A model from a stream has no assignments; its sizes are then read as written.
/// </summary>
internal sealed class KMeansModelJsonConverter : StateJsonConverter<KMeansModel>
{
    private const string Name = "kMeansModel";

    protected override string TypeName => Name;

    /// <summary>A whole <c>kMeansModel</c> document, as nested in a <c>kMeansSelection</c>.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, KMeansModel value)
    {
        writer.WriteStartObject();
        writer.WriteHeader(Name, RetentionMetricsJson.FormatVersion);
        WriteFields(writer, value);
        writer.WriteEndObject();
    }

    public static KMeansModel ReadDocument(JsonNode node)
    {
        node.ExpectObject();
        node.ExpectHeader(Name, RetentionMetricsJson.FormatVersion);
        return ReadFields(node);
    }

    protected override void WriteBody(Utf8JsonWriter writer, KMeansModel value, JsonSerializerOptions options) => WriteFields(writer, value);

    protected override KMeansModel Read(JsonNode root, JsonSerializerOptions options) => ReadFields(root);

    private static void WriteFields(Utf8JsonWriter writer, KMeansModel value)
    {
        writer.WriteStartArray("centroids");
        for (var i = 0; i < value.NumberOfClusters; i++)
        {
            writer.WriteStartArray();
            foreach (var coordinate in value.Centroids.Row(i))
            {
                writer.WriteNumberValue(coordinate);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        WriteInts(writer, "assignments", value.Assignments);
        WriteInts(writer, "clusterSizes", value.ClusterSizes);
        writer.WriteNumber("inertia", value.Inertia);
        writer.WriteStartArray("inertiaHistory");
        foreach (var inertia in value.InertiaHistory)
        {
            writer.WriteNumberValue(inertia);
        }

        writer.WriteEndArray();
        writer.WriteNumber("iterations", value.Iterations);
        writer.WriteBoolean("converged", value.Converged);
        writer.WriteNumber("seed", value.Seed);
        writer.WriteNumber("restart", value.Restart);
    }

    private static KMeansModel ReadFields(JsonNode root)
    {
        var centroids = ClusteringJson.ReadMatrix(root.Property("centroids"), "one centroid per cluster, each with the same number of coordinates");
        var k = centroids.Rows;
        var assignments = root.Property("assignments").Items().Select(item => item.Int32(0, k - 1)).ToArray();
        var sizesNode = root.Property("clusterSizes");
        if (sizesNode.ArrayLength() != k)
        {
            throw sizesNode.Error(SerializationErrorMessages.Inconsistent, "one cluster size per centroid");
        }

        var sizes = sizesNode.Items().Select(item => item.Int32(0)).ToArray();
        if (assignments.Length > 0)
        {
            var counted = new int[k];
            foreach (var cluster in assignments)
            {
                counted[cluster]++;
            }

            if (!counted.AsSpan().SequenceEqual(sizes))
            {
                throw sizesNode.Error(SerializationErrorMessages.Inconsistent, "the cluster sizes must count the assignments");
            }
        }

        var inertia = root.Property("inertia").Double(0);
        var history = root.Property("inertiaHistory").Items().Select(item => item.Double(0)).ToArray();
        return KMeansModel.Restore(
            centroids, assignments, sizes, inertia, root.Property("iterations").Int32(0), root.Property("converged").Boolean(), history,
            root.Property("seed").Int64(), root.Property("restart").Int32(0));
    }

    private static void WriteInts(Utf8JsonWriter writer, string name, IReadOnlyList<int> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
