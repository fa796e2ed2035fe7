using System.Globalization;
using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Rfm;

public class RfmModelTests
{
    [Fact]
    public void Score_TenCustomers_MatchesHandCalculation()
    {
        // N = 10, n = 5, score = 1 + floor(5 · below / 10) = 1 + floor(below / 2).
        // Recency days 1,1,5,10,10,20,30,30,60,90; below = customers with more days:
        //   1 → 8 → 5;  5 → 7 → 4;  10 → 5 → 3;  20 → 4 → 3;  30 → 2 → 2;  60 → 1 → 1;  90 → 0 → 1.
        // Transactions 1,1,1,2,2,3,4,4,6,9; below = customers with fewer:
        //   1 → 0 → 1;  2 → 3 → 2;  3 → 5 → 3;  4 → 6 → 4;  6 → 8 → 5;  9 → 9 → 5.
        // Spend 10,20,20,30,40,50,60,70,80,100; below = customers with less:
        //   10 → 0 → 1;  20 → 1 → 1;  30 → 3 → 2;  40 → 4 → 3;  50 → 5 → 3;  60 → 6 → 4;  70 → 7 → 4;  80 → 8 → 5;  100 → 9 → 5.
        var table = RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers));

        var expected = new Dictionary<string, string>
        {
            ["c0"] = "511", ["c1"] = "511", ["c2"] = "411", ["c3"] = "322", ["c4"] = "323",
            ["c5"] = "333", ["c6"] = "244", ["c7"] = "244", ["c8"] = "155", ["c9"] = "155",
        };
        Assert.Equal(10, table.Count);
        Assert.Equal(RfmTestData.AsOf, table.AsOf);
        foreach (var (id, score) in expected)
        {
            Assert.True(table.TryGet(id, out var row));
            Assert.Equal(score, row.Score.ToString());
        }

        Assert.True(table.TryGet("c5", out var c5));
        Assert.Equal((20, 3, 50m, 50m), (c5.Recency, c5.Frequency, c5.Monetary, c5.Revenue));
    }

    [Fact]
    public void Score_TenCustomers_SegmentsFollowTheDefaultMap()
    {
        // 511, 411 → New Customers (R 4–5, F 1–3); 322, 323, 244 → Loyal Customers (R 2–4, F 2–4, M 2–4);
        // 333 → Potential Loyalists (R 3–5, F 3–5, M 2–5, tried before Loyal); 155 → At Risk (R 1–2, F 2–5, M 4–5).
        var table = RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers));

        string Segment(string id) => table.TryGet(id, out var row) ? row.Segment : "missing";
        Assert.Equal("New Customers", Segment("c0"));
        Assert.Equal("New Customers", Segment("c2"));
        Assert.Equal("Loyal Customers", Segment("c3"));
        Assert.Equal("Loyal Customers", Segment("c4"));
        Assert.Equal("Potential Loyalists", Segment("c5"));
        Assert.Equal("Loyal Customers", Segment("c6"));
        Assert.Equal("At Risk", Segment("c9"));
    }

    [Fact]
    public void Score_TenCustomers_GridMatchesHandCalculation()
    {
        // Potential Loyalists: c5 (20 days, 3, 50). Loyal: c3, c4, c6, c7 → revenue 200, recency (10+10+30+30)/4 = 20,
        // frequency (2+2+4+4)/4 = 3, monetary 50. New: c0, c1, c2 → 50, recency 7/3, frequency 1. At Risk: c8, c9 → 180.
        var grid = RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers)).Segments;

        Assert.Equal(["Potential Loyalists", "Loyal Customers", "New Customers", "At Risk"], grid.Select(s => s.Segment));
        Assert.Equal(("Loyal Customers", 4, 200m, 20d, 3d, 50d, 0.4), (grid[1].Segment, grid[1].Customers, grid[1].Revenue, grid[1].AverageRecency, grid[1].AverageFrequency, grid[1].AverageMonetary, grid[1].CustomerShare));
        Assert.Equal(200d / 480d, grid[1].RevenueShare, 12);
        Assert.Equal(3, grid[2].Customers);
        Assert.Equal(50m, grid[2].Revenue);
        Assert.Equal(7d / 3d, grid[2].AverageRecency, 12);
        Assert.Equal((2, 180m, 75d, 7.5d, 90d), (grid[3].Customers, grid[3].Revenue, grid[3].AverageRecency, grid[3].AverageFrequency, grid[3].AverageMonetary));
    }

    [Fact]
    public void Score_EqualCount_BreaksTiesByCustomerKey()
    {
        // NTILE(5) over 10 customers: two per bin. Spend ascending, ties by key: c0 10 | c1 20, … so c1 (20) gets 1 and
        // c2 (20) gets 2. Recency worst first: c9 90, c8 60 | c6 30, c7 30 | c5 20, c3 10 | c4 10, c2 5 | c0 1, c1 1.
        var table = RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers), new RfmOptions { Scoring = RfmScoring.EqualCount });

        int M(string id) => table.TryGet(id, out var row) ? row.Score.Monetary : 0;
        int R(string id) => table.TryGet(id, out var row) ? row.Score.Recency : 0;
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], Enumerable.Range(0, 10).Select(i => M($"c{i}")));
        Assert.Equal([5, 5, 4, 3, 4, 3, 2, 2, 1, 1], Enumerable.Range(0, 10).Select(i => R($"c{i}")));
    }

    [Fact]
    public void Score_Breakpoints_UseTheGivenEdges()
    {
        // Recency edges 7, 30: 0–7 days → 3, 8–30 → 2, over 30 → 1. Frequency edges 2, 5: 1 → 1, 2–4 → 2, 5+ → 3.
        // Spend edges 30, 80: below 30 → 1, 30–79.99 → 2, 80+ → 3.
        var options = new RfmOptions { Bins = 3, Scoring = RfmScoring.Breakpoints, Breakpoints = new RfmBreakpoints([7, 30], [2, 5], [30m, 80m]) };
        var table = RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers), options);

        string S(string id) => table.TryGet(id, out var row) ? row.Score.ToString() : "";
        Assert.Equal("311", S("c0"));
        Assert.Equal("222", S("c3"));
        Assert.Equal("222", S("c7"));
        Assert.Equal("133", S("c8"));
    }

    [Fact]
    public void Score_PurchaseDaysAndMeanSpend_UseTheirDefinitions()
    {
        // Customer a: 3 orders on 2 days (10 + 20 on 1 Jan, 30 on 10 Jan). Customer b: 1 order of 90 on 20 Jan.
        // Purchase days: a 2, b 1. Mean spend: a 60 / 3 = 20, b 90. Transactions: a 3, b 1.
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = RfmTestData.AsOf });
        accumulator.Add("a", new LocalDate(2024, 1, 1), 10m);
        accumulator.Add("a", new LocalDate(2024, 1, 1), 20m);
        accumulator.Add("a", new LocalDate(2024, 1, 10), 30m);
        accumulator.Add("b", new LocalDate(2024, 1, 20), 90m);
        var summaries = accumulator.ToSummaries();

        var table = RfmModel.Score(summaries, new RfmOptions { Frequency = RfmFrequency.PurchaseDays, Monetary = RfmMonetary.MeanSpend });

        Assert.True(table.TryGet("a", out var a));
        Assert.True(table.TryGet("b", out var b));
        Assert.Equal((21, 2, 20m, 60m), (a.Recency, a.Frequency, a.Monetary, a.Revenue));
        Assert.Equal((11, 1, 90m, 90m), (b.Recency, b.Frequency, b.Monetary, b.Revenue));
    }

    [Fact]
    public void Score_PurchaseDaysOnWeeklySummaries_Throws()
    {
        var summaries = RfmTestData.Summaries(RfmTestData.TenCustomers, PurchasePeriod.Week);

        var error = Assert.Throws<ArgumentException>(() => RfmModel.Score(summaries, new RfmOptions { Frequency = RfmFrequency.PurchaseDays }));

        Assert.Equal("summaries", error.ParamName);
        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.PurchaseDaysNeedDailySummaries, PurchasePeriod.Week), error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void Score_TooFewBins_Throws(int bins)
    {
        var error = Assert.Throws<ArgumentException>(() => RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers), new RfmOptions { Bins = bins }));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.TooFewBins, bins), error.Message);
    }

    [Fact]
    public void Score_BreakpointsMissing_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers), new RfmOptions { Scoring = RfmScoring.Breakpoints }));

        Assert.StartsWith(RfmErrorMessages.BreakpointsMissing, error.Message);
    }

    [Fact]
    public void Score_BreakpointsForOtherBins_Throws()
    {
        var options = new RfmOptions { Bins = 5, Scoring = RfmScoring.Breakpoints, Breakpoints = new RfmBreakpoints([7], [2], [30m]) };

        var error = Assert.Throws<ArgumentException>(() => RfmModel.Score(RfmTestData.Summaries(RfmTestData.TenCustomers), options));

        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointCount, "recency", 4, 1), error.Message);
    }

    [Fact]
    public void Score_NullSummaries_Throws() =>
        Assert.Equal("summaries", Assert.Throws<ArgumentNullException>(() => RfmModel.Score<string>(null!)).ParamName);

    [Fact]
    public void Score_NoCustomers_GivesAnEmptyTable()
    {
        var table = RfmModel.Score(RfmTestData.Summaries([]));

        Assert.Empty(table);
        Assert.Empty(table.Segments);
        Assert.Equal(RfmTestData.AsOf, table.AsOf);
    }

    [Fact]
    public void Score_OneCustomer_ScoresOne()
    {
        // below = 0 for the only customer in every dimension: 1 + floor(5 · 0 / 1) = 1.
        var table = RfmModel.Score(RfmTestData.Summaries([new RfmTestData.Customer("solo", 3, 2, 5m)]));

        Assert.Equal(new RfmScore(1, 1, 1), table[0].Score);
        Assert.Equal("Lost", table[0].Segment);
    }

    [Fact]
    public void Score_WideSpendRange_RanksExactly()
    {
        // Spend beyond the histogram range forces the radix path; extreme decimals force the dense-rank keys.
        // Values ascending: -5, 0.001, 1e9, 7.9e27 → below 0, 1, 2, 3 → 1 + floor(2 · below / 4) = 1, 1, 2, 2.
        RfmTestData.Customer[] customers =
        [
            new("a", 1, 1, 1_000_000_000m), new("b", 1, 1, -5m), new("c", 1, 1, 7_900_000_000_000_000_000_000_000_000m), new("d", 1, 1, 0.001m),
        ];

        var table = RfmModel.Score(RfmTestData.Summaries(customers), new RfmOptions { Bins = 2 });

        int M(string id) => table.TryGet(id, out var row) ? row.Score.Monetary : 0;
        Assert.Equal([2, 1, 2, 1], new[] { "a", "b", "c", "d" }.Select(M));
    }

    [Property(MaxTest = 200)]
    public Property Score_IsWithinOneToBins() =>
        Prop.ForAll(RfmTestData.CustomerArrays, Arb.From(Gen.Choose(2, 12)), Arb.From(Gen.Elements(RfmScoring.CountBelow, RfmScoring.EqualCount, RfmScoring.Sketch)), (customers, bins, scoring) =>
        {
            var table = RfmModel.Score(RfmTestData.Summaries(customers), new RfmOptions { Bins = bins, Scoring = scoring });
            return table.All(r => InRange(r.Score.Recency) && InRange(r.Score.Frequency) && InRange(r.Score.Monetary));

            bool InRange(int s) => s >= 1 && s <= bins;
        });

    [Property(MaxTest = 200)]
    public Property Score_EqualValues_GetEqualScores() =>
        Prop.ForAll(RfmTestData.CustomerArrays, Arb.From(Gen.Choose(2, 9)), (customers, bins) =>
        {
            var table = RfmModel.Score(RfmTestData.Summaries(customers), new RfmOptions { Bins = bins });
            return table.GroupBy(r => r.Recency).All(g => g.Select(r => r.Score.Recency).Distinct().Count() == 1)
                && table.GroupBy(r => r.Frequency).All(g => g.Select(r => r.Score.Frequency).Distinct().Count() == 1)
                && table.GroupBy(r => r.Monetary).All(g => g.Select(r => r.Score.Monetary).Distinct().Count() == 1);
        });

    [Property(MaxTest = 200)]
    public Property Score_MatchesTheCountBelowDefinition() =>
        Prop.ForAll(RfmTestData.CustomerArrays, Arb.From(Gen.Choose(2, 9)), (customers, bins) =>
        {
            // The definition evaluated directly, in O(N²), against the sorted implementation.
            var table = RfmModel.Score(RfmTestData.Summaries(customers), new RfmOptions { Bins = bins });
            var n = table.Count;
            return table.All(r =>
                r.Score.Recency == 1 + bins * table.Count(o => o.Recency > r.Recency) / n
                && r.Score.Frequency == 1 + bins * table.Count(o => o.Frequency < r.Frequency) / n
                && r.Score.Monetary == 1 + bins * table.Count(o => o.Monetary < r.Monetary) / n);
        });

    [Property(MaxTest = 100)]
    public Property Score_WideValueRanges_MatchTheCountBelowDefinition() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(1, 400)), (seed, count) =>
        {
            // Spend from -1,000,000.00 to 1,000,000.00 in cents and recency up to 100,000 days: key ranges far beyond
            // the histogram, so the radix sort and run scan are used.
            var random = new Random(seed);
            var customers = Enumerable.Range(0, count)
                .Select(i => new RfmTestData.Customer($"w{i}", random.Next(0, 100_000), 1, random.Next(-1_000, 1_000) * 1_000m + random.Next(0, 100) / 100m))
                .ToArray();
            var table = RfmModel.Score(RfmTestData.Summaries(customers), new RfmOptions { Bins = 7 });
            return table.All(r =>
                r.Score.Recency == 1 + 7 * table.Count(o => o.Recency > r.Recency) / count
                && r.Score.Monetary == 1 + 7 * table.Count(o => o.Monetary < r.Monetary) / count);
        });

    [Property(MaxTest = 4)]
    public Property Score_ManyCustomersOnAllCores_MatchesTheCountBelowDefinitionAndTheGrid() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            // 70,000 customers: above the size where extraction, ranking and the grid run in parallel ranges. The
            // definition is evaluated independently by sorting each dimension and counting the values below.
            var random = new Random(seed);
            var customers = Enumerable.Range(0, 70_000)
                .Select(i => new RfmTestData.Customer($"p{i}", random.Next(0, 800), random.Next(1, 4), random.Next(1, 5_000_000) / 100m))
                .ToArray();
            var summaries = RfmTestData.Summaries(customers);
            var table = RfmModel.Score(summaries, new RfmOptions { Bins = 5 });
            var n = table.Count;
            var days = table.Select(r => r.Recency).Order().ToArray();
            var counts = table.Select(r => r.Frequency).Order().ToArray();
            var spends = table.Select(r => r.Monetary).Order().ToArray();
            static int Below<T>(T[] sorted, T value, IComparer<T> comparer)
            {
                var i = Array.BinarySearch(sorted, value, comparer);
                if (i < 0)
                {
                    return ~i;
                }

                while (i > 0 && comparer.Compare(sorted[i - 1], value) == 0)
                {
                    i--;
                }

                return i;
            }

            var scoresMatch = table.All(r =>
                r.Score.Recency == 1 + (5L * (n - Below(days, r.Recency + 1, Comparer<int>.Default)) / n)
                && r.Score.Frequency == 1 + (5L * Below(counts, r.Frequency, Comparer<int>.Default) / n)
                && r.Score.Monetary == 1 + (5L * Below(spends, r.Monetary, Comparer<decimal>.Default) / n));
            var bySegment = table.GroupBy(r => r.Segment).ToDictionary(g => g.Key, g => (Customers: g.Count(), Revenue: g.Sum(r => r.Revenue)));
            var gridMatches = table.Segments.All(g => bySegment[g.Segment] == (g.Customers, g.Revenue))
                && table.Segments.Sum(g => g.Customers) == n;
            var meanSpend = new RfmOptions { Monetary = RfmMonetary.MeanSpend };
            var repeatable = RfmModel.Score(summaries, meanSpend).Segments.SequenceEqual(RfmModel.Score(summaries, meanSpend).Segments);
            return scoresMatch && gridMatches && repeatable;
        });

    [Property(MaxTest = 200)]
    public Property Score_RaisingOneCustomersSpend_NeverLowersTheirMonetaryScore() =>
        Prop.ForAll(RfmTestData.CustomerArrays.Filter(c => c.Length > 0), Arb.From(Gen.Choose(0, 1000).Zip(Gen.Choose(1, 5_000))), Arb.From(Gen.Elements(RfmScoring.CountBelow, RfmScoring.EqualCount)), (customers, change, scoring) =>
        {
            var (pick, raiseCents) = change;
            var who = pick % customers.Length;
            var raised = customers.ToArray();
            raised[who] = raised[who] with { Total = raised[who].Total + raiseCents / 100m };
            var options = new RfmOptions { Scoring = scoring };
            var before = RfmModel.Score(RfmTestData.Summaries(customers), options);
            var after = RfmModel.Score(RfmTestData.Summaries(raised), options);
            var id = customers[who].Id;
            return before.TryGet(id, out var b) && after.TryGet(id, out var a) && a.Score.Monetary >= b.Score.Monetary;
        });

    [Property(MaxTest = 200)]
    public Property Score_PermutingCustomers_ChangesNothing() =>
        Prop.ForAll(RfmTestData.CustomerArrays, Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Elements(RfmScoring.CountBelow, RfmScoring.EqualCount)), (customers, seed, scoring) =>
        {
            var shuffled = customers.ToArray();
            new Random(seed).Shuffle(shuffled);
            var options = new RfmOptions { Scoring = scoring };
            var table = RfmModel.Score(RfmTestData.Summaries(customers), options);
            var permuted = RfmModel.Score(RfmTestData.Summaries(shuffled), options);
            return table.Equals(permuted) && table.Segments.SequenceEqual(permuted.Segments);
        });

    [Property(MaxTest = 200)]
    public Property Score_OfMergedPartialSummaries_EqualsScoreOfTheWhole() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, Arb.From(Gen.Choose(0, 1000)), Arb.From(Gen.Elements(RfmScoring.CountBelow, RfmScoring.EqualCount, RfmScoring.Sketch)), (orders, cut, scoring) =>
        {
            // The orders (not the customers) are split, so a customer may have orders on both sides.
            var split = orders.Length == 0 ? 0 : cut % (orders.Length + 1);
            var left = Accumulate(orders[..split]);
            left.Merge(Accumulate(orders[split..]));
            var options = new RfmOptions { Scoring = scoring, Frequency = RfmFrequency.PurchaseDays };
            return RfmModel.Score(left.ToSummaries(), options).Equals(RfmModel.Score(Accumulate(orders).ToSummaries(), options));
        });

    private static CustomerSummaryAccumulator<string> Accumulate(IEnumerable<Order> orders)
    {
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new LocalDate(2025, 3, 1) });
        foreach (var order in orders)
        {
            accumulator.Add(order.CustomerId, order.Time, order.Amount);
        }

        return accumulator;
    }

    [Fact]
    public void Score_CountBelow_AgreesWithDuckDbWindowCounts()
    {
        // DuckDB computes below(v) with RANK() - 1 (the number of rows strictly worse) and the score with integer division.
        var customers = RandomCustomers(seed: 7, count: 400);
        var table = RfmModel.Score(RfmTestData.Summaries(customers));

        var sql = """
            SELECT id,
              1 + ((rank() OVER (ORDER BY days DESC) - 1) * 5) // count(*) OVER () AS r,
              1 + ((rank() OVER (ORDER BY transactions ASC) - 1) * 5) // count(*) OVER () AS f,
              1 + ((rank() OVER (ORDER BY total ASC) - 1) * 5) // count(*) OVER () AS m
            FROM customers
            """;
        var duck = QueryScores(customers, sql);

        Assert.Equal(customers.Length, duck.Count);
        foreach (var row in table)
        {
            Assert.Equal(duck[row.CustomerId], row.Score);
        }
    }

    [Fact]
    public void Score_EqualCount_AgreesWithDuckDbNtile()
    {
        var customers = RandomCustomers(seed: 11, count: 333);
        var table = RfmModel.Score(RfmTestData.Summaries(customers), new RfmOptions { Scoring = RfmScoring.EqualCount });

        var sql = """
            SELECT id,
              ntile(5) OVER (ORDER BY days DESC, id ASC) AS r,
              ntile(5) OVER (ORDER BY transactions ASC, id ASC) AS f,
              ntile(5) OVER (ORDER BY total ASC, id ASC) AS m
            FROM customers
            """;
        var duck = QueryScores(customers, sql);

        foreach (var row in table)
        {
            Assert.Equal(duck[row.CustomerId], row.Score);
        }
    }

    private static RfmTestData.Customer[] RandomCustomers(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new RfmTestData.Customer(
            $"id{random.Next(100_000):D5}-{i}", random.Next(0, 120), random.Next(1, 8), random.Next(0, 2_000) / 4m))];
    }

    private static Dictionary<string, RfmScore> QueryScores(RfmTestData.Customer[] customers, string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE customers (id VARCHAR, days INTEGER, transactions INTEGER, total DECIMAL(18, 2))";
            create.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("customers"))
        {
            foreach (var c in customers)
            {
                appender.CreateRow().AppendValue(c.Id).AppendValue(c.Days).AppendValue(c.Transactions).AppendValue(c.Total).EndRow();
            }
        }

        var scores = new Dictionary<string, RfmScore>();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            scores[reader.GetString(0)] = new RfmScore(Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture));
        }

        return scores;
    }
}
