using System.Text.RegularExpressions;
using RetentionMetrics.Tests.Browser;
using RetentionMetrics.Tests.Interactive;

namespace RetentionMetrics.Tests.Cli;

/// <summary>
/// The report page in a real browser: headless Chromium loads it from disk, runs its load marker and lays out the
/// charts; the DOM it dumps must show no script error, every chart drawn with a size, and the marks the library's
/// results call for. A screenshot is taken too (and copied to docs/images/report.png when
/// RETENTION_UPDATE_SCREENSHOT=1, which is how the README's picture is made).
/// </summary>
public sealed partial class ReportVerbBrowserTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("retention-browser-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [ChromiumFact]
    public async Task Report_InHeadlessChromium_RendersWithoutScriptErrorsAndWithTheLibrarysCounts()
    {
        var page = Path.Combine(directory, "report.html");
        var (exit, _, error) = await ReportVerbTests.Run("report", "--out", page);
        Assert.Equal((0, string.Empty), (exit, error));

        var dom = HeadlessChromium.DumpDom(page);

        var body = Body().Match(dom);
        Assert.True(body.Success, "The dumped DOM has a body element.");
        Assert.Equal("ok", Attribute(body.Value, "data-rendered"));
        Assert.Equal("0", Attribute(body.Value, "data-script-errors"));
        var expected = ReportCounts.FromLibrary(ReportVerbTests.BundledOrders, clusters: 4, top: 10);
        Assert.Equal(expected.Charts.ToString(System.Globalization.CultureInfo.InvariantCulture), Attribute(body.Value, "data-charts-drawn"));
        Assert.Equal(expected, ReportCounts.FromMarkup(dom));
    }

    [ChromiumFact]
    public async Task Report_InHeadlessChromium_ScreenshotIsAPicture()
    {
        var page = Path.Combine(directory, "report.html");
        var (exit, _, _) = await ReportVerbTests.Run("report", "--out", page);
        Assert.Equal(0, exit);
        var png = Path.Combine(directory, "report.png");

        HeadlessChromium.Screenshot(page, png, width: 1200, height: 4400);

        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        Assert.Equal(1200, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(4400, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
        // A blank page compresses to a few kilobytes; the charts and tables make it far larger.
        Assert.True(bytes.Length > 50_000, $"The screenshot is only {bytes.Length} bytes: the page looks blank.");
        if (Environment.GetEnvironmentVariable("RETENTION_UPDATE_SCREENSHOT") == "1")
        {
            File.Copy(png, Path.Combine(NotebookTests.RepositoryRoot(), "docs", "images", "report.png"), overwrite: true);
        }
    }

    private static string? Attribute(string element, string name)
    {
        var match = Regex.Match(element, $"{Regex.Escape(name)}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<body[^>]*>")]
    private static partial Regex Body();
}
