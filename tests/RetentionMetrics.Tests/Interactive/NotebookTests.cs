using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;
using RetentionMetrics.Interactive;

namespace RetentionMetrics.Tests.Interactive;

/// <summary>
/// The sample notebook is a valid .ipynb for the .NET Interactive C# kernel, and its code cells run against this build of
/// the library: each cell is one Roslyn script submission continuing the previous one, as the kernel runs them, and each
/// cell's value is displayed through the registered formatters.
/// </summary>
[Collection(FormatterCollection.Name)]
public sealed class NotebookTests
{
    private const string NotebookPath = "samples/notebooks/cdnow-walkthrough.ipynb";
    private const string PackageDirective = "#r \"nuget: RetentionMetrics.Interactive, ";
    private const string DataPathLine = "var ordersFile = Path.Combine(\"..\", \"..\", \"src\", \"RetentionMetrics.Cli\", \"Data\", \"cdnow-sample-orders.csv\");";

    [Fact]
    public void Notebook_Metadata_NamesTheDotNetInteractiveCSharpKernel()
    {
        using var notebook = Load();
        var root = notebook.RootElement;

        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        var metadata = root.GetProperty("metadata");
        Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("C#", metadata.GetProperty("kernelspec").GetProperty("language").GetString());
        Assert.Equal("csharp", metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        foreach (var cell in CodeCells(notebook))
        {
            Assert.Equal("csharp", cell.GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString());
            Assert.Empty(cell.GetProperty("outputs").EnumerateArray());
        }
    }

    [Fact]
    public void Notebook_FirstCodeCell_LoadsThePackageAtThisVersion()
    {
        using var notebook = Load();
        var first = Source(CodeCells(notebook).First()).Trim();
        // The package version is the assembly's informational version without the source revision.
        var version = typeof(RetentionMetricsFormatters).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

        Assert.Equal($"{PackageDirective}{version}\"", first);
    }

    [Fact]
    public async Task Notebook_CodeCells_RunInOrderAndEveryValueDisplaysAsHtml()
    {
        using var notebook = Load();
        var cells = CodeCells(notebook).Select(Source).Where(s => !s.TrimStart().StartsWith(PackageDirective, StringComparison.Ordinal)).ToList();
        var dataCell = cells.FindIndex(c => c.Contains(DataPathLine, StringComparison.Ordinal));
        Assert.True(dataCell >= 0, "The notebook reads the orders from the CLI's bundled CDNOW sample.");
        // The notebook runs from samples/notebooks; here the same file is read from the repository root.
        cells[dataCell] = cells[dataCell].Replace(DataPathLine,
            $"var ordersFile = {SymbolDisplayLiteral(Path.Combine(RepositoryRoot(), "src", "RetentionMetrics.Cli", "Data", "cdnow-sample-orders.csv"))};", StringComparison.Ordinal);

        RetentionMetricsFormatters.Register();
        var options = ScriptOptions.Default
            .WithReferences(typeof(RetentionMetricsFormatters).Assembly, typeof(RetentionMetrics.Customers.CustomerSummary<>).Assembly,
                typeof(NodaTime.LocalDate).Assembly, typeof(Formatter).Assembly)
            .WithImports("System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks");
        ScriptState<object>? state = null;
        var displayed = new List<string>();
        foreach (var cell in cells)
        {
            state = state is null
                ? await CSharpScript.RunAsync(cell, options)
                : await state.ContinueWithAsync(cell, options);
            if (state.ReturnValue is { } value)
            {
                displayed.Add(Formatter.ToDisplayString(value, RetentionMetricsFormatters.HtmlMimeType));
            }
        }

        // Orders count, summaries, RFM table, segments, clusters, scatter, cohorts, survival, BG/NBD, Gamma-Gamma, CLV histogram.
        Assert.Equal(11, displayed.Count);
        Assert.Contains("6,919 orders", displayed[0], StringComparison.Ordinal);
        foreach (var html in displayed.Skip(1))
        {
            var element = XElement.Parse(html);
            Assert.NotEmpty(element.DescendantsAndSelf());
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string SymbolDisplayLiteral(string text) =>
        Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), NotebookPath)));

    private static IEnumerable<JsonElement> CodeCells(JsonDocument notebook) =>
        notebook.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code");

    private static string Source(JsonElement cell) =>
        cell.GetProperty("source").ValueKind == JsonValueKind.Array
            ? string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()))
            : cell.GetProperty("source").GetString() ?? string.Empty;

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RetentionMetrics.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RetentionMetrics.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The tests that register or use the global .NET Interactive formatters run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class FormatterCollection
{
    public const string Name = "Interactive formatters";
}
