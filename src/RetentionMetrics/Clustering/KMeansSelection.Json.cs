using System.Text.Json.Serialization;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Clustering;

// Restore for RetentionMetrics.Serialization. The converter is named on the type so that the source generator does
// not describe the members of the candidates' models.
[JsonConverter(typeof(KMeansSelectionJsonConverter))]
public sealed partial class KMeansSelection
{
    internal static KMeansSelection Restore(KMeansCandidate[] candidates, int byElbow, int bySilhouette) => new(candidates, byElbow, bySilhouette);
}
