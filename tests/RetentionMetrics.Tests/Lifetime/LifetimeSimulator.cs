using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

/// <summary>A seeded generator of data from known model parameters, written for the tests (independent of the library).</summary>
internal sealed class LifetimeSimulator(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>BG/NBD customers: λ ~ Gamma(r, α), p ~ Beta(a, b); Poisson purchases; after each repeat purchase drop out with p.</summary>
    public RepeatPurchaseData BgNbd(int customers, double r, double alpha, double a, double b, double minimumAge, double maximumAge)
    {
        var rows = new RepeatPurchaseSummary[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma(r) / alpha;
            var p = Beta(a, b);
            var age = minimumAge + (maximumAge - minimumAge) * random.NextDouble();
            double time = 0, recency = 0;
            var x = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > age)
                {
                    break;
                }

                x++;
                recency = time;
                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            rows[i] = new RepeatPurchaseSummary(i.ToString(System.Globalization.CultureInfo.InvariantCulture), x, recency, age);
        }

        return RepeatPurchaseData.Create(rows);
    }

    /// <summary>Gamma-Gamma spend: ν ~ Gamma(q, γ); each of x transactions ~ Gamma(p, ν); returns (x, mean).</summary>
    public RepeatPurchaseData GammaGamma(int customers, double p, double q, double gamma)
    {
        var rows = new RepeatPurchaseSummary[customers];
        for (var i = 0; i < customers; i++)
        {
            var nu = Gamma(q) / gamma;
            var x = 1 + random.Next(10);
            var sum = 0d;
            for (var j = 0; j < x; j++)
            {
                sum += Gamma(p) / nu;
            }

            rows[i] = new RepeatPurchaseSummary(i.ToString(System.Globalization.CultureInfo.InvariantCulture), x, 1, 2, sum / x);
        }

        return RepeatPurchaseData.Create(rows);
    }

    /// <summary>sBG cohort: θ ~ Beta(α, β); each period an alive customer churns with θ. Counts alive at periods 0..n.</summary>
    public long[] Survival(int cohort, double alpha, double beta, int periods)
    {
        var alive = new long[periods + 1];
        for (var i = 0; i < cohort; i++)
        {
            var theta = Beta(alpha, beta);
            alive[0]++;
            for (var t = 1; t <= periods; t++)
            {
                if (random.NextDouble() < theta)
                {
                    break;
                }

                alive[t]++;
            }
        }

        return alive;
    }

    private double Beta(double a, double b)
    {
        var x = Gamma(a);
        return x / (x + Gamma(b));
    }

    /// <summary>Gamma(shape, 1) by Marsaglia &amp; Tsang (2000), boosted for shape &lt; 1.</summary>
    private double Gamma(double shape)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        var d = shape - 1d / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal();
                v = 1 + c * z;
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    private double Normal() =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
