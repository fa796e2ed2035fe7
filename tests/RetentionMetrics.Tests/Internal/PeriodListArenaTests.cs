using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Tests.Internal;

/// <summary>The period lists behave as sorted sets, checked against <see cref="SortedSet{T}"/> as the model.</summary>
public class PeriodListArenaTests
{
    private static readonly Arbitrary<int[]> Periods = Arb.From(Gen.Choose(0, 60).ArrayOf());

    [Fact]
    public void Add_TimeOrderedThenEarlier_KeepsOneSortedCopyOfEach()
    {
        var arena = new PeriodListArena();
        var list = default(PeriodList);
        foreach (var period in new[] { 3, 5, 5, 8, 9, 12, 4, 10, 3, 1 })
        {
            arena.Add(ref list, period);
        }

        Assert.Equal([1, 3, 4, 5, 8, 9, 10, 12], arena.ToArray(list));
        Assert.Equal(8, list.Count);
    }

    [Property(MaxTest = 500)]
    public Property Add_AnySequence_BehavesAsASortedSet() =>
        Prop.ForAll(Periods, Periods, (first, second) =>
        {
            // Two customers interleaved in one arena, so pool parts move past each other.
            var arena = new PeriodListArena(expectedCustomers: 1);
            var a = default(PeriodList);
            var b = default(PeriodList);
            var modelA = new SortedSet<int>();
            var modelB = new SortedSet<int>();
            for (var i = 0; i < Math.Max(first.Length, second.Length); i++)
            {
                if (i < first.Length && arena.Add(ref a, first[i]) != modelA.Add(first[i]))
                {
                    return false;
                }

                if (i < second.Length && arena.Add(ref b, second[i]) != modelB.Add(second[i]))
                {
                    return false;
                }
            }

            return arena.ToArray(a).SequenceEqual(modelA) && arena.ToArray(b).SequenceEqual(modelB)
                && modelA.All(p => arena.Contains(a, p)) && !arena.Contains(a, 61);
        });

    [Property(MaxTest = 300)]
    public Property UnionWith_EqualsTheSetUnion() =>
        Prop.ForAll(Periods, Periods, (first, second) =>
        {
            var left = new PeriodListArena();
            var right = new PeriodListArena();
            var a = default(PeriodList);
            var b = default(PeriodList);
            foreach (var p in first)
            {
                left.Add(ref a, p);
            }

            foreach (var p in second)
            {
                right.Add(ref b, p);
            }

            left.UnionWith(ref a, right, b);
            return left.ToArray(a).SequenceEqual(first.Union(second).Order());
        });
}
