using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Tests.Rfm;

public class QuantileSketchTests
{
    private static readonly Arbitrary<double[]> Values =
        Arb.From(Gen.Choose(-500, 500).Select(v => v / 4d).ArrayOf());

    private static readonly Arbitrary<int> Capacities = Arb.From(Gen.Elements(8, 16, 32, 64));

    [Fact]
    public void CountBelow_FewerValuesThanCapacity_IsExact()
    {
        // Values 1..10: nothing is compacted, so the counts are exact: below 5.5 → 5; at most 7 → 7; below 1 → 0.
        var sketch = new QuantileSketch(capacity: 16);
        for (var v = 10; v >= 1; v--)
        {
            sketch.Add(v);
        }

        Assert.Equal(0, sketch.RankErrorBound);
        Assert.Equal(5, sketch.CountBelow(5.5));
        Assert.Equal(7, sketch.CountAtMost(7));
        Assert.Equal(0, sketch.CountBelow(1));
        Assert.Equal(10, sketch.CountAtMost(100));
        Assert.Equal((1d, 10d, 10L), (sketch.Minimum, sketch.Maximum, sketch.Count));
    }

    [Fact]
    public void Quantile_FewerValuesThanCapacity_IsTheOrderStatistic()
    {
        // 1..10 exact: the 0.5 quantile is the smallest value with at least 5 values at or below it → 5; 0.25 → 3 (ceil 2.5).
        var sketch = new QuantileSketch(capacity: 16);
        for (var v = 1; v <= 10; v++)
        {
            sketch.Add(v);
        }

        Assert.Equal(5d, sketch.Quantile(0.5));
        Assert.Equal(3d, sketch.Quantile(0.25));
        Assert.Equal(1d, sketch.Quantile(0));
        Assert.Equal(10d, sketch.Quantile(1));
    }

    [Fact]
    public void Add_OneCompaction_BoundIsOne()
    {
        // Capacity 8: the eighth value triggers one compaction of level 0, weight 2^0 = 1.
        var sketch = new QuantileSketch(capacity: 8);
        for (var v = 0; v < 8; v++)
        {
            sketch.Add(v);
        }

        Assert.Equal(1, sketch.RankErrorBound);
        Assert.Equal(4, sketch.RetainedValues);
        Assert.InRange(sketch.CountBelow(4), 3, 5);
    }

    [Fact]
    public void WorstCaseRankError_KnownValues()
    {
        // 1,000,000 values at capacity 256: ⌊log2(3906.25)⌋ + 1 = 12 levels; 1e6 · 12 / 256 = 46,875.
        Assert.Equal(46_875, QuantileSketch.WorstCaseRankError(256, 1_000_000));
        Assert.Equal(0, QuantileSketch.WorstCaseRankError(256, 255));
        Assert.Equal(1, QuantileSketch.WorstCaseRankError(8, 8));
    }

    [Fact]
    public void Constructor_OddCapacity_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(capacity: 9));

        Assert.Equal("capacity", error.ParamName);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, RfmErrorMessages.SketchCapacity, 9), error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Add_NotFinite_Throws(double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch().Add(value));

        Assert.Equal("value", error.ParamName);
        Assert.StartsWith(RfmErrorMessages.SketchValueNotFinite, error.Message);
    }

    [Fact]
    public void Quantile_Empty_Throws() =>
        Assert.Equal(RfmErrorMessages.SketchEmpty, Assert.Throws<InvalidOperationException>(() => new QuantileSketch().Quantile(0.5)).Message);

    [Fact]
    public void Merge_DifferentCapacity_Throws() =>
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => new QuantileSketch(8).Merge(new QuantileSketch(16))).ParamName);

    [Fact]
    public void Merge_Null_Throws() =>
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => new QuantileSketch().Merge(null!)).ParamName);

    [Fact]
    public void CountBelow_MillionValues_StaysWithinTheBound()
    {
        // 1,000,000 distinct values 0..999,999 in a scrambled order: the exact count below x is x.
        var sketch = new QuantileSketch();
        for (long i = 0; i < 1_000_000; i++)
        {
            sketch.Add((i * 7_919) % 1_000_000);
        }

        Assert.InRange(sketch.RankErrorBound, 1, QuantileSketch.WorstCaseRankError(QuantileSketch.DefaultCapacity, 1_000_000));
        foreach (var x in new[] { 1_000, 200_000, 500_000, 999_000 })
        {
            Assert.InRange(sketch.CountBelow(x), x - sketch.RankErrorBound, x + sketch.RankErrorBound);
        }

        Assert.InRange(sketch.Quantile(0.5), 500_000 - 2 * sketch.RankErrorBound, 500_000 + 2 * sketch.RankErrorBound);
    }

    [Property(MaxTest = 300)]
    public Property CountBelow_IsWithinTheRankErrorBound() =>
        Prop.ForAll(Values, Capacities, Arb.From(Gen.Choose(0, 1000)), (values, capacity, seed) =>
        {
            var sketch = new QuantileSketch(capacity, seed);
            foreach (var v in values)
            {
                sketch.Add(v);
            }

            return WithinBound(sketch, values);
        });

    [Property(MaxTest = 300)]
    public Property Merge_IsASketchOfTheUnionWithinTheBound() =>
        Prop.ForAll(Values, Values, Capacities, (left, right, capacity) =>
        {
            var a = new QuantileSketch(capacity, 1);
            var b = new QuantileSketch(capacity, 2);
            foreach (var v in left)
            {
                a.Add(v);
            }

            foreach (var v in right)
            {
                b.Add(v);
            }

            a.Merge(b);
            var union = left.Concat(right).ToArray();
            return a.Count == union.Length && WithinBound(a, union)
                && a.RankErrorBound <= QuantileSketch.WorstCaseRankError(capacity, union.Length);
        });

    [Property(MaxTest = 200)]
    public Property RankErrorBound_NeverExceedsTheWorstCase() =>
        Prop.ForAll(Values, Capacities, (values, capacity) =>
        {
            var sketch = new QuantileSketch(capacity);
            foreach (var v in values)
            {
                sketch.Add(v);
            }

            return sketch.RankErrorBound <= QuantileSketch.WorstCaseRankError(capacity, values.Length);
        });

    [Property(MaxTest = 200)]
    public Property CountBelow_IsMonotoneInTheThreshold() =>
        Prop.ForAll(Values, Arb.From(Gen.Choose(-600, 600)), Arb.From(Gen.Choose(0, 400)), (values, x, step) =>
        {
            var sketch = new QuantileSketch(8);
            foreach (var v in values)
            {
                sketch.Add(v);
            }

            return sketch.CountBelow(x / 4d) <= sketch.CountBelow((x + step) / 4d) && sketch.CountBelow(x / 4d) <= sketch.CountAtMost(x / 4d);
        });

    private static bool WithinBound(QuantileSketch sketch, double[] values)
    {
        var sorted = values.Order().ToArray();
        foreach (var x in sorted.Distinct().Append(double.MinValue).Append(1e9))
        {
            var below = sorted.Count(v => v < x);
            var atMost = sorted.Count(v => v <= x);
            if (Math.Abs(sketch.CountBelow(x) - below) > sketch.RankErrorBound || Math.Abs(sketch.CountAtMost(x) - atMost) > sketch.RankErrorBound)
            {
                return false;
            }
        }

        return true;
    }
}
