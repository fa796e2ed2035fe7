namespace RetentionMetrics.Clustering;

/// <summary>How each Lloyd iteration finds the nearest centroid of every point.</summary>
/// <remarks>Both give identical results from the same initial centroids; they differ only in speed.</remarks>
public enum KMeansAlgorithm
{
    /// <summary>Hamerly's bounds (2010): one upper and one lower bound per point skip most distance computations.</summary>
    Hamerly,

    /// <summary>Plain Lloyd: every point's distance to every centroid in every iteration.</summary>
    Lloyd,
}
