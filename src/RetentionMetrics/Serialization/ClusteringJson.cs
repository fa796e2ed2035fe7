using RetentionMetrics.Clustering;

namespace RetentionMetrics.Serialization;

/// <summary>Matrices and vectors shared by the clustering documents.</summary>
internal static class ClusteringJson
{
    /// <summary>A non-empty array of equally long, non-empty arrays of finite numbers.</summary>
    public static FeatureMatrix ReadMatrix(JsonNode node, string rule)
    {
        var rows = node.Items().Select(row => row.Items().Select(value => value.Double()).ToArray()).ToArray();
        if (rows.Length == 0 || rows[0].Length == 0 || rows.Any(row => row.Length != rows[0].Length))
        {
            throw node.Error(SerializationErrorMessages.Inconsistent, rule);
        }

        return FeatureMatrix.Wrap(rows.Length, rows[0].Length, [.. rows.SelectMany(row => row)]);
    }
}
