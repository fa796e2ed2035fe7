using System.Globalization;
using System.Text.Json;
using RetentionMetrics.Cli;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Cli;

public sealed class HealthVerbTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("health-verb-").FullName;

    private static string Metrics => TestData.PathOf("health", "metrics.csv");

    private static string Before => TestData.PathOf("health", "metrics-before.csv");

    private static string Config => TestData.PathOf("health", "health.json");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Health_Csv_MatchesHandCalculation()
    {
        // Percentile fitted on the present logins {10, 20, 40}; shares 50 / 25 / 25 (b: logins skipped, so 50 / 50).
        // a: 0.5·50 + (2/3)·25 + 0.8·25 = 61.6667. b: tickets 1 → 5/6 · 50 = 41.6667, nps worst 0.
        // c: (2.5/3)·50 + 25 + 25 = 91.6667. d: (0.5/3)·50 + (0.5 − (2/7)·0.5)·25 + 0.3·25 = 8.3333 + 8.9286 + 7.5 = 24.7619.
        var (code, output, error) = await RunAsync("health", "--input", Metrics, "--config", Config, "--format", "csv");

        Assert.Equal((0, string.Empty), (code, error));
        Assert.Equal(
            """
            customerId,score,band,contributions
            a,61.6667,At-Risk,logins=25;tickets=16.6667;nps=20
            b,41.6667,At-Risk,logins=0;tickets=41.6667;nps=0
            c,91.6667,Healthy,logins=41.6667;tickets=25;nps=25
            d,24.7619,Endangered,logins=8.3333;tickets=8.9286;nps=7.5

            """.ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Health_Json_WritesContributionsAsAnObject()
    {
        var (code, output, _) = await RunAsync("health", "--input", Metrics, "--config", Config, "--format", "json");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var c = document.RootElement[2];
        Assert.Equal("c", c.GetProperty("customerId").GetString());
        Assert.Equal("Healthy", c.GetProperty("band").GetString());
        Assert.Equal(91.6667, c.GetProperty("score").GetDouble());
        Assert.Equal(41.6667, c.GetProperty("contributions").GetProperty("logins").GetDouble());
        Assert.Equal(25, c.GetProperty("contributions").GetProperty("nps").GetDouble());
    }

    [Fact]
    public async Task Health_Previous_AddsPreviousBandAndTransitions()
    {
        // Scored with the model fitted on the current file: a before (40, 0, 10) = 91.6667 Healthy → now 61.6667 At-Risk;
        // b before (10, 5, 3) = 24.7619 Endangered → now At-Risk; c before (40, 0, 9) = 89.1667, still Healthy; d is new.
        var (code, output, _) = await RunAsync("health", "--input", Metrics, "--config", Config, "--previous", Before, "--format", "csv");

        Assert.Equal(0, code);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("customerId,score,band,contributions,previousScore,previousBand,transition", lines[0]);
        Assert.Equal("a,61.6667,At-Risk,logins=25;tickets=16.6667;nps=20,91.6667,Healthy,Healthy -> At-Risk", lines[1]);
        Assert.Equal("b,41.6667,At-Risk,logins=0;tickets=41.6667;nps=0,24.7619,Endangered,Endangered -> At-Risk", lines[2]);
        Assert.Equal("c,91.6667,Healthy,logins=41.6667;tickets=25;nps=25,89.1667,Healthy,", lines[3]);
        Assert.Equal("d,24.7619,Endangered,logins=8.3333;tickets=8.9286;nps=7.5,,,", lines[4]);
    }

    [Fact]
    public async Task Health_PreviousTable_ListsAlertsDeteriorationsFirst()
    {
        var (code, output, _) = await RunAsync("health", "--input", Metrics, "--config", Config, "--previous", Before);

        Assert.Equal(0, code);
        Assert.Contains("4 customers: Healthy 1, At-Risk 2, Endangered 1.", output, StringComparison.Ordinal);
        Assert.Contains("2 band transition(s); 1 new customer(s); 1 customer(s) only in the previous snapshot (not listed).", output, StringComparison.Ordinal);
        var alert = output.IndexOf("ALERT  a: Healthy -> At-Risk (91.6667 -> 61.6667)", StringComparison.Ordinal);
        var improved = output.IndexOf("improved  b: Endangered -> At-Risk (24.7619 -> 41.6667)", StringComparison.Ordinal);
        Assert.True(alert > 0 && improved > alert, output);
    }

    [Fact]
    public async Task Health_NotANumber_FailsWithPositionedLine()
    {
        var input = Write("bad.csv", "customer_id,logins,tickets,nps\na,20,2,8\nb,many,1,3\n");

        var (code, output, error) = await RunAsync("health", "--input", input, "--config", Config);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Equal($"retention: error: {input}, line 3, column 'logins': 'many' is not a finite number (leave the cell empty for a missing value).", error.TrimEnd());
    }

    [Fact]
    public async Task Health_ShortRow_FailsWithPositionedLine()
    {
        var input = Write("short.csv", "customer_id,logins,tickets,nps\na,20,2,8\nb,20\n");

        var (code, output, error) = await RunAsync("health", "--input", input, "--config", Config);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Equal($"retention: error: {input}, line 3, column 'tickets': The row has 2 field(s); this column is field 3.", error.TrimEnd());
    }

    [Fact]
    public async Task Health_DuplicateCustomer_FailsWithPositionedLine()
    {
        var input = Write("twice.csv", "customer_id,logins,tickets,nps\na,20,2,8\na,21,1,3\n");

        var (code, output, error) = await RunAsync("health", "--input", input, "--config", Config);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Equal($"retention: error: {input}, line 3, column 'customer_id': Customer 'a' appears twice (first on line 2); give one row per customer.", error.TrimEnd());
    }

    [Fact]
    public async Task Health_MissingComponentColumn_FailsNamingIt()
    {
        var input = Write("columns.csv", "customer_id,logins,nps\na,20,8\n");

        var (code, output, error) = await RunAsync("health", "--input", input, "--config", Config);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Equal($"retention: error: {input}, line 1: There is no column 'tickets' for the component of that name; the columns are 'customer_id', 'logins', 'nps'.", error.TrimEnd());
    }

    [Fact]
    public async Task Health_InvalidConfiguration_FailsWithJsonPath()
    {
        var config = Write("bad.json", """{ "components": [ { "name": "logins", "weight": -2, "normaliser": "percentile" } ] }""");

        var (code, output, error) = await RunAsync("health", "--input", Metrics, "--config", config);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Equal($"retention: error: {config}: Health configuration error at $.components[0].weight: Component 'logins' has weight -2; weights must be finite and zero or more.", error.TrimEnd());
    }

    [Fact]
    public async Task Health_MissingConfigurationFile_Fails()
    {
        var missing = Path.Combine(folder, "none.json");

        var (code, output, error) = await RunAsync("health", "--input", Metrics, "--config", missing);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Equal($"retention: error: {missing}: The configuration file does not exist.", error.TrimEnd());
    }

    [Fact]
    public async Task Health_NoValueForAPercentileComponent_FailsNamingIt()
    {
        var input = Write("empty-logins.csv", "customer_id,logins,tickets,nps\na,,2,8\n");

        var (code, output, error) = await RunAsync("health", "--input", input, "--config", Config);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Contains("'logins'", error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await RetentionApp.RunAsync(args, output, error, false, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
