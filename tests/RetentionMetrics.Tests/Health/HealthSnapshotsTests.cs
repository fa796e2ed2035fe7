using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public class HealthSnapshotsTests
{
    private static readonly HealthScoreModel Model = HealthScoreModel.CreateBuilder().Add("usage", HealthNormaliser.MinMax(0, 100)).Build();

    private static CustomerHealthScore<string> At(string customer, double usage) => new(customer, Model.Score([usage]));

    [Fact]
    public void Compare_PairsCustomersAndClassifiesTrends()
    {
        // usage is the score itself (one component on 0..100). a: 80 → 55 Healthy → At-Risk; b: 30 → 45 Endangered → At-Risk;
        // c: 75 → 72 stays Healthy; d new; e gone.
        var previous = new[] { At("a", 80), At("b", 30), At("c", 75), At("e", 10) };
        var current = new[] { At("a", 55), At("b", 45), At("c", 72), At("d", 90) };

        var changes = HealthSnapshots.Compare(previous, current);

        Assert.Equal(["a", "b", "c", "d", "e"], changes.Select(c => c.CustomerId));
        Assert.Equal([HealthTrend.Deteriorated, HealthTrend.Improved, HealthTrend.Unchanged, HealthTrend.New, HealthTrend.Gone], changes.Select(c => c.Trend));
        Assert.Equal(-25d, changes[0].ScoreChange!.Value, 1e-12);
        Assert.Equal("Healthy → At-Risk", changes[0].ToString());
        Assert.Null(changes[3].ScoreChange);
    }

    [Fact]
    public void Transitions_ListsBandChangesOnly_DeteriorationsFirst()
    {
        var previous = new[] { At("a", 30), At("b", 80), At("c", 50) };
        var current = new[] { At("a", 45), At("b", 60), At("c", 51) };

        var alerts = HealthSnapshots.Transitions(previous, current);

        Assert.Equal(["b", "a"], alerts.Select(c => c.CustomerId));
        Assert.All(alerts, a => Assert.True(a.IsTransition));
    }

    [Fact]
    public void Compare_DuplicateCustomer_ThrowsDataErrorNamingIt()
    {
        var exception = Assert.Throws<RetentionDataException>(() => HealthSnapshots.Compare([At("a", 1)], [At("a", 1), At("a", 2)]));

        Assert.Equal(("a", 1L), (exception.Customer, exception.Position));
    }
}
