namespace RetentionMetrics.Clustering;

/// <summary>One number of clusters tried while choosing k, with its best fit and scores.</summary>
/// <remarks>Equal when every field is equal (the model by reference).</remarks>
/// <param name="NumberOfClusters">The k tried.</param>
/// <param name="Inertia">The best-of-restarts inertia for this k.</param>
/// <param name="Silhouette">The silhouette score of that fit (sampled for large data).</param>
/// <param name="Model">The fit itself.</param>
public sealed record KMeansCandidate(int NumberOfClusters, double Inertia, double Silhouette, KMeansModel Model);
