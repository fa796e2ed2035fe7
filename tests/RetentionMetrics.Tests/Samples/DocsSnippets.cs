using System.Text.RegularExpressions;

namespace RetentionMetrics.Tests.Samples;

/// <summary>
/// Reads the C# blocks of the Markdown docs and the snippet regions of the compiled sample sources.
/// </summary>
/// <remarks>
/// A region starts with a line <c>// snippet: name</c> and ends with <c>// end-snippet</c>; its lines are unindented by
/// the column of the start marker. Regions of one name in one file are joined in file order, so a snippet may show
/// its <c>using</c> directives (at the top of the file) and its statements (inside a method) as one block.
/// A Markdown block that cannot be compiled here is preceded by <c>&lt;!-- snippet-exempt: reason --&gt;</c>.
/// </remarks>
public static partial class DocsSnippets
{
    public const string ExemptMarker = "<!-- snippet-exempt:";

    public sealed record CodeBlock(string File, int Line, string Code, string? ExemptReason);

    public sealed record Snippet(string File, string Name, string Code);

    /// <summary>Every fenced C# block (<c>csharp</c>, <c>cs</c> or <c>c#</c>) of a Markdown text.</summary>
    public static List<CodeBlock> BlocksOf(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!CSharpFence().IsMatch(lines[i]))
            {
                continue;
            }

            var start = i;
            var code = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                code.Add(lines[i]);
            }

            var before = start > 0 ? lines[start - 1].Trim() : "";
            string? reason = null;
            if (before.StartsWith(ExemptMarker, StringComparison.Ordinal) && before.EndsWith("-->", StringComparison.Ordinal))
            {
                reason = before[ExemptMarker.Length..^3].Trim();
            }

            blocks.Add(new CodeBlock(file, start + 1, Normalise(code), reason));
        }

        return blocks;
    }

    /// <summary>Every snippet region of a C# source text, regions of one name joined.</summary>
    public static List<Snippet> SnippetsOf(string file, string source)
    {
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        var snippets = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var start = StartMarker().Match(lines[i]);
            if (!start.Success)
            {
                continue;
            }

            var indent = lines[i].Length - lines[i].TrimStart().Length;
            var name = start.Groups[1].Value;
            if (!snippets.TryGetValue(name, out var code))
            {
                snippets[name] = code = [];
            }

            for (i++; ; i++)
            {
                if (i >= lines.Length)
                {
                    throw new InvalidOperationException($"{file}: snippet '{name}' has no end-snippet line.");
                }

                if (EndMarker().IsMatch(lines[i]))
                {
                    break;
                }

                var line = lines[i];
                if (line.Trim().Length > 0 && (line.Length < indent || line[..indent].Trim().Length > 0))
                {
                    throw new InvalidOperationException($"{file}:{i + 1}: snippet '{name}' has a line indented less than its marker.");
                }

                code.Add(line.Length >= indent ? line[indent..] : "");
            }
        }

        return [.. snippets.Select(s => new Snippet(file, s.Key, Normalise(s.Value)))];
    }

    /// <summary>
    /// The packages a block loads when it holds nothing but notebook <c>#r "nuget: id, version"</c> directives (which a
    /// notebook kernel reads, not the C# compiler); otherwise an empty list.
    /// </summary>
    public static List<(string Id, string Version)> PackageDirectivesOf(CodeBlock block)
    {
        var lines = block.Code.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var matches = lines.Select(l => PackageDirective().Match(l)).ToList();
        return lines.Count > 0 && matches.All(m => m.Success)
            ? [.. matches.Select(m => (m.Groups[1].Value, m.Groups[2].Value))]
            : [];
    }

    private static string Normalise(IEnumerable<string> lines) => string.Join("\n", lines.Select(l => l.TrimEnd()));

    [GeneratedRegex(@"^```\s*(csharp|cs|c#)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CSharpFence();

    [GeneratedRegex(@"^\s*// snippet: ([a-z0-9-]+)\s*$")]
    private static partial Regex StartMarker();

    [GeneratedRegex(@"^#r ""nuget: ([A-Za-z0-9.]+), ([0-9A-Za-z.\-]+)""$")]
    private static partial Regex PackageDirective();

    [GeneratedRegex(@"^\s*// end-snippet\s*$")]
    private static partial Regex EndMarker();
}
