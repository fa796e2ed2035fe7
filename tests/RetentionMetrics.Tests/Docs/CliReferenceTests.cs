using System.Text.RegularExpressions;
using RetentionMetrics.Cli;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Docs;

/// <summary>docs/cli.md lists every verb the tool has and every option of each, and nothing the tool lacks.</summary>
public partial class CliReferenceTests
{
    private static readonly Lazy<string> Page = new(() => File.ReadAllText(RepositoryFiles.PathOf("docs", "cli.md")).ReplaceLineEndings("\n"));

    [Fact]
    public async Task CliPage_EveryVerbAndOption_IsDocumented()
    {
        var missing = new List<string>();
        foreach (var verb in await CommandsAsync([]))
        {
            var path = verb.Split(' ');
            var section = Section(verb);
            if (section is null)
            {
                missing.Add($"no section \"### `retention {verb}`\"");
                continue;
            }

            var help = await HelpAsync(path);
            missing.AddRange(LongOption().Matches(OptionsPart(help)).Select(m => m.Value).Distinct()
                .Where(option => option != "--help" && !section.Contains($"`{option}`", StringComparison.Ordinal))
                .Select(option => $"retention {verb}: {option} is not in its section"));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task CliPage_EverySection_NamesAVerbThatExists()
    {
        var verbs = await CommandsAsync([]);

        var stale = VerbHeading().Matches(Page.Value).Select(m => m.Groups[1].Value).Where(v => !verbs.Contains(v)).ToList();

        Assert.NotEmpty(VerbHeading().Matches(Page.Value));
        Assert.Empty(stale);
    }

    // Every leaf command: "summary", ..., "clv fit", "clv predict", "clv formula".
    private static async Task<List<string>> CommandsAsync(string[] parent)
    {
        var help = await HelpAsync(parent);
        var index = help.IndexOf("Commands:", StringComparison.Ordinal);
        if (index < 0)
        {
            return [string.Join(' ', parent)];
        }

        var leaves = new List<string>();
        foreach (var line in help[(index + "Commands:".Length)..].Split('\n'))
        {
            var name = CommandLine().Match(line);
            if (name.Success)
            {
                leaves.AddRange(await CommandsAsync([.. parent, name.Groups[1].Value]));
            }
        }

        return leaves;
    }

    private static async Task<string> HelpAsync(string[] path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RetentionApp.RunAsync([.. path, "--help"], output, error, errorIsTerminal: false, CancellationToken.None);
        Assert.Equal(0, exit);
        return output.ToString().ReplaceLineEndings("\n");
    }

    private static string OptionsPart(string help)
    {
        var start = help.IndexOf("Options:", StringComparison.Ordinal);
        var end = help.IndexOf("Commands:", StringComparison.Ordinal);
        return start < 0 ? "" : end > start ? help[start..end] : help[start..];
    }

    private static string? Section(string verb)
    {
        var heading = $"### `retention {verb}`\n";
        var start = Page.Value.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = Page.Value.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? Page.Value[start..] : Page.Value[start..end];
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex LongOption();

    [GeneratedRegex(@"^  ([a-z][a-z0-9-]*)\s{2,}")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"^### `retention ([a-z ]+)`$", RegexOptions.Multiline)]
    private static partial Regex VerbHeading();
}
