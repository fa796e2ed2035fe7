using System.Globalization;
using System.Text.Json;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Tests.Cli;

public sealed class NpsVerbTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("nps-verb-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Nps_Overall_WritesOneJsonObject()
    {
        // 3 promoters, 1 passive, 1 detractor: NPS 40; Var = (0.8 − 0.16) / 5 = 0.128, 1.959964 · 100 · √0.128 = 70.12 →
        // [−30.12, 110.12] clipped to [−30.12, 100].
        var path = Write("responses.csv", "score,region\n10,eu\n9,eu\n8,us\n3,us\n10,us\n");

        var (code, output, error) = await ChurnVerbTests.RunAsync("nps", "--input", path);

        Assert.Equal((0, string.Empty), (code, error));
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["responses", "promoters", "passives", "detractors", "nps", "confidenceInterval"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((5, 3, 1, 1), (root.GetProperty("responses").GetInt32(), root.GetProperty("promoters").GetInt32(),
            root.GetProperty("passives").GetInt32(), root.GetProperty("detractors").GetInt32()));
        Assert.Equal(40d, root.GetProperty("nps").GetDouble());
        var interval = root.GetProperty("confidenceInterval").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(-30.12, interval[0], 2);
        Assert.Equal(100d, interval[1]);
    }

    [Fact]
    public async Task Nps_ByColumn_WritesOneObjectPerGroup()
    {
        var path = Write("responses.csv", "answer,region\n10,eu\n9,eu\n8,us\n3,us\n10,us\n");

        var (code, output, _) = await ChurnVerbTests.RunAsync("nps", "--input", path, "--score-column", "answer", "--by", "region");

        Assert.Equal(0, code);
        var groups = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["eu", "us"], groups.Select(g => g.GetProperty("group").GetString()));
        Assert.Equal([100d, 0d], groups.Select(g => g.GetProperty("nps").GetDouble()));
    }

    [Fact]
    public async Task Nps_AnswerOffTheScale_FailsWithOnePositionedLine()
    {
        var path = Write("responses.csv", "score\n10\n11\n");

        var (code, output, error) = await ChurnVerbTests.RunAsync("nps", "--input", path);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Equal($"retention: error: {path}, line 3, column 'score': {string.Format(CultureInfo.InvariantCulture, ChurnErrorMessages.NpsAnswerOutOfRange, 11)}",
            error.TrimEnd());
    }

    [Fact]
    public async Task Nps_NotANumber_FailsWithOnePositionedLine()
    {
        var path = Write("responses.csv", "score\n7.5\n");

        var (code, output, error) = await ChurnVerbTests.RunAsync("nps", "--input", path);

        Assert.Equal((2, string.Empty), (code, output));
        Assert.StartsWith($"retention: error: {path}, line 2, column 'score'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nps_MissingColumn_FailsNamingTheOption()
    {
        var path = Write("responses.csv", "rating\n7\n");

        var (code, _, error) = await ChurnVerbTests.RunAsync("nps", "--input", path);

        Assert.Equal(2, code);
        Assert.Contains("--score-column", error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
