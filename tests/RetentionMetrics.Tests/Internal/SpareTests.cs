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
}
