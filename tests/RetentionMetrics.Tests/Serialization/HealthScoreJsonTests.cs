using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Health;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Health;

namespace RetentionMetrics.Tests.Serialization;

/// <summary><see cref="HealthScore"/>, <see cref="CustomerHealthScore{TKey}"/> and <see cref="HealthChange{TKey}"/> documents.</summary>
public class HealthScoreJsonTests
{
    [Property(MaxTest = 100)]
    public Property HealthScore_RoundTrip_GivesAnEqualScore() =>
        Prop.ForAll(HealthGenerators.Cases, c =>
        {
            var model = c.Model.Fit(c.Population);
            var width = model.Components.Count;
            return Enumerable.Range(0, c.Customers.Length / width).All(i =>
            {
                var score = model.Score(c.Customers.AsSpan(i * width, width));
                var restored = StateJsonAssert.RoundTrip(score, out var sameJson);
                return sameJson && restored.Equals(score) && restored.PulledDownMost(3).SequenceEqual(score.PulledDownMost(3));
            });
        });

    [Property(MaxTest = 100)]
    public Property HealthChange_RoundTrip_GivesAnEqualChangeAndTrend() =>
        Prop.ForAll(HealthGenerators.Cases, Arb.From(Gen.Choose(0, 2)), (c, which) =>
        {
            var model = c.Model.Fit(c.Population);
            var width = model.Components.Count;
            var previous = which == 1 ? null : model.Score(c.Population.AsSpan(0, width));
            var current = which == 2 ? null : model.Score(c.Customers.AsSpan(0, width));
            var change = new HealthChange<long>(42, previous, current);
            var restored = StateJsonAssert.RoundTrip(change, out var sameJson);
            return sameJson && restored == change && restored.Trend == change.Trend && restored.ScoreChange == change.ScoreChange;
        });

    [Fact]
    public void CustomerHealthScore_WorkedModel_RoundTripsThroughTheContext()
    {
        // Worked model, customer (20, 2, 8): lost points logins 25, tickets 8.33, nps 5 (HealthScoreTests).
        var score = HealthScoreModelTests.WorkedModel().Fit(HealthScoreModelTests.WorkedPopulation).Score([20, 2, 8]);
        var row = new CustomerHealthScore<string>("c-17", score);

        var restored = StateJsonAssert.RoundTrip(row, out var sameJson);

        Assert.True(sameJson);
        Assert.Equal(row, restored);
        Assert.Equal(["logins", "tickets"], restored.Health.PulledDownMost(2).Select(c => c.Component));
    }

    [Fact]
    public void HealthScore_WorkedExample_WritesTheDocumentedShape()
    {
        // MinMax(0, 8) of 3 is 3/8 = 37.5 points of 100, in the default "Endangered" band (HealthScoreTests.ToString_ShowsScoreAndBand).
        var score = HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.MinMax(0, 8)).Build().Score([3]);

        var json = RetentionMetricsJson.Serialize(score);

        Assert.StartsWith("{\"type\":\"healthScore\",\"version\":1,\"score\":37.5,\"band\":{\"name\":\"Endangered\",", json, StringComparison.Ordinal);
        Assert.EndsWith("\"hasEvidence\":true,\"contributions\":[{\"component\":\"a\",\"points\":37.5,\"maximumPoints\":100,\"isMissing\":false}]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void HealthScore_ScoreAbove100_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.MinMax(0, 8)).Build().Score([3]));

        StateJsonAssert.Rejects<HealthScore>(
            StateJsonAssert.Replace(json, "\"score\":37.5", "\"score\":137.5"), "$.score",
            SerializationErrorMessages.Format(SerializationErrorMessages.OutOfRange, "0", "100", "137.5"));
    }

    [Fact]
    public void CustomerHealthScore_PointsAboveTheMaximum_NamesTheNestedPath()
    {
        var score = HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.MinMax(0, 8)).Build().Score([3]);
        var json = RetentionMetricsJson.Serialize(new CustomerHealthScore<long>(7, score));

        StateJsonAssert.RejectsAt<CustomerHealthScore<long>>(StateJsonAssert.Replace(json, "\"points\":37.5", "\"points\":100.5"), "$.health.contributions[0].points");
    }

    [Fact]
    public void HealthChange_NeitherScore_NamesThePath()
    {
        const string Json = """{"type":"healthChange","version":1,"key":"a","previous":null,"current":null}""";

        StateJsonAssert.Rejects<HealthChange<string>>(Json, "$.current", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "a change needs a previous or a current score"));
    }
}
