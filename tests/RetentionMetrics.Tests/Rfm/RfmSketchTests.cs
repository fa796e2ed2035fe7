using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class RfmSketchTests
{
    private static readonly Arbitrary<RfmTestData.Customer[]> Many =
        Arb.From(from n in Gen.Choose(50, 600)
                 from seed in Gen.Choose(0, int.MaxValue)
                 select Build(n, seed));

    private static RfmTestData.Customer[] Build(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new RfmTestData.Customer($"x{i}", random.Next(0, 400), random.Next(1, 30), random.Next(0, 100_000) / 100m))];
    }

    [Property(MaxTest = 100)]
    public Property Score_DiffersFromExactOnlyWithinTheBound() =>
        Prop.ForAll(Many, Arb.From(Gen.Elements(8, 16, 32)), Arb.From(Gen.Choose(2, 10)), (customers, capacity, bins) =>
        {
            var sketch = new RfmSketch(capacity, seed: 5);
            foreach (var c in customers)
            {
                sketch.Add(c.Days, c.Transactions, c.Total);
            }

            long n = customers.Length, e = sketch.RankErrorBound;
            return customers.All(c =>
                Allowed(sketch.Score(c.Days, c.Transactions, c.Total, bins).Recency, customers.Count(o => o.Days > c.Days))
                && Allowed(sketch.Score(c.Days, c.Transactions, c.Total, bins).Frequency, customers.Count(o => o.Transactions < c.Transactions))
                && Allowed(sketch.Score(c.Days, c.Transactions, c.Total, bins).Monetary, customers.Count(o => o.Total < c.Total)));

            // The exact below(v) is known; the sketch's estimate is within e of it, so its score lies between the
            // scores of below − e and below + e.
            bool Allowed(int score, long below) =>
                score >= Score(Math.Max(0, below - e)) && score <= Math.Min(bins, Score(Math.Min(n, below + e)));

            long Score(long b) => 1 + bins * b / n;
        });

    [Property(MaxTest = 100)]
    public Property Merge_ScoresWithinTheBoundOfTheUnion() =>
        Prop.ForAll(Many, Many, (left, right) =>
        {
            var a = new RfmSketch(16);
            var b = new RfmSketch(16, seed: 9);
            foreach (var c in left)
            {
                a.Add(c.Days, c.Transactions, c.Total);
            }

            foreach (var c in right)
            {
                b.Add(c.Days, c.Transactions, c.Total);
            }

            a.Merge(b);
            var union = left.Concat(right).ToArray();
            long n = union.Length, e = a.RankErrorBound;
            return a.Count == n && union.All(c =>
            {
                var below = union.Count(o => o.Total < c.Total);
                var score = a.Score(c.Days, c.Transactions, c.Total, 5).Monetary;
                return score >= 1 + 5 * Math.Max(0, below - e) / n && score <= Math.Min(5, 1 + 5 * Math.Min(n, below + e) / n);
            });
        });

    [Fact]
    public void Score_SmallInput_EqualsTheExactScores()
    {
        // Ten customers fit in one level of capacity 16: no compaction, so the scores are the exact ones.
        var sketch = new RfmSketch(16);
        foreach (var c in RfmTestData.TenCustomers)
        {
            sketch.Add(c.Days, c.Transactions, c.Total);
        }

        var exact = RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers));

        Assert.Equal(0, sketch.RankErrorBound);
        foreach (var c in RfmTestData.TenCustomers)
        {
            Assert.True(exact.TryGet(c.Id, out var row));
            Assert.Equal(row.Score, sketch.Score(c.Days, c.Transactions, c.Total, 5));
        }
    }

    [Fact]
    public void Score_Empty_IsAllOnes() => Assert.Equal(new RfmScore(1, 1, 1), new RfmSketch().Score(3, 2, 10m, 5));

    [Fact]
    public void Score_OneBin_Throws() =>
        Assert.Equal("bins", Assert.Throws<ArgumentOutOfRangeException>(() => new RfmSketch().Score(1, 1, 1m, 1)).ParamName);

    [Fact]
    public void Merge_DifferentCapacity_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RfmSketch(8).Merge(new RfmSketch(16)));

        Assert.Equal("other", error.ParamName);
        Assert.StartsWith(RfmErrorMessages.RfmSketchMismatch, error.Message);
    }

    [Fact]
    public void Score_SketchScoringInTheModel_ReportsItsBound()
    {
        var customers = Enumerable.Range(0, 300).Select(i => new RfmTestData.Customer($"s{i:D3}", i % 97, 1 + i % 7, i % 50)).ToArray();

        var table = RfmModel.Score(RfmTestData.Summaries(customers), new RfmOptions { Scoring = RfmScoring.Sketch, SketchCapacity = 16 });

        Assert.InRange(table.RankErrorBound, 1, QuantileSketch.WorstCaseRankError(16, 300));
        var exact = RfmModel.Score(RfmTestData.Summaries(customers));
        var allowed = 1 + 5 * table.RankErrorBound / 300;
        Assert.All(table, row => Assert.True(exact.TryGet(row.CustomerId, out var e) && Math.Abs(e.Score.Monetary - row.Score.Monetary) <= allowed));
    }
}
