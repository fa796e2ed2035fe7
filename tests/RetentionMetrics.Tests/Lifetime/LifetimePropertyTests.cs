using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class LifetimePropertyTests
{
    private static readonly Lazy<BetaGeometricNbdModel> FittedBgNbd = new(() => BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow));
    private static readonly Lazy<GammaGammaModel> FittedGammaGamma = new(() => GammaGammaModel.Fit(LifetimeTestData.Cdnow));
    private static readonly Lazy<BetaGeometricBetaBinomialModel> FittedBgBb = new(() => BetaGeometricBetaBinomialModel.Fit(LifetimeTestData.Donations));

    private static readonly Arbitrary<double[]> Factors = Arb.From(
        from values in Gen.Choose(-100, 100).Select(v => 1 + v / 1000d).ArrayOf(4)
        where values.Any(v => v != 1)
        select values);

    private static readonly Arbitrary<(double R, double Alpha, double A, double B)> Parameters = Arb.From(
        from r in Gen.Choose(1, 500)
        from alpha in Gen.Choose(1, 2000)
        from a in Gen.Choose(1, 500)
        from b in Gen.Choose(1, 500)
        select (r / 100d, alpha / 100d, a / 100d, b / 100d));

    private static readonly Arbitrary<(double X, double Recency, double T)> Histories = Arb.From(
        from x in Gen.Choose(0, 40)
        from t in Gen.Choose(1, 1000)
        from share in Gen.Choose(1, 1000)
        select (x * 1d, x == 0 ? 0d : t / 10d * share / 1000d, t / 10d));

    [Property(MaxTest = 60)]
    public Property LogLikelihood_AtBgNbdFit_IsAtLeastAtNearbyParameters() =>
        Prop.ForAll(Factors, f =>
        {
            var fit = FittedBgNbd.Value;
            var nearby = new BetaGeometricNbdModel(fit.R * f[0], fit.Alpha * f[1], fit.A * f[2], fit.B * f[3]);
            return fit.Diagnostics!.LogLikelihood >= nearby.LogLikelihood(LifetimeTestData.Cdnow);
        });

    [Property(MaxTest = 60)]
    public Property LogLikelihood_AtGammaGammaAndBgBbFits_IsAtLeastAtNearbyParameters() =>
        Prop.ForAll(Factors, f =>
        {
            var gg = FittedGammaGamma.Value;
            var bb = FittedBgBb.Value;
            var nearSpend = new GammaGammaModel(gg.P * f[0], gg.Q * f[1], gg.Gamma * f[2]);
            var nearDiscrete = new BetaGeometricBetaBinomialModel(bb.Alpha * f[0], bb.Beta * f[1], bb.Gamma * f[2], bb.Delta * f[3]);
            return gg.Diagnostics!.LogLikelihood >= nearSpend.LogLikelihood(LifetimeTestData.Cdnow)
                && bb.Diagnostics!.LogLikelihood >= nearDiscrete.LogLikelihood(LifetimeTestData.Donations);
        });

    [Property(MaxTest = 200)]
    public Property ProbabilityAlive_IsAProbability_AndOneWithoutRepeatsForBgNbd() =>
        Prop.ForAll(Parameters, Histories, (p, h) =>
        {
            var bgnbd = new BetaGeometricNbdModel(p.R, p.Alpha, p.A, p.B).ProbabilityAlive(h.X, h.Recency, h.T);
            var mbgnbd = new ModifiedBetaGeometricNbdModel(p.R, p.Alpha, p.A, p.B).ProbabilityAlive(h.X, h.Recency, h.T);
            var pareto = new ParetoNbdModel(p.R, p.Alpha, p.A, p.B).ProbabilityAlive(h.X, h.Recency, h.T);
            return bgnbd is >= 0 and <= 1 && mbgnbd is >= 0 and <= 1 && pareto is >= 0 and <= 1 && (h.X > 0 || bgnbd == 1);
        });

    [Property(MaxTest = 100)]
    public Property ExpectedPurchases_GrowWithHorizon() =>
        Prop.ForAll(Parameters, Histories, Arb.From(Gen.Choose(1, 100)), (p, h, step) =>
        {
            ITransactionModel[] models =
            [
                new BetaGeometricNbdModel(p.R, p.Alpha, p.A, p.B), new ModifiedBetaGeometricNbdModel(p.R, p.Alpha, p.A, p.B),
                new ParetoNbdModel(p.R, p.Alpha, p.A, p.B),
            ];
            return models.All(m =>
            {
                var shorter = m.ExpectedPurchases(step, h.X, h.Recency, h.T);
                var longer = m.ExpectedPurchases(step + 10, h.X, h.Recency, h.T);
                var newShorter = m.ExpectedPurchasesNewCustomer(step);
                var newLonger = m.ExpectedPurchasesNewCustomer(step + 10);
                return shorter >= 0 && longer >= shorter * (1 - 1e-9) && newLonger >= newShorter * (1 - 1e-9);
            });
        });

    [Property(MaxTest = 100)]
    public Property LifetimeValue_RisesWithMargin_FallsWithDiscountRate() =>
        Prop.ForAll(Histories, Arb.From(Gen.Choose(1, 99)), Arb.From(Gen.Choose(0, 50)), (h, margin, rate) =>
        {
            var transactions = new BetaGeometricNbdModel(0.243, 4.414, 0.793, 2.426);
            var spend = new GammaGammaModel(6.25, 3.74, 15.44);
            var customer = new RepeatPurchaseSummary("c", h.X, h.Recency, h.T, h.X > 0 ? 30 : 0);
            double Value(double m, double d) => CustomerLifetimeValue.Compute(transactions, spend, customer,
                new LifetimeValueOptions { Periods = 12, TimeUnitsPerPeriod = 4.345, Margin = m, DiscountRate = d });
            var baseValue = Value(margin / 100d, rate / 100d);
            return Value((margin + 1) / 100d, rate / 100d) > baseValue && Value(margin / 100d, (rate + 1) / 100d) < baseValue;
        });

    [Property(MaxTest = 100)]
    public Property DiscountedRetention_RisesWithRetention_FallsWithDiscount() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 98)), Arb.From(Gen.Choose(1, 50)), (r, d) =>
        {
            var value = LifetimeValueFormulas.DiscountedRetention(100, r / 100d, d / 100d);
            return LifetimeValueFormulas.DiscountedRetention(100, (r + 1) / 100d, d / 100d) > value
                && LifetimeValueFormulas.DiscountedRetention(100, r / 100d, (d + 1) / 100d) < value
                && LifetimeValueFormulas.DiscountedRetention(100, r / 100d, d / 100d, excludeFirstPeriod: true) < value;
        });

    [Fact]
    public void Fit_SimulatedBgNbd_RecoversParameters()
    {
        // 20,000 customers from known parameters (seeded): each estimate within 4 standard errors of the truth.
        var data = new LifetimeSimulator(seed: 7).BgNbd(20_000, r: 0.5, alpha: 5, a: 0.8, b: 2.5, minimumAge: 26, maximumAge: 52);

        var model = BetaGeometricNbdModel.Fit(data);

        Assert.True(model.Diagnostics!.Converged);
        var truth = new Dictionary<string, double> { ["r"] = 0.5, ["alpha"] = 5, ["a"] = 0.8, ["b"] = 2.5 };
        foreach (var (name, value) in truth)
        {
            Assert.InRange(model.Parameters[name], value - 4 * model.Diagnostics.StandardErrors[name], value + 4 * model.Diagnostics.StandardErrors[name]);
        }
    }

    [Fact]
    public void Fit_SimulatedGammaGamma_RecoversParameters()
    {
        var data = new LifetimeSimulator(seed: 11).GammaGamma(20_000, p: 6, q: 4, gamma: 15);

        var model = GammaGammaModel.Fit(data);

        Assert.True(model.Diagnostics!.Converged);
        Assert.InRange(model.P, 6 - 4 * model.Diagnostics.StandardErrors["p"], 6 + 4 * model.Diagnostics.StandardErrors["p"]);
        Assert.InRange(model.Q, 4 - 4 * model.Diagnostics.StandardErrors["q"], 4 + 4 * model.Diagnostics.StandardErrors["q"]);
        Assert.InRange(model.Gamma, 15 - 4 * model.Diagnostics.StandardErrors["gamma"], 15 + 4 * model.Diagnostics.StandardErrors["gamma"]);
    }

    [Fact]
    public void Fit_SimulatedSurvival_RecoversParameters()
    {
        var alive = new LifetimeSimulator(seed: 3).Survival(100_000, alpha: 0.7, beta: 1.2, periods: 10);

        var model = ShiftedBetaGeometricModel.Fit(alive);

        Assert.InRange(model.Alpha, 0.7 - 4 * model.Diagnostics!.StandardErrors["alpha"], 0.7 + 4 * model.Diagnostics.StandardErrors["alpha"]);
        Assert.InRange(model.Beta, 1.2 - 4 * model.Diagnostics.StandardErrors["beta"], 1.2 + 4 * model.Diagnostics.StandardErrors["beta"]);
    }
}
