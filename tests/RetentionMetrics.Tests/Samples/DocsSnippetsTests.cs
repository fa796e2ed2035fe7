using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Samples;

/// <summary>
/// Every C# block of README.md and docs/ is a snippet region of a sample that this solution compiles (and the
/// snippet tests run), so no code sample in the docs rots. Only the Azure Functions wrappers, which need a package
/// this repository does not build against, may be exempt, and only with a stated reason.
/// </summary>
public class DocsSnippetsTests
{
    // The sample projects the test project references: their sources are compiled with every build.
    private static readonly string[] CompiledSampleFolders =
    [
        Path.Combine("samples", "RetentionMetrics.Samples"),
        Path.Combine("samples", "RetentionMetrics.Functions"),
        Path.Combine("samples", "RetentionMetrics.AotSample"),
    ];

    private static readonly Lazy<List<DocsSnippets.CodeBlock>> Blocks = new(() =>
        MarkdownFiles().SelectMany(f => DocsSnippets.BlocksOf(Relative(f), File.ReadAllText(f))).ToList());

    private static readonly Lazy<List<DocsSnippets.Snippet>> Snippets = new(() =>
        CompiledSampleFolders
            .SelectMany(folder => Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => DocsSnippets.SnippetsOf(Relative(f), File.ReadAllText(f)))
            .ToList());

    [Fact]
    public void Docs_EveryCSharpBlock_IsASnippetOfACompiledSample()
    {
        var missing = Blocks.Value
            .Where(b => b.ExemptReason is null && DocsSnippets.PackageDirectivesOf(b).Count == 0 && !Snippets.Value.Any(s => s.Code == b.Code))
            .Select(b => $"{b.File}:{b.Line} matches no snippet region in {string.Join(", ", CompiledSampleFolders)}")
            .ToList();

        Assert.True(Blocks.Value.Count >= 9, "the docs hold at least the nine C# blocks of the area pages and the README");
        Assert.Empty(missing);
    }

    [Fact]
    public void Docs_PackageDirectiveBlocks_LoadThePackagesThisBuildMakes()
    {
        var directives = Blocks.Value.SelectMany(b => DocsSnippets.PackageDirectivesOf(b).Select(d => (Block: b, d.Id, d.Version))).ToList();

        Assert.NotEmpty(directives);
        Assert.All(directives, d =>
        {
            Assert.True(PackageAssemblies.TryGetValue(d.Id, out var assembly), $"{d.Block.File}:{d.Block.Line}: {d.Id} is not a package of this repository");
            Assert.Equal(PackageVersion(assembly!), d.Version);
        });
    }

    [Fact]
    public void PackageDirectivesOf_DirectiveBlockOrCode_ReadsOnlyWholeDirectiveBlocks()
    {
        var directive = new DocsSnippets.CodeBlock("a.md", 1, "#r \"nuget: RetentionMetrics.Interactive, 0.1.0-preview\"", null);
        var mixed = new DocsSnippets.CodeBlock("a.md", 1, "#r \"nuget: RetentionMetrics, 0.1.0\"\nvar x = 1;", null);

        Assert.Equal([("RetentionMetrics.Interactive", "0.1.0-preview")], DocsSnippets.PackageDirectivesOf(directive));
        Assert.Empty(DocsSnippets.PackageDirectivesOf(mixed));
    }

    [Fact]
    public void Samples_EverySnippetRegion_IsShownInTheDocs()
    {
        var unused = Snippets.Value
            .Where(s => !Blocks.Value.Any(b => b.Code == s.Code))
            .Select(s => $"{s.File}: snippet '{s.Name}' appears in no Markdown file")
            .ToList();

        Assert.Empty(unused);
    }

    [Fact]
    public void Docs_ExemptBlocks_AreOnlyFunctionWrappersWithAReason()
    {
        var exempt = Blocks.Value.Where(b => b.ExemptReason is not null).ToList();

        Assert.NotEmpty(exempt);
        Assert.All(exempt, b =>
        {
            Assert.Equal(Path.Combine("docs", "azure-functions.md"), b.File);
            Assert.True(b.ExemptReason!.Length >= 20, $"{b.File}:{b.Line}: the exemption states no reason");
            Assert.Contains("[Function(", b.Code, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void BlocksOf_ExemptMarkerBeforeFence_ReadsTheReasonAndTheCode()
    {
        const string Markdown = "text\n<!-- snippet-exempt: needs a package -->\n```csharp\nvar x = 1;  \n```\n\n```csharp\nvar y = 2;\n```\n```sh\nls\n```\n";

        var blocks = DocsSnippets.BlocksOf("a.md", Markdown);

        Assert.Equal(
            [new DocsSnippets.CodeBlock("a.md", 3, "var x = 1;", "needs a package"), new DocsSnippets.CodeBlock("a.md", 7, "var y = 2;", null)],
            blocks);
    }

    [Fact]
    public void SnippetsOf_RegionsOfOneName_AreJoinedAndUnindentedByTheMarkerColumn()
    {
        const string Source = "// snippet: s\nusing A;\n\n// end-snippet\nclass C\n{\n    void M()\n    {\n        // snippet: s\n        if (true)\n        {\n            M();\n        // end-snippet\n            N();\n        // snippet: s\n        }\n        // end-snippet\n    }\n}\n";

        var snippet = Assert.Single(DocsSnippets.SnippetsOf("c.cs", Source));

        Assert.Equal("using A;\n\nif (true)\n{\n    M();\n}", snippet.Code);
    }

    [Fact]
    public void SnippetsOf_RegionWithoutEnd_Throws() =>
        Assert.Throws<InvalidOperationException>(() => DocsSnippets.SnippetsOf("c.cs", "// snippet: s\nvar x = 1;\n"));

    // The packages a notebook may load with #r, by the assembly that carries their version.
    private static readonly Dictionary<string, System.Reflection.Assembly> PackageAssemblies = new(StringComparer.Ordinal)
    {
        ["RetentionMetrics"] = typeof(RetentionMetrics.Customers.Order).Assembly,
        ["RetentionMetrics.Interactive"] = typeof(RetentionMetrics.Interactive.RetentionMetricsFormatters).Assembly,
    };

    // A package's version is its assembly's informational version without the source revision.
    private static string PackageVersion(System.Reflection.Assembly assembly) =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)!
            .InformationalVersion.Split('+')[0];

    private static IEnumerable<string> MarkdownFiles() =>
        Directory.EnumerateFiles(RepositoryFiles.PathOf("docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(RepositoryFiles.PathOf("README.md"));

    private static string Relative(string path) => Path.GetRelativePath(RepositoryFiles.Root, path);
}
