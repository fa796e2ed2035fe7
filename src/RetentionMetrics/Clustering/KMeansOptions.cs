using RetentionMetrics.Internal;

namespace RetentionMetrics.Clustering;

/// <summary>The settings of a k-means fit.</summary>
/// <remarks>
/// An immutable record compared by value; <see cref="Default"/> holds the defaults. Options are checked when a fit
/// uses them, and an invalid value raises <see cref="ArgumentOutOfRangeException"/> naming the option.
/// </remarks>
public sealed record KMeansOptions
{
    /// <summary>
    /// The default options: 4 clusters, 300 iterations, tolerance 0 (run until no point changes cluster), 10 restarts
    /// compared on a sample of 32,768 points when there are more, random seed, Hamerly.
    /// </summary>
    public static KMeansOptions Default { get; } = new();

    /// <summary>The number of clusters k (at least 1, at most the number of points).</summary>
    public int NumberOfClusters { get; init; } = 4;

    /// <summary>The most Lloyd iterations one restart may run (at least 1).</summary>
    public int MaximumIterations { get; init; } = 300;

    /// <summary>
    /// The convergence tolerance, relative to the data's spread as in scikit-learn: a restart stops when the sum over
    /// centroids of the squared distance each centroid moved in one iteration is at most
    /// <c>Tolerance × mean over features of the feature's population variance</c> (or as soon as no point changes
    /// cluster). Zero, the default, demands that no point changes cluster or that the centroids stop moving exactly:
    /// the fit ends at a true fixed point of Lloyd's iteration, which costs little because Hamerly's bounds make the
    /// late iterations cheap. scikit-learn's default is <c>1e-4</c>, which stops earlier at a slightly higher inertia.
    /// </summary>
    public double Tolerance { get; init; }

    /// <summary>The number of k-means++ seedings to run (at least 1); the one with the lowest inertia is kept.</summary>
    /// <remarks>Above <see cref="RestartSampleSize"/> points the restarts compete on a sample; see there.</remarks>
    public int Restarts { get; init; } = 10;

    /// <summary>The default <see cref="RestartSampleSize"/>: 32,768 points.</summary>
    public const int DefaultRestartSampleSize = 32_768;

    /// <summary>
    /// Above this many points (and k), the restarts run on a sample: <see langword="null"/> runs every restart on
    /// every point. The default is <see cref="DefaultRestartSampleSize"/>.
    /// </summary>
    /// <remarks>
    /// With more points than this, the fit draws a uniform sample of this many distinct points (at least k) from the
    /// seed, runs every restart on the sample — greedy k-means++ seeding and Lloyd iterations to the same tolerance
    /// and iteration cap — and keeps the restart with the lowest inertia on the sample; its centroids then start one
    /// run of Lloyd iterations over every point, which gives the result. Screening restarts on a sample and refining
    /// the winner on the full data is the approach of Bradley and Fayyad (1998, "Refining initial points for k-means
    /// clustering") and of scikit-learn's <c>MiniBatchKMeans</c>, whose <c>n_init</c> initialisations compete on an
    /// <c>init_size</c> sample. Ten restarts then cost little more than one run over all points, so the default fit of
    /// a large dataset gets the benefit of restarts (a better local optimum than a single seeding often reaches)
    /// at about the price of a single seeding.
    /// </remarks>
    public int? RestartSampleSize { get; init; } = DefaultRestartSampleSize;

    /// <summary>
    /// The seed of the random choices; <see langword="null"/> picks one at random, reported in
    /// <see cref="KMeansModel.Seed"/> so the fit can be repeated. Restart <c>r</c> draws from a generator seeded by a
    /// hash of the seed and <c>r</c>, so a fixed seed gives the same result on every run and every thread count.
    /// </summary>
    public long? Seed { get; init; }

    /// <summary>How nearest centroids are found; both give the same result.</summary>
    public KMeansAlgorithm Algorithm { get; init; } = KMeansAlgorithm.Hamerly;

    /// <summary>The most threads a fit uses; <see langword="null"/> uses every core. The result does not depend on it.</summary>
    public int? MaximumDegreeOfParallelism { get; init; }

    /// <summary>Returns a copy with <see cref="NumberOfClusters"/> set.</summary>
    /// <param name="numberOfClusters">The number of clusters.</param>
    /// <returns>The changed copy.</returns>
    public KMeansOptions WithNumberOfClusters(int numberOfClusters) => this with { NumberOfClusters = numberOfClusters };

    /// <summary>Returns a copy with <see cref="Seed"/> set.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The changed copy.</returns>
    public KMeansOptions WithSeed(long? seed) => this with { Seed = seed };

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(NumberOfClusters, 1, nameof(NumberOfClusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumIterations, 1, nameof(MaximumIterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1, nameof(Restarts));
        if (!double.IsFinite(Tolerance) || Tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Expected a finite, non-negative tolerance.");
        }

        if (!Enum.IsDefined(Algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "Expected Hamerly or Lloyd.");
        }

        if (RestartSampleSize is { } sampleSize)
        {
            Preconditions.CheckInRange(sampleSize, 1, int.MaxValue, nameof(RestartSampleSize));
        }

        if (MaximumDegreeOfParallelism is { } threads)
        {
            Preconditions.CheckInRange(threads, 1, int.MaxValue, nameof(MaximumDegreeOfParallelism));
        }
    }
}
