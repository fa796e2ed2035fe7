using RetentionMetrics.Clustering;

namespace RetentionMetrics.Tests.Clustering;

public class KMeansSelectionTests
{
    [Fact]
    public void ChooseNumberOfClusters_ThreeSeparatedBlobs_BothRulesChooseThree()
    {
        var features = ClusteringData.Blobs(300, 2, 3, seed: 4, spread: 2);

        var selection = KMeans.ChooseNumberOfClusters(features, 1, 6, new KMeansOptions { Seed = 3, Restarts = 3 });

        Assert.Equal([1, 2, 3, 4, 5, 6], selection.Candidates.Select(c => c.NumberOfClusters));
        Assert.Equal(3, selection.BySilhouette);
        Assert.Equal(3, selection.ByElbow);
        Assert.Equal(selection[3].Model.Inertia, selection[3].Inertia);
    }

    [Fact]
    public void Elbow_WorkedExample_IsFarthestBelowTheChord()
    {
        // Inertias 100, 20, 10, 5 for k = 1..4, rescaled: 1, 16/95, 5/95, 0 against the chord 1, 2/3, 1/3, 0:
        // gaps 0, 0.49, 0.28, 0, so the elbow is k = 2.
        var model = KMeans.Fit(new FeatureMatrix(1, 1, [0]), new KMeansOptions { NumberOfClusters = 1, Seed = 0 });
        KMeansCandidate[] candidates = [new(1, 100, 0, model), new(2, 20, 0, model), new(3, 10, 0, model), new(4, 5, 0, model)];

        Assert.Equal(2, KMeansSelection.Elbow(candidates));
    }

    [Fact]
    public void Elbow_TwoCandidates_IsTheSmallest()
    {
        var model = KMeans.Fit(new FeatureMatrix(1, 1, [0]), new KMeansOptions { NumberOfClusters = 1, Seed = 0 });

        Assert.Equal(2, KMeansSelection.Elbow([new(2, 10, 0, model), new(3, 5, 0, model)]));
    }

    [Fact]
    public void Indexer_UntriedK_Throws()
    {
        var selection = KMeans.ChooseNumberOfClusters(new FeatureMatrix(4, 1, [0, 1, 5, 6]), 1, 2, new KMeansOptions { Seed = 1 });

        Assert.Throws<ArgumentOutOfRangeException>(() => selection[3]);
    }

    [Fact]
    public void ChooseNumberOfClusters_RangeBeyondThePoints_Throws() =>
        Assert.Throws<ArgumentException>(() => KMeans.ChooseNumberOfClusters(new FeatureMatrix(2, 1, [0, 1]), 1, 3));
}
