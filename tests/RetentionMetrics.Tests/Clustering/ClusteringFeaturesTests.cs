using NodaTime;
using RetentionMetrics.Clustering;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Tests.Clustering;

public class ClusteringFeaturesTests
{
    private static CustomerSummaries<string> Summaries()
    {
        // As of 2024-03-01. a: 2024-01-01 (10) and 2024-02-20 (20) → recency 10 days, 2 transactions, 30.
        // b: 2024-02-29 (99) → recency 1, 1 transaction, 99. c: 2024-01-31 (5, 5, 5) → recency 30, 3, 15.
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new LocalDate(2024, 3, 1) });
        accumulator.Add("a", new LocalDate(2024, 1, 1), 10m);
        accumulator.Add("a", new LocalDate(2024, 2, 20), 20m);
        accumulator.Add("b", new LocalDate(2024, 2, 29), 99m);
        accumulator.Add("c", new LocalDate(2024, 1, 31), 5m);
        accumulator.Add("c", new LocalDate(2024, 1, 31), 5m);
        accumulator.Add("c", new LocalDate(2024, 1, 31), 5m);
        return accumulator.ToSummaries();
    }

    [Fact]
    public void ToRfmFeatures_WorkedExample_RawValuesByHand()
    {
        var set = Summaries().ToRfmFeatures();

        var raw = set.Customers.Select((c, i) => (c, set.Raw[i, 0], set.Raw[i, 1], set.Raw[i, 2])).OrderBy(r => r.c).ToArray();
        Assert.Equal([("a", 10.0, 2.0, 30.0), ("b", 1.0, 1.0, 99.0), ("c", 30.0, 3.0, 15.0)], raw);
        Assert.Equal(new LocalDate(2024, 3, 1), set.AsOf);
        Assert.Equal(["recency", "frequency", "monetary"], RfmFeatureSet<string>.ColumnNames);
    }

    [Fact]
    public void ToRfmFeatures_ScaledColumns_AreLogStandardised()
    {
        var set = Summaries().ToRfmFeatures();

        for (var j = 0; j < 3; j++)
        {
            var column = Enumerable.Range(0, 3).Select(i => set.Scaled[i, j]).ToArray();
            Assert.Equal(0.0, column.Average(), 12);
            Assert.Equal(1.0, column.Select(v => v * v).Average(), 12);
        }

        // Recency of a: ln(11), standardised with the mean and deviation of ln 11, ln 2, ln 31.
        double[] logs = [Math.Log(11), Math.Log(2), Math.Log(31)];
        var mean = logs.Average();
        var deviation = Math.Sqrt(logs.Select(v => (v - mean) * (v - mean)).Average());
        var a = set.Customers.ToList().IndexOf("a");
        Assert.Equal((Math.Log(11) - mean) / deviation, set.Scaled[a, 0], 12);
    }

    [Fact]
    public void ToOriginalUnits_OfTheScaledRows_GivesTheRawRows()
    {
        var set = Summaries().ToRfmFeatures();
        var back = set.ToOriginalUnits(set.Scaled);

        for (var i = 0; i < back.AsSpan().Length; i++)
        {
            Assert.Equal(set.Raw.AsSpan()[i], back.AsSpan()[i], 9);
        }
    }

    [Fact]
    public void ToRfmFeatures_OneCustomer_ZeroVarianceGivesZerosNotNaN()
    {
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new LocalDate(2024, 3, 1) });
        accumulator.Add("only", new LocalDate(2024, 2, 1), 10m);

        var set = accumulator.ToSummaries().ToRfmFeatures();

        Assert.Equal([0.0, 0, 0], set.Scaled.AsSpan().ToArray());
    }

    [Fact]
    public void ToRfmFeatures_NegativeSpend_CountsAsZero()
    {
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new LocalDate(2024, 3, 1), Refunds = RefundPolicy.Subtract });
        accumulator.Add("r", new LocalDate(2024, 2, 1), 10m);
        accumulator.Add("r", new LocalDate(2024, 2, 2), -30m);

        var set = accumulator.ToSummaries().ToRfmFeatures();

        Assert.Equal(0.0, set.Raw[0, 2]);
    }

    [Fact]
    public void ToRfmFeatures_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ClusteringFeatures.ToRfmFeatures<string>(null!));

    [Fact]
    public void ToRfmFeatures_ThenFit_ClustersEveryCustomer()
    {
        var set = Summaries().ToRfmFeatures();
        var model = KMeans.Fit(set.Scaled, new KMeansOptions { NumberOfClusters = 3, Seed = 1 });

        // Three customers, three clusters: each centroid is one customer, so in original units it is a raw row.
        Assert.Equal(0.0, model.Inertia, 12);
        var centroids = set.ToOriginalUnits(model.Centroids).ToRows().Select(r => r.Select(v => Math.Round(v, 9)).ToArray()).OrderBy(r => r[0]).ToArray();
        Assert.Equal([1.0, 1, 99], centroids[0]);
        Assert.Equal([10.0, 2, 30], centroids[1]);
        Assert.Equal([30.0, 3, 15], centroids[2]);
    }
}
