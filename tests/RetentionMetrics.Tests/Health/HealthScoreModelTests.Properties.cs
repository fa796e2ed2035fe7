using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public partial class HealthScoreModelTests
{
    // Rounding: the score is a sum of products of doubles, so equal-in-exact-arithmetic scores may differ in the
    // last bits; properties that compare two computations allow this much.
    private const double Rounding = 1e-9;

    [Property(MaxTest = 300)]
    public Property Score_IsFiniteAndWithinZeroToHundred_AndInItsBand() =>
        Prop.ForAll(HealthGenerators.Cases, c => Rows(c).All(row =>
        {
            var score = c.Fitted.Score(row);
            return double.IsFinite(score.Score) && score.Score is >= 0d and <= 100d
                && score.Score >= score.Band.From && (score.Score < score.Band.To || score.Band.To == 100d)
                && score.Contributions.All(x => double.IsFinite(x.Points) && x.Points >= 0d && x.Points <= x.MaximumPoints);
        }));

    [Property(MaxTest = 300)]
    public Property Contributions_SumToTheScoreExactly() =>
        Prop.ForAll(HealthGenerators.Cases, c => Rows(c).All(row =>
        {
            var score = c.Fitted.Score(row);
            var sum = 0d;
            foreach (var contribution in score.Contributions)
            {
                sum += contribution.Points;
            }

            return sum == score.Score;
        }));

    [Property(MaxTest = 300)]
    public Property Score_ImprovingAComponentInItsGoodDirection_NeverLowersTheScore() =>
        Prop.ForAll(HealthGenerators.Cases, Arb.From(Gen.Choose(0, 1000)), Arb.From(Gen.Choose(1, 60)), (c, pick, step) =>
        {
            var fitted = c.Fitted;
            return Rows(c).All(row =>
            {
                var j = pick % c.ComponentCount;
                if (double.IsNaN(row[j]))
                {
                    return true;
                }

                var better = (double[])row.Clone();
                better[j] += fitted.Components[j].Direction == HealthDirection.HigherIsBetter ? step / 2d : -step / 2d;
                return fitted.Score(better).Score >= fitted.Score(row).Score - Rounding;
            });
        });

    [Property(MaxTest = 300)]
    public Property Score_ScalingAllWeightsByAPowerOfTwo_ChangesNothing() =>
        Prop.ForAll(HealthGenerators.Cases, Arb.From(Gen.Choose(-8, 8)), (c, exponent) =>
        {
            var scaled = Scale(c.Model, Math.Pow(2, exponent)).Fit(c.Population);
            var fitted = c.Fitted;
            // Multiplying by a power of two is exact in binary floating point, so every share and point is bit-identical.
            return Rows(c).All(row => fitted.Score(row).Equals(scaled.Score(row)));
        });

    [Property(MaxTest = 300)]
    public Property Score_ScalingAllWeightsByAnyPositiveConstant_ChangesOnlyRounding() =>
        Prop.ForAll(HealthGenerators.Cases, Arb.From(Gen.Choose(1, 100_000)), (c, n) =>
        {
            var scaled = Scale(c.Model, n / 1000d).Fit(c.Population);
            var fitted = c.Fitted;
            return Rows(c).All(row => AlmostSame(fitted.Score(row), scaled.Score(row)));
        });

    [Property(MaxTest = 200)]
    public Property Score_AllEqualPopulation_IsNeverNaN() =>
        Prop.ForAll(HealthGenerators.Cases, Arb.From(Gen.Choose(-100, 100)), (c, value) =>
        {
            var population = Enumerable.Repeat(value / 2d, c.Population.Length).ToArray();
            var fitted = c.Model.Fit(population);
            return Rows(c).All(row => double.IsFinite(fitted.Score(row).Score));
        });

    [Property(MaxTest = 200)]
    public Property ScoreBatch_EqualsScoreRowByRow() =>
        Prop.ForAll(HealthGenerators.Cases, c =>
        {
            var fitted = c.Fitted;
            var scores = new double[c.Customers.Length / c.ComponentCount];
            fitted.ScoreBatch(c.Customers, scores);
            return Rows(c).Select(r => fitted.Score(r).Score).SequenceEqual(scores);
        });

    internal static IEnumerable<double[]> Rows(HealthCase c) => c.Customers.Chunk(c.ComponentCount);

    private static HealthScoreModel Scale(HealthScoreModel model, double factor) =>
        new(model.Components.Select(x => x.WithWeight(x.Weight * factor)), model.Bands);

    /// <summary>Scores equal up to rounding, with the same band unless the score sits within rounding of a band edge.</summary>
    private static bool AlmostSame(HealthScore a, HealthScore b) =>
        Math.Abs(a.Score - b.Score) <= Rounding
        && (a.Band == b.Band || Math.Abs(a.Score - b.Band.From) <= Rounding || Math.Abs(a.Score - a.Band.From) <= Rounding)
        && a.Contributions.Zip(b.Contributions).All(p => Math.Abs(p.First.Points - p.Second.Points) <= Rounding);
}
