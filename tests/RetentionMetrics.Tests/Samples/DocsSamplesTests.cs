using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Clustering;
using RetentionMetrics.Customers;
using RetentionMetrics.Samples.Docs;
using RetentionMetrics.Segments;
using RetentionMetrics.Streaming;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Samples;

/// <summary>The code the docs quote (samples/RetentionMetrics.Samples/Docs) runs and gives the values worked by hand.</summary>
public class DocsSamplesTests
{
    [Fact]
    public async Task ReadmeSnippet_ThreeOrders_PrintsTheHandWorkedSummary()
    {
        // Orders on 01-01, 01-11 and 01-31 (1997): frequency 2, recency 30 days, T = 272 days to 09-30, monetary = (20 + 30) / 2.
        ReadmeSnippet.Purchase[] orders =
        [
            new("a", new LocalDate(1997, 1, 1), 10m), new("a", new LocalDate(1997, 1, 11), 20m), new("a", new LocalDate(1997, 1, 31), 30m),
        ];

        var output = await CaptureAsync(() => ReadmeSnippet.RunAsync(orders.ToAsyncSequence(), CancellationToken.None));

        Assert.Equal("a: frequency 2, recency 30, T 272, monetary 25\n", output);
    }

    [Fact]
    public async Task SummariesSnippets_InCode_PrintsTheHandWorkedSummary()
    {
        SummariesSnippets.NumberedOrder[] orders =
        [
            new(7, new LocalDate(1997, 1, 1), 10m), new(7, new LocalDate(1997, 1, 11), 20m), new(7, new LocalDate(1997, 1, 31), 30m),
        ];

        var output = await CaptureAsync(() => SummariesSnippets.InCodeAsync(orders.ToAsyncSequence(), null, CancellationToken.None));

        Assert.Equal("7: x=2 t_x=30 T=272 m=25\n", output);
    }

    [Property(MaxTest = 30)]
    public Property SummariesSnippets_Merge_EqualsASinglePass() =>
        Prop.ForAll(OrderGenerators.Logs, OrderGenerators.Logs, (monday, tuesday) =>
        {
            var options = new CustomerSummaryOptions { AsOf = new LocalDate(2030, 1, 1) };
            return SummariesSnippets.Merge(options, monday, tuesday).Equals(monday.Concat(tuesday).ToCustomerSummaries(options));
        });

    [Fact]
    public async Task ClusteringSnippet_FourSeparatePairs_FindsThePairs()
    {
        // Four pairs of points one unit apart in one coordinate, far from each other: each pair is a cluster whose
        // centroid is its midpoint, so the inertia is 4 pairs × 2 points × 0.5² = 2.
        double[][] rows =
        [
            [3, 120, 55], [3, 121, 55], [50, 0, 0], [51, 0, 0], [0, 500, 0], [0, 500, 1], [100, 300, 300], [100, 301, 300],
        ];
        var summaries = OrderLog(customers: 12).ToCustomerSummaries();

        var output = await CaptureAsync(() => { ClusteringSnippet.Run(rows, summaries); return Task.CompletedTask; });

        Assert.Equal("4 centroids, 8 rows, inertia 2, new point in cluster " + ClusterOf(rows, [3.0, 120.0, 55.5]) + ", 5 RFM centroids\n", output);
    }

    [Fact]
    public async Task CohortsSnippet_ParisMonths_CountsCohortsInParisTime()
    {
        // a (01-15, 06-10) and b (01-20) start in January; c (02-01) and d (01-31 23:30 UTC = 02-01 00:30 in Paris) in
        // February. Of January's two customers one is active in June, offset 5: retention 0.5.
        CohortsSnippet.Activity[] orders =
        [
            new("a", Instant.FromUtc(2024, 1, 15, 12, 0), 10m, "web"), new("a", Instant.FromUtc(2024, 6, 10, 12, 0), 10m, "web"),
            new("b", Instant.FromUtc(2024, 1, 20, 12, 0), 10m, "web"), new("c", Instant.FromUtc(2024, 2, 1, 12, 0), 10m, "web"),
            new("d", Instant.FromUtc(2024, 1, 31, 23, 30), 10m, "web"),
        ];
        CohortTableResult result = default;

        var output = await CaptureAsync(async () => result = new CohortTableResult(await CohortsSnippet.RunAsync(orders.ToAsyncSequence())));

        var table = result.Table!;
        Assert.Equal([2, 2], table.Cohorts.Select(c => c.Size));
        Assert.Equal(["2024-01", "2024-02"], table.Cohorts.Select(c => c.Label));
        Assert.EndsWith("first cohort at offset 5: 0.5\n", output, StringComparison.Ordinal);
        Assert.StartsWith(table.ToText(), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthSnippet_Population_ScoresEveryStreamedCustomerAndOne()
    {
        double[] population = [10, 0, 9, 20, 2, 8, 30, 5, double.NaN, 40, 12, 3];
        HealthSnippet.Metrics[] metrics = [new("m1", 10, 0, 9), new("m2", 20, 2, 8), new("m3", 30, 5, null), new("m4", 40, 12, 3)];

        var output = await CaptureAsync(() => HealthSnippet.RunAsync(population, metrics.ToAsyncSequence(), CancellationToken.None));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The stream holds the same population as the rows, so customer m2 scores as the one customer [20, 2, 8].
        Assert.Equal(["m1", "m2", "m3", "m4", "one customer"], lines.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Equal(lines[1]["m2: ".Length..], lines[4]["one customer: ".Length..]);
    }

    [Fact]
    public async Task RfmSnippet_SameOrdersInMemoryAndStreamed_GiveEqualTables()
    {
        // The latest order is on 2024-01-30, so the stream's default as-of date (the day after) is the in-memory 2024-01-31.
        var orders = OrderLog(customers: 10);
        var stream = orders.Select(o => new RfmSnippet.Purchase(o.CustomerId, o.Time, o.Amount)).ToArray();
        (RetentionMetrics.Rfm.RfmTable<string> InMemory, RetentionMetrics.Rfm.RfmTable<string> Streamed) tables = default;

        var output = await CaptureAsync(async () => tables = await RfmSnippet.RunAsync(orders, stream.ToAsyncSequence()));

        Assert.Equal(tables.InMemory, tables.Streamed);
        Assert.Equal(10 + tables.InMemory!.Segments.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task SegmentsSnippets_Set_CountsTheHandPickedAtRiskCustomer()
    {
        // As of 2024-07-01: u1 spent 600 (> 500), last ordered 03-01 (before 05-02) and last opened the app 05-01 (before
        // 06-01): at risk. u2 spent 700 but ordered 06-20: not at risk. u3 is cancelled: churned only.
        SegmentsSnippets.MyEvent[] events =
        [
            new("u1", "order_completed", Instant.FromUtc(2024, 3, 1, 9, 0), 600m), new("u1", "app_session", Instant.FromUtc(2024, 5, 1, 9, 0), 0m),
            new("u2", "order_completed", Instant.FromUtc(2024, 6, 20, 9, 0), 700m),
        ];
        var traits = new Dictionary<string, IReadOnlyDictionary<string, SegmentValue>>
        {
            ["u3"] = new Dictionary<string, SegmentValue> { ["subscription_status"] = SegmentValue.FromString("cancelled") },
        };

        Assert.Equal(1, await SegmentsSnippets.SetAsync(events.ToAsyncSequence(), traits));
    }

    [Fact]
    public void SegmentsSnippets_Builder_EqualsTheParsedRule() =>
        Assert.Equal(
            SegmentRule.Parse("sum(order_completed.amount) > $500 and last(order_completed) more than 60 days ago and last(app_session) more than 30 days ago"),
            SegmentsSnippets.Builder());

    private static async Task<string> CaptureAsync(Func<Task> run)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using (RetentionMetrics.Samples.Docs.Console.Capture(output))
        {
            await run();
        }

        return output.ToString();
    }

    private static Order[] OrderLog(int customers) =>
        [.. Enumerable.Range(0, customers * 3).Select(i => new Order(
            $"c{i % customers}", Instant.FromUtc(2024, 1, 1 + (i * 7 % 30), 10, 0), 5m + (i * 13 % 40)))];

    private static int ClusterOf(double[][] rows, double[] point)
    {
        // The cluster Predict reports is the one the point's nearest row belongs to; find it by the row the model assigns.
        var model = KMeans.Fit(FeatureMatrix.FromRows(rows), new KMeansOptions { NumberOfClusters = 4, Seed = 42 });
        var nearest = Enumerable.Range(0, rows.Length).MinBy(r => rows[r].Zip(point, (a, b) => (a - b) * (a - b)).Sum());
        return model.Assignments[nearest];
    }

    private readonly record struct CohortTableResult(RetentionMetrics.Cohorts.CohortTable? Table);
}
