using System.Globalization;
using System.Text.Json;
using RetentionMetrics.Cli;
using RetentionMetrics.Cli.Verbs;

namespace RetentionMetrics.Tests.Cli;

public sealed class ClusterVerbTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("cluster-verb-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await RetentionApp.RunAsync(args, output, error, false, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    // Two obvious groups: a, b near (0, 0) and c, d near (10, 10). Unscaled, k = 2: centroids (0.5, 0) and (10, 10.5);
    // inertia 4 × 0.25 = 1 (by hand).
    private const string Features = "customer_id,x,y\na,0,0\nb,1,0\nc,10,10\nd,10,11\n";

    [Fact]
    public async Task Cluster_FeatureFileAsJson_HasTheSpecifiedShapeAndHandComputedValues()
    {
        var input = Write("features.csv", Features);

        var (exit, output, error) = await Run("cluster", "--input", input, "--features", "x,y", "--k", "2", "--scale", "none", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["k", "inertia", "silhouette", "iterations", "centroids", "assignments"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("k").GetInt32());
        Assert.Equal(1.0, root.GetProperty("inertia").GetDouble(), 12);
        var centroids = root.GetProperty("centroids").EnumerateArray().Select(c => c.EnumerateArray().Select(v => v.GetDouble()).ToArray()).OrderBy(c => c[0]).ToArray();
        Assert.Equal([0.5, 0.0], centroids[0]);
        Assert.Equal([10.0, 10.5], centroids[1]);
        var assignments = root.GetProperty("assignments").EnumerateArray().ToArray();
        Assert.Equal(["a", "b", "c", "d"], assignments.Select(a => a.GetProperty("customerId").GetString()));
        var clusters = assignments.Select(a => a.GetProperty("cluster").GetInt32()).ToArray();
        Assert.Equal(clusters[0], clusters[1]);
        Assert.Equal(clusters[2], clusters[3]);
        Assert.NotEqual(clusters[0], clusters[2]);
        // Silhouette by hand: every point is 1 from its partner (a = 1), so s = 1 − 1/b with b its mean distance to
        // the other pair: a → √200, √221; b → √181, √202; c → √200, √181; d → √221, √202.
        static double S(double first, double second) => 1 - (1 / ((Math.Sqrt(first) + Math.Sqrt(second)) / 2));
        var expected = (S(200, 221) + S(181, 202) + S(200, 181) + S(221, 202)) / 4;
        Assert.Equal(expected, root.GetProperty("silhouette").GetDouble(), 12);
    }

    [Fact]
    public async Task Cluster_StandardScaling_ReportsCentroidsInOriginalUnits()
    {
        var input = Write("features.csv", Features);

        var (exit, output, _) = await Run("cluster", "--input", input, "--features", "x,y", "--k", "2", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var centroids = json.RootElement.GetProperty("centroids").EnumerateArray()
            .Select(c => c.EnumerateArray().Select(v => v.GetDouble()).ToArray()).OrderBy(c => c[0]).ToArray();
        Assert.Equal(0.5, centroids[0][0], 9);
        Assert.Equal(10.5, centroids[1][1], 9);
    }

    [Fact]
    public async Task Cluster_Csv_ListsEachCustomersCluster()
    {
        var input = Write("features.csv", Features);

        var (exit, output, _) = await Run("cluster", "--input", input, "--features", "x,y", "--k", "2", "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("customerId,cluster", lines[0]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public async Task Cluster_Table_ShowsCentroidsAndSummary()
    {
        var input = Write("features.csv", Features);

        var (exit, output, _) = await Run("cluster", "--input", input, "--features", "x,y", "--k", "2");

        Assert.Equal(0, exit);
        Assert.Contains("cluster", output, StringComparison.Ordinal);
        Assert.Contains("k = 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_Auto_ChoosesTheTwoGroups()
    {
        var input = Write("features.csv", "id,x\n1,0\n2,0.1\n3,0.2\n4,50\n5,50.1\n6,50.2\n");

        var (exit, output, _) = await Run("cluster", "--input", input, "--features", "x", "--id-column", "id", "--k", "auto", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("k").GetInt32());
    }

    [Fact]
    public async Task Cluster_NoIdColumn_UsesRowNumbers()
    {
        var input = Write("features.csv", "x\n1\n2\n9\n");

        var (exit, output, _) = await Run("cluster", "--input", input, "--features", "x", "--k", "2", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["1", "2", "3"], json.RootElement.GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("customerId").GetString()));
    }

    [Fact]
    public async Task Cluster_Rfm_ClustersTheBundledOrders()
    {
        var (exit, output, error) = await Run("cluster", "--rfm", "--k", "3", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("k").GetInt32());
        Assert.All(root.GetProperty("centroids").EnumerateArray(), c => Assert.Equal(3, c.GetArrayLength()));
        Assert.True(root.GetProperty("assignments").GetArrayLength() > 100);
    }

    [Fact]
    public async Task Cluster_RfmFromAFile_GivesCentroidsInDaysPurchasesAndMoney()
    {
        // As of 2024-02-01: a bought once for 10 (31 days ago) ... b twice for 200 in all (1 day ago).
        var input = Write("orders.csv", "customer_id,date,amount\na,2024-01-01,10\nb,2024-01-30,100\nb,2024-01-31,100\n");

        var (exit, output, _) = await Run("cluster", "--rfm", "--input", input, "--as-of", "2024-02-01", "--k", "2", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var centroids = json.RootElement.GetProperty("centroids").EnumerateArray()
            .Select(c => c.EnumerateArray().Select(v => v.GetDouble()).ToArray()).OrderBy(c => c[0]).ToArray();
        // One customer per cluster: each centroid is that customer's (recency, frequency, monetary).
        Assert.Equal(1.0, centroids[0][0], 9);
        Assert.Equal(2.0, centroids[0][1], 9);
        Assert.Equal(200.0, centroids[0][2], 9);
        Assert.Equal(31.0, centroids[1][0], 9);
        Assert.Equal(1.0, centroids[1][1], 9);
        Assert.Equal(10.0, centroids[1][2], 9);
        Assert.Equal(0.0, json.RootElement.GetProperty("inertia").GetDouble(), 12);
    }

    [Fact]
    public async Task Cluster_RfmFromFilesInDifferentRowOrders_GivesTheSameOutputInCustomerOrder()
    {
        // The same orders, the customers first seen in opposite orders: the points are clustered (and listed) in
        // customer order either way, so the seeded run is the same.
        var forward = Write("forward.csv", "customer_id,date,amount\nc,2024-01-01,10\nb,2024-01-30,100\na,2024-01-31,100\nc,2024-01-20,5\n");
        var backward = Write("backward.csv", "customer_id,date,amount\na,2024-01-31,100\nc,2024-01-20,5\nb,2024-01-30,100\nc,2024-01-01,10\n");

        var first = await Run("cluster", "--rfm", "--input", forward, "--as-of", "2024-02-01", "--k", "2", "--format", "csv");
        var second = await Run("cluster", "--rfm", "--input", backward, "--as-of", "2024-02-01", "--k", "2", "--format", "csv");

        Assert.Equal((0, 0), (first.Exit, second.Exit));
        Assert.Equal(first.Output, second.Output);
        var customers = first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(l => l.Split(',')[0]);
        Assert.Equal(["a", "b", "c"], customers);
    }

    [Fact]
    public async Task Cluster_NotANumber_ExitsWithOnePositionedLine()
    {
        var input = Write("features.csv", "customer_id,x,y\na,0,0\nb,oops,0\n");

        var (exit, output, error) = await Run("cluster", "--input", input, "--features", "x,y", "--k", "1");

        Assert.Equal(CliContext.DataError, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"retention: error: {input}, line 3, column 'x': {string.Format(CultureInfo.InvariantCulture, ClusterVerb.NotANumber, "'oops'")}", error.TrimEnd());
    }

    [Fact]
    public async Task Cluster_NaNFeature_ExitsWithOnePositionedLine()
    {
        var input = Write("features.csv", "customer_id,x\na,0\nb,NaN\n");

        var (exit, output, error) = await Run("cluster", "--input", input, "--features", "x", "--k", "1");

        Assert.Equal(CliContext.DataError, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"retention: error: {input}, line 3, column 'x':", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_MissingFeatureColumn_NamesTheColumns()
    {
        var input = Write("features.csv", Features);

        var (exit, output, error) = await Run("cluster", "--input", input, "--features", "x,z", "--k", "2");

        Assert.Equal(CliContext.DataError, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("There is no column 'z' (set it with --features)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_MoreClustersThanRows_ExitsWithDataError()
    {
        var input = Write("features.csv", Features);

        var (exit, output, error) = await Run("cluster", "--input", input, "--features", "x,y", "--k", "5");

        Assert.Equal(CliContext.DataError, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("Cannot form 5 clusters from 4 point(s)", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Cluster_NoFeatures_ExitsWithUsageError()
    {
        var input = Write("features.csv", Features);

        var (exit, _, error) = await Run("cluster", "--input", input, "--k", "2");

        Assert.Equal(CliContext.DataError, exit);
        Assert.Equal($"retention: error: {ClusterVerb.FeaturesRequired}", error.TrimEnd());
    }

    [Fact]
    public async Task Cluster_FeaturesWithoutInput_ExitsWithUsageError()
    {
        var (exit, _, error) = await Run("cluster", "--features", "x", "--k", "2");

        Assert.Equal(CliContext.DataError, exit);
        Assert.Equal($"retention: error: {ClusterVerb.InputRequired}", error.TrimEnd());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task Cluster_BadK_IsAParseError(string k)
    {
        var input = Write("features.csv", Features);

        var (exit, output, _) = await Run("cluster", "--input", input, "--features", "x,y", "--k", k);

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("\"k\"", output, StringComparison.Ordinal);
    }
}
