using FsCheck;
using FsCheck.Fluent;
using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

/// <summary>A model, a population it is fitted on, and customers it scores.</summary>
public sealed record HealthCase(HealthScoreModel Model, double[] Population, double[] Customers)
{
    public int ComponentCount => Model.Components.Count;

    public HealthScoreModel Fitted => Model.Fit(Population);

    public override string ToString() =>
        $"{Model.ToJson()}\npopulation [{string.Join(", ", Population)}]\ncustomers [{string.Join(", ", Customers)}]";
}

/// <summary>FsCheck generators of health models with every normaliser, direction and missing-value policy.</summary>
public static class HealthGenerators
{
    /// <summary>A raw value from −50 to 50 in steps of 0.5, missing (NaN) about one time in seven.</summary>
    public static Gen<double> Value { get; } =
        from n in Gen.Choose(-100, 100)
        from missing in Gen.Choose(0, 6)
        select missing == 0 ? double.NaN : n / 2d;

    public static Gen<HealthNormaliser> Normaliser(HealthDirection direction) =>
        from kind in Gen.Choose(0, 6)
        from a in Gen.Choose(-60, 20)
        from width in Gen.Choose(1, 80)
        from s1 in Gen.Choose(0, 100)
        from s2 in Gen.Choose(0, 100)
        from s3 in Gen.Choose(0, 100)
        select kind switch
        {
            0 => (HealthNormaliser)HealthNormaliser.Percentile(),
            1 => HealthNormaliser.MinMax(),
            2 => HealthNormaliser.MinMax(a, a + width),
            3 => HealthNormaliser.ZScore(),
            4 => HealthNormaliser.ZScore(a / 4d, width / 8d),
            5 => Thresholds(direction, a, width, [s1 / 100d, s2 / 100d, s3 / 100d]),
            _ => HealthNormaliser.Boolean(),
        };

    public static Gen<HealthComponent> Component(int index) =>
        from lower in Gen.Choose(0, 1)
        let direction = lower == 1 ? HealthDirection.LowerIsBetter : HealthDirection.HigherIsBetter
        from normaliser in Normaliser(direction)
        from weight in Gen.Choose(0, 8)
        from policy in Gen.Choose(0, 2)
        from replacement in Gen.Choose(-40, 40)
        select new HealthComponent($"c{index}", normaliser, index == 0 ? weight + 1 : weight, direction,
            policy switch { 0 => MissingValuePolicy.Skip, 1 => MissingValuePolicy.Worst, _ => MissingValuePolicy.UseValue(replacement) });

    public static Gen<HealthScoreModel> Model { get; } =
        from count in Gen.Choose(1, 6)
        from c0 in Component(0)
        from c1 in Component(1)
        from c2 in Component(2)
        from c3 in Component(3)
        from c4 in Component(4)
        from c5 in Component(5)
        let components = new[] { c0, c1, c2, c3, c4, c5 }.Take(count)
        from bands in Gen.Choose(0, 1)
        select new HealthScoreModel(components,
            bands == 0 ? HealthBands.Default : HealthBands.FromThresholds(["Red", "Amber", "Yellow", "Green"], [25, 50.5, 75]));

    /// <summary>A model, a population of 1 to 20 customers (the first with every value present) and 1 to 10 customers to score.</summary>
    public static Gen<HealthCase> Case { get; } =
        from model in Model
        from populationSize in Gen.Choose(1, 20)
        from population in Value.ArrayOf(populationSize * model.Components.Count)
        from first in Gen.Choose(-100, 100).Select(n => n / 2d).ArrayOf(model.Components.Count)
        from customerCount in Gen.Choose(1, 10)
        from customers in Value.ArrayOf(customerCount * model.Components.Count)
        select new HealthCase(model, [.. first, .. population.Skip(model.Components.Count)], customers);

    public static Arbitrary<HealthCase> Cases { get; } = Arb.From(Case);

    private static ThresholdNormaliser Thresholds(HealthDirection direction, int start, int width, double[] scores)
    {
        Array.Sort(scores);
        if (direction == HealthDirection.LowerIsBetter)
        {
            Array.Reverse(scores);
        }

        return HealthNormaliser.Thresholds(new ThresholdPoint(start, scores[0]), new ThresholdPoint(start + width, scores[1]), new ThresholdPoint(start + (2 * width), scores[2]));
    }
}
