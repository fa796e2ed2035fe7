namespace RetentionMetrics.Clustering;

/// <summary>How far a k-means fit has come, reported through <see cref="IProgress{T}"/> after every iteration.</summary>
/// <remarks>
/// Equal when every field is equal. When the restarts run on a sample (<see cref="KMeansOptions.RestartSampleSize"/>),
/// their reports give the sample's inertia, and the final run over every point reports as the restart that won.
/// </remarks>
/// <param name="Restart">The 0-based restart running.</param>
/// <param name="Restarts">The number of restarts in the fit.</param>
/// <param name="Iteration">The iterations finished in this restart.</param>
/// <param name="Inertia">The sum of squared distances of the points to their centroids in the last iteration.</param>
public readonly record struct KMeansProgress(int Restart, int Restarts, int Iteration, double Inertia);
