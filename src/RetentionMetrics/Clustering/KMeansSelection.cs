namespace RetentionMetrics.Clustering;

/// <summary>The fits over a range of k and the k each rule chooses: the elbow of the inertia curve and the best silhouette.</summary>
/// <remarks>An immutable value made by <see cref="KMeans.ChooseNumberOfClusters"/>.</remarks>
public sealed partial class KMeansSelection
{
    internal KMeansSelection(KMeansCandidate[] candidates, int byElbow, int bySilhouette)
    {
        Candidates = candidates;
        ByElbow = byElbow;
        BySilhouette = bySilhouette;
    }

    /// <summary>One entry per k tried, in increasing k.</summary>
    public IReadOnlyList<KMeansCandidate> Candidates { get; }

    /// <summary>
    /// The k at the elbow: with k and inertia both rescaled to [0, 1] over the range, the k whose inertia lies
    /// farthest below the straight line from the first to the last candidate (the "kneedle" rule of Satopää et al.
    /// 2011, without smoothing); the smallest k when fewer than three were tried or none lies below the line.
    /// </summary>
    public int ByElbow { get; }

    /// <summary>The k with the highest silhouette score (the smallest such k on ties).</summary>
    public int BySilhouette { get; }

    /// <summary>The candidate for a given k.</summary>
    /// <param name="numberOfClusters">A k that was tried.</param>
    /// <returns>Its candidate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfClusters"/> was not tried.</exception>
    public KMeansCandidate this[int numberOfClusters] =>
        Candidates.FirstOrDefault(c => c.NumberOfClusters == numberOfClusters)
        ?? throw new ArgumentOutOfRangeException(nameof(numberOfClusters), numberOfClusters, "That number of clusters was not tried.");

    internal static int Elbow(IReadOnlyList<KMeansCandidate> candidates)
    {
        var first = candidates[0];
        if (candidates.Count < 3)
        {
            return first.NumberOfClusters;
        }

        var last = candidates[^1];
        var high = candidates.Max(c => c.Inertia);
        var low = candidates.Min(c => c.Inertia);
        if (!(high > low))
        {
            return first.NumberOfClusters;
        }

        var best = first.NumberOfClusters;
        var bestGap = 0d;
        var span = last.NumberOfClusters - first.NumberOfClusters;
        var startY = (first.Inertia - low) / (high - low);
        var endY = (last.Inertia - low) / (high - low);
        foreach (var candidate in candidates)
        {
            var xValue = (double)(candidate.NumberOfClusters - first.NumberOfClusters) / span;
            var line = startY + ((endY - startY) * xValue);
            var gap = line - ((candidate.Inertia - low) / (high - low));
            if (gap > bestGap)
            {
                bestGap = gap;
                best = candidate.NumberOfClusters;
            }
        }

        return best;
    }
}
