using System.Diagnostics;
using System.Text;

namespace RetentionMetrics.Tests.Browser;

/// <summary>
/// Loads a page from disk in Debian's headless Chromium: the DOM after load (scripts run) and a screenshot.
/// Each run gets a fresh profile directory, no network services, and a time limit after which the browser is killed.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser (CI installs it with apt-get).</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The longest one browser run may take before it is killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>The serialised DOM of <paramref name="page"/> once it has loaded and its scripts have run.</summary>
    public static string DumpDom(string page, int width = 1280, int height = 900) =>
        Run(page, ["--dump-dom", $"--window-size={width},{height}"], out _);

    /// <summary>Renders <paramref name="page"/> and writes a PNG of the first <paramref name="height"/> pixels to <paramref name="png"/>.</summary>
    public static void Screenshot(string page, string png, int width = 1280, int height = 2400)
    {
        if (File.Exists(png))
        {
            File.Delete(png);
        }

        Run(page, [$"--screenshot={Path.GetFullPath(png)}", $"--window-size={width},{height}", "--hide-scrollbars"], out var log);
        if (!File.Exists(png))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot to {png}. Its error output:\n{log}");
        }
    }

    private static string Run(string page, IEnumerable<string> action, out string log)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium package (apt-get install chromium), as .ci/run does.");
        }

        var profile = Directory.CreateTempSubdirectory("rm-chromium-");
        try
        {
            var start = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}", .. action,
                new Uri(Path.GetFullPath(page)).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var output = new StringBuilder();
            var errors = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"Chromium did not finish {page} within {Timeout.TotalSeconds:0} s and was killed.");
            }

            process.WaitForExit();
            log = errors.ToString();
            return output.ToString();
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A crashed browser may still hold a file for a moment; the temp folder is cleaned by the system.
            }
        }
    }
}

/// <summary>
/// A fact that needs headless Chromium: skipped on a machine without it, except under CI (CI=true), where
/// <c>.ci/run</c> installs it and a missing browser must fail the run rather than hide it.
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!HeadlessChromium.IsInstalled && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"{HeadlessChromium.ExecutablePath} is not installed (apt-get install chromium); CI installs it and runs this test.";
        }
    }
}
