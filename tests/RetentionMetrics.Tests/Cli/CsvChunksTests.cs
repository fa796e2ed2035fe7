using System.CommandLine;
using System.Globalization;
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
    public void Summarise_QuotedLineBreaksAndCrlf_ParallelRangesEqualTheInMemorySinglePass()
    {
        // Every third customer's id is quoted and holds a comma, a CRLF line break and an escaped quote, so a
        // boundary chosen by bytes alone would land inside a quoted field about a third of the time.
        var orders = SyntheticOrders.Create(Rows, 50_000, seed: 5);
        static string Id(long customer) => customer % 3 == 0 ? $"c,{customer}\r\n\"line\"" : customer.ToString(CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, "quoted.csv");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\r\n" })
        {
            writer.WriteLine("customer_id,date,amount");
            foreach (var order in orders)
            {
                var id = Id(order.CustomerId);
                var field = id.Contains(',', StringComparison.Ordinal) ? "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : id;
                writer.WriteLine($"{field},{order.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},{order.Amount.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        var chunks = CsvChunks.TrySplit(path, parts: 2);
        var fromFile = SummariseFile(path, workers: 2);
        var inMemory = orders.ToCustomerSummaries(o => Id(o.CustomerId), o => o.Date, o => o.Amount, new CustomerSummaryOptions { MaximumDegreeOfParallelism = 1 });

        Assert.Equal(2, chunks?.Ranges.Count);
        Assert.Equal(inMemory, fromFile);
        Assert.Equal(fromFile, SummariseFile(path, workers: 1));
    }

    [Fact]
    public void RowStartsAfter_TargetInsideAQuotedLineBreak_MovesPastTheQuotedField()
    {
        var path = Path.Combine(directory, "small.csv");
        var text = "id,date,amount\n\"a\nb\",2023-01-01,1\nc,2023-01-02,2\n";
        File.WriteAllText(path, text, new UTF8Encoding(false));

        // Offset 16 is the "a" inside the quoted "a\nb" (its line feed, at 17, does not end a row): the first row
        // start after it is the "c" row's. Offset 34 is that row's first byte, whose row ends the file.
        var starts = CsvChunks.RowStartsAfter(path, [16, 34]);

        Assert.Equal([text.IndexOf("c,", StringComparison.Ordinal), text.Length], starts);
    }

    [Fact]
    public void LineStartsAfter_AnyLineFeed_EndsTheLineEvenInsideQuotes()
    {
        var path = Path.Combine(directory, "lines.csv");
        var text = "id,date,amount\n\"a\nb\",2023-01-01,1\nc,2023-01-02,2\n";
        File.WriteAllText(path, text, new UTF8Encoding(false));

        // The same targets as above: the line feed at 17 lies inside the quoted "a\nb", yet it is taken (18, the "b"),
        // which is why a range reader that meets a quote has the file split again. 34 still gives the file's end.
        var starts = CsvChunks.LineStartsAfter(path, [16, 34]);

        Assert.Equal([18L, text.Length], starts);
    }

    [Fact]
    public void TrySplit_FileWithoutQuotes_LineFeedSplitEqualsTheExactSplit()
    {
        var path = WriteLog(out _);

        var exact = CsvChunks.TrySplit(path, parts: 5, exact: true);
        var atLineFeeds = CsvChunks.TrySplit(path, parts: 5, exact: false);

        Assert.Equal(exact!.Ranges, atLineFeeds!.Ranges);
        Assert.True(exact.IsExact);
        Assert.False(atLineFeeds.IsExact);
    }

    private static CustomerSummaries<string> SummariseFile(string path, int workers)
    {
        var orders = new OrderColumns();
        var command = new Command("summary");
        orders.AddTo(command);
        return SummaryVerb.Summarise(orders, command.Parse(["--input", path]), new CustomerSummaryOptions { MaximumDegreeOfParallelism = workers }, null, CancellationToken.None);
    }

    private string WriteLog(out SyntheticOrder[] orders)
    {
        orders = SyntheticOrders.Create(Rows, 50_000, seed: 11);
        var path = Path.Combine(directory, "orders.csv");
        SyntheticOrders.WriteCsv(orders, path);
        return path;
    }
}
