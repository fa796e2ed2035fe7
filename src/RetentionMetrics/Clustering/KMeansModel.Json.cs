using System.Text.Json.Serialization;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Clustering;

// Restore for RetentionMetrics.Serialization: a model from its centroids, assignments and sizes as written. The
// converter is named on the type so that the source generator does not describe FeatureMatrix's members.
[JsonConverter(typeof(KMeansModelJsonConverter))]
public sealed partial class KMeansModel
{
    internal static KMeansModel Restore(
        FeatureMatrix centroids, int[] assignments, int[] clusterSizes, double inertia, int iterations, bool converged,
        double[] inertiaHistory, long seed, int restart) =>
        new(centroids, assignments, inertia, iterations, converged, inertiaHistory, seed, restart, clusterSizes);
}
