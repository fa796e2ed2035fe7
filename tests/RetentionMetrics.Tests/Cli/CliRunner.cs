using System.Globalization;
using RetentionMetrics.Cli;

namespace RetentionMetrics.Tests.Cli;

/// <summary>Runs the <c>retention</c> command line in-process on a temporary CSV file.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner(string csv)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"retention-{Guid.NewGuid():N}.csv");
        File.WriteAllText(Path, csv);
    }

    public string Path { get; }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await RetentionApp.RunAsync([.. args, "--input", Path], output, error, false, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => File.Delete(Path);
}
