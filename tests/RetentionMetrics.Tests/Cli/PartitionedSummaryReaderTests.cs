using System.CommandLine;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Verbs;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Tests.Cli;

/// <summary>
/// The multi-core CSV summary path (ranges of lines parsed on their own threads, customers owned by hash partition):
/// small files are split by lowering the minimum range, and the result must equal the one-core path and an
/// accumulator fed the same orders directly; errors must name the same file line as the one-core path.
/// </summary>
public sealed class PartitionedSummaryReaderTests : IDisposable
{
    private const long TinyChunk = 64;
    private static readonly LocalDate Start = new(2024, 1, 1);
    private readonly string directory = Directory.CreateTempSubdirectory("retention-partitioned-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>One generated row: customer number and how its id is written, day, time of day or none, amount in cents and whether it is quoted.</summary>
    public sealed record Row(int Customer, int IdStyle, int Day, int? Minute, int Cents, bool QuoteAmount);

    /// <summary>A generated file: rows, the options it is read with, bad rows (line index → kind) and the number of cores.</summary>
    public sealed record Case(Row[] Rows, PurchasePeriod Period, RefundPolicy Refunds, int? AsOfDay, bool Paris, (int At, int Kind)[] BadRows, int Workers);

    private static readonly Gen<Row> RowGen =
        from customer in Gen.Choose(0, 11)
        from idStyle in Gen.Choose(0, 4)
        from day in Gen.Choose(0, 800)
        from minute in Gen.Choose(-1, 24 * 60 - 1)
        from cents in Gen.Choose(-5_000, 50_000)
        from quote in Gen.Elements(false, false, true)
        select new Row(customer, idStyle, day, minute < 0 ? null : minute, cents, quote);

    private static readonly Gen<Case> CaseGen =
        from rows in Gen.Choose(30, 120).SelectMany(n => RowGen.ArrayOf(n))
        from period in Gen.Elements(PurchasePeriod.Day, PurchasePeriod.Week, PurchasePeriod.Month)
        from refunds in Gen.Elements(RefundPolicy.Subtract, RefundPolicy.Ignore)
        from asOf in Gen.Elements<int?>(null, 400, 900)
        from paris in Gen.Elements(false, true)
        from workers in Gen.Choose(2, 4)
        select new Case(rows, period, refunds, asOf, paris, [], workers);

    private static readonly Gen<Case> CaseWithErrorsGen =
        from basis in CaseGen
        from refunds in Gen.Elements(RefundPolicy.Subtract, RefundPolicy.Reject)
        from bad in Gen.Choose(0, 2).SelectMany(n => (from at in Gen.Choose(0, basis.Rows.Length - 1) from kind in Gen.Choose(0, 3) select (at, kind)).ArrayOf(n))
        select basis with { Refunds = refunds, BadRows = bad };

    [Property(MaxTest = 60)]
    public Property Summarise_SplitFile_EqualsOneCoreAndDirectAccumulation() =>
        Prop.ForAll(Arb.From(CaseGen), @case =>
        {
            var path = Write(@case);
            var chunks = CsvChunks.TrySplit(path, @case.Workers, TinyChunk);
            var parallel = Summarise(path, @case, @case.Workers, TinyChunk);
            var oneCore = Summarise(path, @case, 1, TinyChunk);
            var direct = Direct(@case);
            return chunks is { Ranges.Count: >= 2 } && parallel.Equals(oneCore) && parallel.Equals(direct);
        });

    /// <summary>How the partitions hold rows: rows per round (0: added as they arrive) and hash bits per bucket.</summary>
    public sealed record Buckets(int RoundRows, int? Bits);

    private static readonly Gen<Buckets> BucketsGen =
        from roundRows in Gen.Elements(0, 1, 2, 7, 40, 1 << 20)
        from bits in Gen.Elements<int?>(null, 0, 1, 3, 5)
        select new Buckets(roundRows, bits);

    [Property(MaxTest = 60)]
    public Property Summarise_HashBucketsInRounds_EqualsOneCoreAndDirectAccumulation() =>
        Prop.ForAll(Arb.From(CaseGen), Arb.From(BucketsGen), (@case, buckets) =>
        {
            // Short and long ids (the generator writes ids of 2 to 37 bytes), rounds of one row to the whole file,
            // one bucket to 32 (a pause for handed-over rows comes every 16 buckets).
            var path = Write(@case);
            var parallel = Summarise(path, @case, @case.Workers, TinyChunk, buckets: buckets);
            var oneCore = Summarise(path, @case, 1, TinyChunk);
            return (parallel.Equals(oneCore) && parallel.Equals(Direct(@case))).Label($"{buckets}");
        });

    [Property(MaxTest = 60)]
    public Property Summarise_HashBucketsWithBadRows_FailsAtTheSameLineAsOneCore() =>
        Prop.ForAll(Arb.From(CaseWithErrorsGen), Arb.From(BucketsGen), (@case, buckets) =>
        {
            var path = Write(@case);
            var parallel = Outcome(() => Summarise(path, @case, @case.Workers, TinyChunk, buckets: buckets));
            var oneCore = Outcome(() => Summarise(path, @case, 1, TinyChunk));
            return (parallel == oneCore).Label($"{buckets}; parallel: {parallel}; one core: {oneCore}");
        });

    private static readonly Gen<Case> UnquotedCaseGen =
        from basis in CaseWithErrorsGen
        from idStyles in Gen.Elements(0, 4).ArrayOf(basis.Rows.Length)
        select basis with { Rows = basis.Rows.Select((r, i) => r with { IdStyle = idStyles[i], QuoteAmount = false }).ToArray() };

    [Property(MaxTest = 60)]
    public Property Summarise_FileWithoutQuotesSplitAtLineFeeds_SameOutcomeAsOneCore() =>
        Prop.ForAll(Arb.From(UnquotedCaseGen), Arb.From(BucketsGen), (@case, buckets) =>
        {
            // No quote anywhere, so the split after line feeds (without the pass over the file) is kept.
            var path = Write(@case);
            var text = File.ReadAllText(path);
            var parallel = Outcome(() => Summarise(path, @case, @case.Workers, TinyChunk, buckets: buckets));
            var oneCore = Outcome(() => Summarise(path, @case, 1, TinyChunk));
            return (!text.Contains('"', StringComparison.Ordinal) && parallel == oneCore).Label($"{buckets}; parallel: {parallel}; one core: {oneCore}");
        });

    [Fact]
    public void PartitionOf_PowerOfTwoCounts_EqualsTheRemainder()
    {
        // The mask taken for 2, 4, 8 … partitions must give the remainder that other counts use.
        var hashes = Enumerable.Range(0, 5_000).Select(i => Utf8KeyInterner.Hash(Encoding.UTF8.GetBytes($"id{i}"))).ToArray();
        foreach (var partitions in new[] { 1, 2, 4, 8, 64 })
        {
            Assert.All(hashes, h => Assert.Equal((int)((uint)(h >> 16) % (uint)partitions), PartitionedSummaryReader.PartitionOf(h, partitions)));
        }
    }

    [Property(MaxTest = 60)]
    public Property Summarise_SplitFileWithBadRows_FailsAtTheSameLineAsOneCore() =>
        Prop.ForAll(Arb.From(CaseWithErrorsGen), @case =>
        {
            var path = Write(@case);
            var parallel = Outcome(() => Summarise(path, @case, @case.Workers, TinyChunk));
            var oneCore = Outcome(() => Summarise(path, @case, 1, TinyChunk));
            return (parallel == oneCore).Label($"parallel: {parallel}; one core: {oneCore}");
        });

    [Fact]
    public void Summarise_BadDateInSecondRange_ReportsItsFileLine()
    {
        // 200 rows on lines 2 to 201; line 151 (row 150) has a bad date. The file is read in ranges of about 320
        // bytes taken in turn by two threads, so the line lies far past the first range (even a split in two puts it
        // in the second).
        var rows = Enumerable.Range(0, 200).Select(i => new Row(i % 7, 0, i, null, 1_000 + i, false)).ToArray();
        var @case = new Case(rows, PurchasePeriod.Day, RefundPolicy.Subtract, null, false, [(149, 0)], 2);
        var path = Write(@case);
        var chunks = CsvChunks.TrySplit(path, 2, TinyChunk * 20);

        var error = Assert.Throws<CsvDataException>(() => Summarise(path, @case, 2, TinyChunk * 20));

        Assert.Equal(2, chunks?.Ranges.Count);
        Assert.True(chunks!.FileLine(1, 1) < 151, "the bad line should fall in the second range");
        Assert.Equal((151L, "date", "'2024-13-01' is not a date (expected yyyy-MM-dd or an ISO instant)."), (error.Line, error.Column, error.Reason));
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void Summarise_BadRowsInBothRanges_ReportsTheEarliestLine()
    {
        // Line 31 (row 30, first range) has an amount that is not a number; line 181 (second range) a bad date.
        var rows = Enumerable.Range(0, 200).Select(i => new Row(i % 7, 0, i, null, 1_000 + i, false)).ToArray();
        var @case = new Case(rows, PurchasePeriod.Day, RefundPolicy.Subtract, null, false, [(29, 1), (179, 0)], 2);
        var path = Write(@case);

        var error = Assert.Throws<CsvDataException>(() => Summarise(path, @case, 2, TinyChunk * 20));

        Assert.Equal((31L, "amount", "'abc' is not a number."), (error.Line, error.Column, error.Reason));
    }

    [Fact]
    public void Summarise_SpendOverflowAcrossRanges_ReportsTheOneCoreLine()
    {
        // Customer x buys for 5 × 10^28 on line 2 and again on line 191 (second range): the total passes the
        // largest decimal (about 7.9 × 10^28) at line 191 when the file is read in order.
        var lines = new StringBuilder("customer_id,date,amount\nx,2024-01-01,50000000000000000000000000000\n");
        for (var i = 0; i < 188; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"c{i % 5},2024-01-{1 + (i % 28):00},{i}.5\n");
        }

        lines.Append("x,2024-02-01,50000000000000000000000000000\ny,2024-02-02,1\n");
        var path = Path.Combine(directory, "overflow.csv");
        File.WriteAllText(path, lines.ToString());
        var @case = new Case([], PurchasePeriod.Day, RefundPolicy.Subtract, null, false, [], 2);

        var parallel = Assert.Throws<CsvDataException>(() => Summarise(path, @case, 2, TinyChunk * 20));
        var oneCore = Assert.Throws<CsvDataException>(() => Summarise(path, @case, 1, TinyChunk * 20));

        Assert.Equal(2, CsvChunks.TrySplit(path, 2, TinyChunk * 20)?.Ranges.Count);
        Assert.Equal(191L, parallel.Line);
        Assert.Equal(oneCore.Message, parallel.Message);
    }

    [Fact]
    public void Summarise_Cancelled_Throws()
    {
        var rows = Enumerable.Range(0, 200).Select(i => new Row(i % 7, 0, i, null, 1_000 + i, false)).ToArray();
        var @case = new Case(rows, PurchasePeriod.Day, RefundPolicy.Subtract, null, false, [], 2);
        var path = Write(@case);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Summarise(path, @case, 2, TinyChunk, cancelled.Token));
    }

    [Fact]
    public void PartitionOf_SpreadsKeysOverEveryPartition()
    {
        var counts = new int[3];
        for (var i = 0; i < 3_000; i++)
        {
            counts[PartitionedSummaryReader.PartitionOf(Utf8KeyInterner.Hash(Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture))), 3)]++;
        }

        // 1,000 expected in each; a fair split stays well within ±20 %.
        Assert.All(counts, c => Assert.InRange(c, 800, 1_200));
    }

    private static string Id(Row row) => row.IdStyle switch
    {
        0 => $"c{row.Customer}",
        1 => $"customer,{row.Customer}",
        2 => $"say \"{row.Customer}\"",
        3 => $"line\r\nbreak {row.Customer}",
        _ => $"a-rather-long-customer-identifier-{row.Customer}",
    };

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static string TimeText(Row row) => row.Minute is { } minute
        ? Start.PlusDays(row.Day).AtMidnight().PlusMinutes(minute).InUtc().ToInstant().ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : Start.PlusDays(row.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string AmountText(Row row)
    {
        var text = (row.Cents / 100m).ToString(CultureInfo.InvariantCulture);
        return row.QuoteAmount ? $"\"{text}\"" : text;
    }

    private string Write(Case @case)
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < @case.Rows.Length; i++)
        {
            var row = @case.Rows[i];
            var (id, time, amount) = (Field(Id(row)), TimeText(row), AmountText(row));
            foreach (var (at, kind) in @case.BadRows)
            {
                if (at == i)
                {
                    (id, time, amount) = kind switch
                    {
                        0 => (id, "2024-13-01", amount),
                        1 => (id, time, "abc"),
                        2 => ("  ", time, amount),
                        _ => (id, time, "-1.25"),
                    };
                }
            }

            text.Append(CultureInfo.InvariantCulture, $"{id},{time},{amount}\n");
        }

        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static CustomerSummaryOptions OptionsOf(Case @case) => new()
    {
        Period = @case.Period,
        Refunds = @case.Refunds,
        AsOf = @case.AsOfDay is { } day ? Start.PlusDays(day) : null,
        Zone = @case.Paris ? DateTimeZoneProviders.Tzdb["Europe/Paris"] : DateTimeZone.Utc,
    };

    private static CustomerSummaries<string> Summarise(
        string path, Case @case, int workers, long minimumChunkBytes, CancellationToken cancellationToken = default, Buckets? buckets = null)
    {
        var orders = buckets is null
            ? new OrderColumns { MinimumChunkBytes = minimumChunkBytes }
            : new OrderColumns { MinimumChunkBytes = minimumChunkBytes, RadixRoundRows = buckets.RoundRows, RadixBucketBits = buckets.Bits };
        var command = new Command("summary");
        orders.AddTo(command);
        var parse = command.Parse(["--input", path, "--zone", @case.Paris ? "Europe/Paris" : "UTC"]);
        return SummaryVerb.Summarise(orders, parse, OptionsOf(@case) with { MaximumDegreeOfParallelism = workers }, null, cancellationToken);
    }

    private static CustomerSummaries<string> Direct(Case @case)
    {
        var accumulator = new CustomerSummaryAccumulator<string>(OptionsOf(@case));
        foreach (var row in @case.Rows)
        {
            var amount = row.Cents / 100m;
            if (row.Minute is { } minute)
            {
                accumulator.Add(Id(row), Start.PlusDays(row.Day).AtMidnight().PlusMinutes(minute).InUtc().ToInstant(), amount);
            }
            else
            {
                accumulator.Add(Id(row), Start.PlusDays(row.Day), amount);
            }
        }

        return accumulator.ToSummaries();
    }

    private static string Outcome(Func<CustomerSummaries<string>> summarise)
    {
        try
        {
            var summaries = summarise();
            return string.Join("|", summaries.OrderBy(s => s.CustomerId, StringComparer.Ordinal).Select(s => s.ToString()))
                + $"|{summaries.RecordsRead}/{summaries.RecordsAfterAsOf}/{summaries.RefundsIgnored}/{summaries.AsOf}";
        }
        catch (CsvDataException e)
        {
            return "error: " + e.Message;
        }
    }
}
