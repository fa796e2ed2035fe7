using System.Globalization;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Benchmarks.Lifetime;

/// <summary>The CDNOW calibration summary and seeded BG/NBD + spend simulations for the lifetime-value benchmarks.</summary>
internal static class LifetimeBenchmarkData
{
    public static RepeatPurchaseData Cdnow()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var path = Path.Combine(directory.FullName, "tests", "RetentionMetrics.Tests", "Data", "cdnow", "cdnow_customers_summary_with_transactions.csv");
            if (File.Exists(path))
            {
                return RepeatPurchaseData.Create(File.ReadLines(path).Skip(1).Where(l => l.Trim().Length > 0).Select(line =>
                {
                    var f = line.Trim().Split(',');
                    return new RepeatPurchaseSummary(f[0], Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4]));
                }));
            }

            directory = directory.Parent;
        }

        throw new FileNotFoundException("The CDNOW summary was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// BG/NBD customers with CDNOW-like parameters, observed in whole days for 27 to 39 weeks and measured in weeks
    /// (days / 7), with Gamma-Gamma spend: like a real log, many customers share a pattern.
    /// </summary>
    public static RepeatPurchaseData Simulated(int customers, int seed)
    {
        var random = new Random(seed);
        var rows = new RepeatPurchaseSummary[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma(random, 0.243) / 4.414;
            var p = Beta(random, 0.793, 2.426);
            var ageDays = 189 + random.Next(85);
            double time = 0, recency = 0;
            var x = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda * 7;
                if (time > ageDays)
                {
                    break;
                }

                x++;
                recency = Math.Ceiling(time);
                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            var nu = Gamma(random, 3.74) / 15.44;
            var spend = 0d;
            for (var j = 0; j < x; j++)
            {
                spend += Gamma(random, 6.25) / nu;
            }

            rows[i] = new RepeatPurchaseSummary(i.ToString(CultureInfo.InvariantCulture), x, Math.Min(recency, ageDays) / 7, ageDays / 7d,
                x == 0 ? 0 : Math.Round(spend / x, 2));
        }

        return RepeatPurchaseData.Create(rows);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }

    private static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        var d = shape - 1d / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                v = 1 + c * z;
            }
            while (v <= 0);

            v = v * v * v;
            if (Math.Log(random.NextDouble()) < 0.5 * z * z + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }
}
