using RetentionMetrics.Internal;

namespace RetentionMetrics.Tests.Internal;

public class SpareTests
{
    [Fact]
    public void Take_AfterGive_ReturnsTheObjectOnce()
    {
        var spare = new Spare<object>();
        var kept = new object();

        spare.Give(kept);

        Assert.Same(kept, spare.Take());
        Assert.Null(spare.Take());
    }

    [Fact]
    public void Give_Twice_KeepsTheLastObject()
    {
        var spare = new Spare<object>();
        var last = new object();

        spare.Give(new object());
        spare.Give(last);

        Assert.Same(last, spare.Take());
    }

    [Fact]
    public void Take_FromSeveralThreadsAtOnce_HandsTheObjectToOneOfThem()
    {
        var spare = new Spare<object>();
        spare.Give(new object());

        var taken = Enumerable.Range(0, 8).AsParallel().Select(_ => spare.Take()).Count(o => o is not null);

        Assert.Equal(1, taken);
    }

    [Fact]
    public void Collection_AfterTheObjectWasUnusedTooLong_DropsIt()
    {
        var now = 0L;
        var spare = new Spare<object>(() => now, unusedMilliseconds: 1_000);
        spare.Give(new object());

        now = 1_001;
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Null(spare.Take());
    }

    [Fact]
    public void Collection_WhileTheObjectIsRecent_KeepsIt()
    {
        var now = 0L;
        var spare = new Spare<object>(() => now, unusedMilliseconds: 1_000);
        var kept = new object();
        spare.Give(kept);

        now = 1_000;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Same(kept, spare.Take());
    }
}
