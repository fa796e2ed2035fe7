// snippet: clustering-in-code
using RetentionMetrics.Clustering;

// end-snippet
using RetentionMetrics.Customers;

namespace RetentionMetrics.Samples.Docs;

/// <summary>The code example of docs/clustering.md.</summary>
public static class ClusteringSnippet
{
    /// <summary>Clusters <paramref name="rows"/>, then the RFM features of <paramref name="summaries"/>; prints what it found.</summary>
    public static void Run(IEnumerable<IReadOnlyList<double>> rows, CustomerSummaries<string> summaries)
    {
        // snippet: clustering-in-code
        var features = FeatureMatrix.FromRows(rows);                  // one row per customer, finite doubles
        var model = KMeans.Fit(features, new KMeansOptions { NumberOfClusters = 4, Seed = 42 });
        FeatureMatrix centroids = model.Centroids;                    // k × d
        IReadOnlyList<int> assignments = model.Assignments;           // cluster of each row
        double inertia = model.Inertia;                               // sum of squared distances to the assigned centroids
        int cluster = model.Predict([3.0, 120.0, 55.5]);              // cluster of a new point

        // RFM pipeline in one call: log1p of recency/frequency/monetary, standardised.
        var rfm = summaries.ToRfmFeatures();                          // CustomerSummaries<TKey> from the foundation
        var clusters = KMeans.Fit(rfm.Scaled, new KMeansOptions { NumberOfClusters = 5, Seed = 1 });
        var inDaysAndMoney = rfm.ToOriginalUnits(clusters.Centroids);
        // end-snippet
        Console.WriteLine($"{centroids.Rows} centroids, {assignments.Count} rows, inertia {inertia:0.###}, new point in cluster {cluster}, {inDaysAndMoney.Rows} RFM centroids");
    }
}
