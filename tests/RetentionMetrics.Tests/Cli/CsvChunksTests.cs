using System.CommandLine;
using System.Text;
using RetentionMetrics.Benchmarks.Support;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Verbs;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Tests.Cli;

/// <summary>The parallel CSV path: ranges on line boundaries, the same summaries as one pass, errors at the file's line.</summary>
public sealed class CsvChunksTests : IDisposable
{
    private const int Rows = 1_600_000;
    private readonly string directory = Directory.CreateTempSubdirectory("retention-chunks-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void TrySplit_LargeFile_CoversEveryByteOnLineBoundaries()
    {
        var path = WriteLog(out _);

        var chunks = CsvChunks.TrySplit(path, parts: 3);

        Assert.NotNull(chunks);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(CsvReader.HeaderLength(path), chunks.Ranges[0].Start);
        Assert.Equal(bytes.Length, chunks.Ranges[^1].Start + chunks.Ranges[^1].Length);
        for (var i = 1; i < chunks.Ranges.Count; i++)
        {
            Assert.Equal(chunks.Ranges[i - 1].Start + chunks.Ranges[i - 1].Length, chunks.Ranges[i].Start);
            Assert.Equal((byte)'\n', bytes[chunks.Ranges[i].Start - 1]);
        }
    }

    [Fact]
    public void TrySplit_FileWithQuotes_IsReadWhole()
    {
        var path = WriteLog(out _, quoteOneId: true);

        Assert.Null(CsvChunks.TrySplit(path, parts: 2));
    }

    [Fact]
    public void Summarise_ParallelRanges_EqualTheInMemorySinglePass()
    {
        var path = WriteLog(out var orders);

        var fromFile = SummariseFile(path, workers: 2);
        var inMemory = orders.ToCustomerSummaries(o => o.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture), o => o.Date, o => o.Amount,
            new CustomerSummaryOptions { MaximumDegreeOfParallelism = 1 });

        Assert.Equal(inMemory.Count, fromFile.Count);
        Assert.Equal(inMemory, fromFile);
    }

    [Fact]
    public void Summarise_BadRowsInTwoRanges_ReportsTheEarliestFileLine()
    {
        var path = WriteLog(out _);
        var lines = File.ReadAllLines(path);
        lines[1_200_001] = "7,2023-13-01,1.00";
        lines[1_500_000] = "8,2023-01-01,x";
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<CsvDataException>(() => SummariseFile(path, workers: 2));

        Assert.Equal((1_200_002L, "date"), (error.Line, error.Column));
    }

    private static CustomerSummaries<string> SummariseFile(string path, int workers)
    {
        var orders = new OrderColumns();
        var command = new Command("summary");
        orders.AddTo(command);
        return SummaryVerb.Summarise(orders, command.Parse(["--input", path]), new CustomerSummaryOptions { MaximumDegreeOfParallelism = workers }, null, CancellationToken.None);
    }

    private string WriteLog(out SyntheticOrder[] orders, bool quoteOneId = false)
    {
        orders = SyntheticOrders.Create(Rows, 50_000, seed: 11);
        var path = Path.Combine(directory, "orders.csv");
        SyntheticOrders.WriteCsv(orders, path);
        if (quoteOneId)
        {
            File.AppendAllText(path, "\"1\",2023-01-01,1.00\n", Encoding.UTF8);
        }

        return path;
    }
}
