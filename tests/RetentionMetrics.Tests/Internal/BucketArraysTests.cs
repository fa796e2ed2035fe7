using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Tests.Internal;

/// <summary>Buckets keep what was added to them, in order, across resets that reuse their arrays; checked against lists.</summary>
public class BucketArraysTests
{
    // Passes one after another: each a bucket count (1 to 16 buckets), a capacity, and (bucket, item) pairs.
    private static readonly Arbitrary<(int Bits, int Capacity, (int Bucket, string Item)[] Items)[]> Passes = Arb.From(
        (from bits in Gen.Choose(0, 4)
         from capacity in Gen.Choose(0, 5)
         from items in Gen.Zip(Gen.Choose(0, 15), Gen.Elements("a", "b", "c")).ArrayOf()
         select (bits, capacity, items)).ArrayOf());

    [Property(MaxTest = 300)]
    public Property Reset_AnyPassesOneAfterAnother_EachPassHoldsExactlyItsItems() =>
        Prop.ForAll(Passes, passes =>
        {
            var buckets = new BucketArrays<string>(0, 0);
            foreach (var (bits, capacity, items) in passes)
            {
                var count = 1 << bits;
                buckets.Reset(count, capacity);
                var model = Enumerable.Range(0, count).Select(_ => new List<string>()).ToArray();
                foreach (var (bucket, item) in items)
                {
                    buckets.Add(bucket % count, item);
                    model[bucket % count].Add(item);
                }

                if (!Enumerable.Range(0, count).All(b => buckets[b].ToArray().SequenceEqual(model[b])))
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Clear_AfterAdds_EmptiesEveryBucket()
    {
        var buckets = new BucketArrays<string>(2, 1);
        buckets.Add(0, "a");
        buckets.Add(1, "b");
        buckets.Add(1, "c");

        buckets.Clear();

        Assert.True(buckets[0].IsEmpty);
        Assert.True(buckets[1].IsEmpty);
    }
}
