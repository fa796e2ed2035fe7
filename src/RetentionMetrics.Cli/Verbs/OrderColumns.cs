using System.CommandLine;
using NodaTime;
using System.Text;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Cli.Verbs;

/// <summary>
/// The options that say where orders come from (<c>--input</c>, column names, date format, zone), and the reader that
/// turns each CSV row into a customer, a time and an amount with positioned errors.
/// </summary>
internal sealed class OrderColumns
{
    public Option<string?> Input { get; } = CommonOptions.Input();

    public Option<string> CustomerColumn { get; } = CommonOptions.Column("--customer-column", "customer_id", "the customer id");

    public Option<string> TimeColumn { get; } = CommonOptions.Column("--time-column", "date", "the purchase date or instant");

    public Option<string> AmountColumn { get; } = CommonOptions.Column("--amount-column", "amount", "the amount");

    public Option<string?> DateFormat { get; } = CommonOptions.DateFormat();

    public Option<DateTimeZone> Zone { get; } = CommonOptions.Zone();

    public void AddTo(Command command)
    {
        command.Options.Add(Input);
        command.Options.Add(CustomerColumn);
        command.Options.Add(TimeColumn);
        command.Options.Add(AmountColumn);
        command.Options.Add(DateFormat);
        command.Options.Add(Zone);
    }

    /// <summary>Opens the chosen file, or the bundled CDNOW sample when there is none.</summary>
    public CsvReader Open(ParseResult parse) =>
        parse.GetValue(Input) is { } path ? CsvReader.Open(path) : CsvReader.FromStream(BundledData.OpenOrders(), BundledData.OrdersName);

    /// <summary>Reads every order row and hands it to <paramref name="visit"/>; returns the number of rows.</summary>
    /// <exception cref="CsvDataException">A row cannot be read; the message names the file, line and column.</exception>
    public long Read(ParseResult parse, OrderVisitor visit, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var reader = Open(parse);
        return Read(reader, parse, visit, progress, cancellationToken);
    }

    /// <summary>
    /// Smallest range of a file that one core parses (<see cref="CsvChunks"/>); smaller files are read in one pass.
    /// Tests lower it so that small files take the parallel path.
    /// </summary>
    internal long MinimumChunkBytes { get; init; } = CsvChunks.DefaultMinimumChunkBytes;

    /// <summary>
    /// Rows each core holds in hash buckets before it adds them (<see cref="RadixRowBuffer"/>); 0 adds them as they
    /// arrive. Tests lower it so that small files take several rounds.
    /// </summary>
    internal int RadixRoundRows { get; init; } = PartitionedSummaryReader.DefaultRoundRows;

    /// <summary>The hash bits that pick a bucket, or null to choose them from the expected customers; tests set it.</summary>
    internal int? RadixBucketBits { get; init; }

    /// <summary>
    /// The summary's fast path: reads the orders straight into customer summaries. A large file is split into ranges
    /// of lines that the cores take in turn, and the customers into one hash partition per core
    /// (<see cref="PartitionedSummaryReader"/>): each core parses its ranges and hands each row to the core that owns
    /// the customer, so every customer has one state and nothing is merged; each core adds its rows a hash bucket at a
    /// time (<see cref="RadixRowBuffer"/>). Otherwise the rows are read in one pass. Customer ids are numbered from
    /// their bytes, so a row costs one slot lookup and one state update, and a customer's string is built once.
    /// </summary>
    /// <exception cref="CsvDataException">A row cannot be read; the error of the earliest bad line is raised.</exception>
    public CustomerSummaries<string> ReadIntoSummaries(
        ParseResult parse, CustomerSummaryOptions options, int workers, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(Input);
        var size = path is not null && File.Exists(path) ? new FileInfo(path).Length : 0;
        if (workers < 2 || size < 2 * MinimumChunkBytes)
        {
            return ReadIntoSummaries(parse, options, progress, cancellationToken);
        }

        // Several ranges per thread, taken in turn, keep the threads near the same part of the file: a customer's rows
        // then reach its owner nearly in file order, which keeps appends to the period lists cheap.
        var rangeBytes = Math.Max(1, MinimumChunkBytes / 4);
        var perWorker = (int)Math.Clamp(size / workers / rangeBytes, 1, 64);
        // First split after line feeds, reading only around the split points; a range that meets a quote means the
        // split may have cut a quoted field, and the file is split again on row boundaries found outside quotes.
        var chunks = CsvChunks.TrySplit(path!, workers * perWorker, rangeBytes, exact: false);
        var sawQuote = false;
        var summaries = chunks is null ? null : ReadPartitioned(parse, options, path!, chunks, Math.Min(workers, chunks.Ranges.Count), progress, cancellationToken, out sawQuote);
        if (sawQuote)
        {
            chunks = CsvChunks.TrySplit(path!, workers * perWorker, rangeBytes, exact: true);
            summaries = chunks is null ? null : ReadPartitioned(parse, options, path!, chunks, Math.Min(workers, chunks.Ranges.Count), progress, cancellationToken, out _);
        }

        return summaries ?? ReadIntoSummaries(parse, options, progress, cancellationToken);
    }

    /// <summary>The one-core path of <see cref="ReadIntoSummaries(ParseResult, CustomerSummaryOptions, int, IProgress{long}?, CancellationToken)"/>.</summary>
    internal CustomerSummaries<string> ReadIntoSummaries(
        ParseResult parse, CustomerSummaryOptions options, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(Input);
        using var reader = Open(parse);
        var expectedCustomers = ExpectedCustomers(path is null ? 1 << 16 : CsvChunks.EstimateRows(path, 0, new FileInfo(path).Length), 1);
        var accumulator = new CustomerSummaryAccumulator<string>(options, expectedCustomers);
        ReadInto(reader, parse, accumulator, expectedCustomers, progress, cancellationToken);
        return accumulator.ToSummaries();
    }

    // About eight rows a customer is typical of order logs; the tables grow when there are more customers.
    private static int ExpectedCustomers(long expectedRows, int partitions) => (int)Math.Min(1 << 26, Math.Max(16, expectedRows / 8 / partitions));

    private OrderRowParser RowParser(CsvReader reader, ParseResult parse) =>
        new(reader, parse.GetRequiredValue(CustomerColumn), parse.GetRequiredValue(TimeColumn), parse.GetRequiredValue(AmountColumn),
            parse.GetValue(DateFormat), parse.GetRequiredValue(Zone));

    /// <summary>
    /// Reads the ranges of <paramref name="chunks"/> on <paramref name="workers"/> threads (range <c>r</c> on thread
    /// <c>r % workers</c>) into hash-partitioned accumulators; null when an amount of 10^18 or more was read, whose
    /// sum might overflow at a line that only one pass in file order finds. When the chunks are not
    /// <see cref="CsvChunks.IsExact"/> and a range held a quote, <paramref name="sawQuote"/> is true and the outcome
    /// (summaries or error) is not used: null.
    /// </summary>
    private CustomerSummaries<string>? ReadPartitioned(
        ParseResult parse, CustomerSummaryOptions options, string path, CsvChunks chunks, int workers,
        IProgress<long>? progress, CancellationToken cancellationToken, out bool sawQuote)
    {
        var quoted = 0;
        IReadOnlyList<string> header;
        using (var headerReader = CsvReader.Open(path))
        {
            header = headerReader.Header;
            _ = RowParser(headerReader, parse); // a missing column is reported once, at the header
        }

        var count = chunks.Ranges.Count;
        var expectedCustomers = ExpectedCustomers(CsvChunks.EstimateRows(path, chunks.Ranges[0].Start, new FileInfo(path).Length - chunks.Ranges[0].Start), workers);
        var partitioned = new PartitionedSummaryReader(workers, _ => new CustomerSummaryAccumulator<string>(options, expectedCustomers), expectedCustomers,
            RadixRoundRows, RadixBucketBits);
        var failures = new Exception?[count];
        var stops = Enumerable.Range(0, count).Select(_ => CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)).ToArray();
        var rowsRead = 0L;
        var shared = progress is null ? null : new SynchronousProgress(rows => progress.Report(Interlocked.Add(ref rowsRead, rows)));
        try
        {
            PartitionedSummaryReader.RunConcurrently(workers, w =>
            {
                try
                {
                    // A failed range cancels every later one, so the first cancelled range ends this thread's work.
                    for (var r = w; r < count && !stops[r].IsCancellationRequested; r += workers)
                    {
                        try
                        {
                            var (start, length) = chunks.Ranges[r];
                            using var reader = CsvReader.OpenRange(path, start, length, header);
                            try
                            {
                                partitioned.Read(w, reader, RowParser(reader, parse), shared?.ForRange(), stops[r].Token);
                            }
                            finally
                            {
                                if (reader.SawQuote)
                                {
                                    Volatile.Write(ref quoted, 1);
                                }
                            }
                        }
                        catch (Exception e)
                        {
                            partitioned.Abandon();
                            failures[r] = e is CsvDataException data && data.Line != 0
                                ? new CsvDataException(data.File, chunks.FileLine(r, data.Line), data.Column, data.Reason)
                                : e;

                            // Later ranges stop; earlier ones go on, so the error reported is always the earliest line's.
                            for (var later = r + 1; later < stops.Length; later++)
                            {
                                stops[later].Cancel();
                            }
                        }
                    }
                }
                finally
                {
                    partitioned.Finish(w);
                }
            });
        }
        finally
        {
            partitioned.ReturnBuffers();
            foreach (var stop in stops)
            {
                stop.Dispose();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        sawQuote = !chunks.IsExact && Volatile.Read(ref quoted) != 0;
        if (sawQuote)
        {
            // A split point after the quote may lie inside a quoted field: the caller splits the file again.
            return null;
        }

        switch (failures.FirstOrDefault(f => f is not null and not OperationCanceledException))
        {
            case CsvDataException first:
                throw first;
            case PartitionedSummaryReader.LargeAmountException:
                return null;
            case { } other:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(other);
                break;
        }

        return partitioned.ToSummaries(options);
    }

    private static void Flush(OrderGroup group, Utf8KeyInterner interner, CustomerSummaryAccumulator<string> accumulator, string name, long rows)
    {
        try
        {
            group.Flush(interner, accumulator, rows);
        }
        catch (RetentionDataException e)
        {
            throw new CsvDataException(name, group.FailedLine, null, e.Reason);
        }
    }

    /// <summary>Reads every row of <paramref name="reader"/> into <paramref name="accumulator"/>; returns the number of rows.</summary>
    private long ReadInto(
        CsvReader reader, ParseResult parse, CustomerSummaryAccumulator<string> accumulator, int expectedCustomers,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var parser = RowParser(reader, parse);
        var interner = new Utf8KeyInterner(expectedCustomers);
        var group = new OrderGroup();
        var rows = 0L;
        while (reader.Read())
        {
            if (++rows % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(rows);
            }

            var id = parser.Parse(out var ticks, out var value, out _);
            try
            {
                // The key is only used to name the customer in an error, which the CLI reports by file and line.
                if (!accumulator.Admit(string.Empty, ticks, value, rows))
                {
                    continue;
                }
            }
            catch (RetentionDataException e)
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, null, e.Reason);
            }

            group.Add(id, Utf8KeyInterner.Hash(id), ticks, value, reader.LineNumber);
            if (group.IsFull)
            {
                Flush(group, interner, accumulator, reader.Name, rows);
            }
        }

        Flush(group, interner, accumulator, reader.Name, rows);
        progress?.Report(rows);
        return rows;
    }

    public long Read(CsvReader reader, ParseResult parse, OrderVisitor visit, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var row = RowParser(reader, parse);
        var pool = new Utf8StringPool();
        var rows = 0L;
        while (reader.Read())
        {
            var id = row.ParseFields(out var when, out var value, out _);
            try
            {
                visit(pool.Get(id), when, value, reader);
            }
            catch (RetentionDataException e)
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, null, e.Reason);
            }

            if (++rows % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(rows);
            }
        }

        return rows;
    }
}

/// <summary>
/// Counted rows waiting to be added in a group: the customer lookups of a whole group are started together, so their
/// cache misses overlap instead of being paid one row after another (memory-level parallelism).
/// </summary>
internal sealed class OrderGroup
{
    private const int Size = 32;
    private readonly ulong[] hashes = new ulong[Size];
    private readonly int[] indexes = new int[Size];
    private readonly bool[] added = new bool[Size];
    private readonly long[] ticks = new long[Size];
    private readonly decimal[] amounts = new decimal[Size];
    private readonly long[] lines = new long[Size];
    private readonly IdBuffer ids = new(Size, 16);
    private int count;

    public bool IsFull => count == Size;

    /// <summary>The line of the row whose update failed in the last <see cref="Flush"/>.</summary>
    public long FailedLine { get; private set; }

    /// <summary>Queues a row; <paramref name="hash"/> is the id's <see cref="Utf8KeyInterner.Hash"/>.</summary>
    public void Add(ReadOnlySpan<byte> id, ulong hash, long time, decimal amount, long line)
    {
        ids.Set(count, id);
        hashes[count] = hash;
        ticks[count] = time;
        amounts[count] = amount;
        lines[count] = line;
        count++;
    }

    /// <summary>Adds the waiting rows in their order: first every slot is read, then every state, then each is updated.</summary>
    /// <exception cref="RetentionDataException">A customer's spend overflows; <see cref="FailedLine"/> names the row.</exception>
    public long Flush(Utf8KeyInterner interner, CustomerSummaryAccumulator<string> accumulator, long position)
    {
        var touched = 0L;
        for (var i = 0; i < count; i++)
        {
            touched ^= interner.Touch(hashes[i]);
        }

        for (var i = 0; i < count; i++)
        {
            indexes[i] = interner.GetOrAdd(ids[i], hashes[i], out added[i]);
            // A customer first seen earlier in this group is added to the accumulator only in the loop below.
            if (!added[i] && indexes[i] < accumulator.CustomerCount)
            {
                touched ^= accumulator.TouchState(indexes[i]);
            }
        }

        for (var i = 0; i < count; i++)
        {
            FailedLine = lines[i];
            if (added[i])
            {
                accumulator.AddNew(Encoding.UTF8.GetString(ids[i]), ticks[i], amounts[i]);
            }
            else
            {
                accumulator.UpdateAt(indexes[i], ticks[i], amounts[i], position);
            }
        }

        count = 0;
        ids.Clear();
        return touched;
    }
}

/// <summary>Turns each range's running row count into increments of one shared total.</summary>
internal sealed class SynchronousProgress(Action<long> addRows)
{
    public IProgress<long> ForRange() => new RangeProgress(addRows);

    private sealed class RangeProgress(Action<long> addRows) : IProgress<long>
    {
        private long reported;

        public void Report(long value)
        {
            addRows(value - reported);
            reported = value;
        }
    }
}

/// <summary>Receives one order row; <paramref name="row"/> gives access to further columns.</summary>
internal delegate void OrderVisitor(string customer, FieldTime time, decimal amount, CsvReader row);
