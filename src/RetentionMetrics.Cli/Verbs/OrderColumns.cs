using System.CommandLine;
using NodaTime;
using RetentionMetrics.Cli.Csv;

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
    /// Reads the orders on up to <paramref name="workers"/> cores when the input is a large file without quotes,
    /// one range of lines per worker; otherwise reads them in one pass. Each range gets its own visitor from
    /// <paramref name="visitorFor"/>, so workers share no state; the caller merges what the visitors built.
    /// </summary>
    /// <returns>The number of ranges read (visitors created).</returns>
    /// <exception cref="CsvDataException">A row cannot be read; the error of the earliest bad line is raised.</exception>
    public int ReadInParallel(ParseResult parse, int workers, Func<int, OrderVisitor> visitorFor, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(Input);
        var chunks = path is null ? null : CsvChunks.TrySplit(path, workers);
        if (chunks is null)
        {
            Read(parse, visitorFor(0), progress, cancellationToken);
            return 1;
        }

        IReadOnlyList<string> header;
        using (var headerReader = CsvReader.Open(path!))
        {
            header = headerReader.Header;
        }

        var visitors = Enumerable.Range(0, chunks.Ranges.Count).Select(visitorFor).ToArray();
        var failures = new Exception?[chunks.Ranges.Count];
        var stops = Enumerable.Range(0, chunks.Ranges.Count).Select(_ => CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)).ToArray();
        var rowsRead = 0L;
        var shared = progress is null ? null : new SynchronousProgress(rows => progress.Report(Interlocked.Add(ref rowsRead, rows)));
        try
        {
            Parallel.For(0, chunks.Ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
            {
                try
                {
                    var (start, length) = chunks.Ranges[i];
                    using var reader = CsvReader.OpenRange(path!, start, length, header);
                    Read(reader, parse, visitors[i], shared?.ForRange(), stops[i].Token);
                }
                catch (CsvDataException e)
                {
                    failures[i] = e.Line == 0 ? e : new CsvDataException(e.File, chunks.FileLine(i, e.Line), e.Column, e.Reason);

                    // Later ranges can stop; earlier ones go on, so the error reported is always the earliest line's.
                    for (var later = i + 1; later < stops.Length; later++)
                    {
                        stops[later].Cancel();
                    }
                }
                catch (OperationCanceledException e)
                {
                    failures[i] = e;
                }
            });
        }
        finally
        {
            foreach (var stop in stops)
            {
                stop.Dispose();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (failures.OfType<CsvDataException>().FirstOrDefault() is { } first)
        {
            throw first;
        }

        return chunks.Ranges.Count;
    }

    public long Read(CsvReader reader, ParseResult parse, OrderVisitor visit, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var customer = reader.Require(parse.GetRequiredValue(CustomerColumn), "--customer-column");
        var time = reader.Require(parse.GetRequiredValue(TimeColumn), "--time-column");
        var amount = reader.Require(parse.GetRequiredValue(AmountColumn), "--amount-column");
        var parsers = new FieldParsers(parse.GetValue(DateFormat), parse.GetRequiredValue(Zone));
        var pool = new Utf8StringPool();
        var rows = 0L;
        while (reader.Read())
        {
            var id = FieldParsers.Trim(reader.Field(customer));
            if (id.IsEmpty)
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[customer], "The customer id is empty.");
            }

            var timeText = reader.Field(time);
            if (!parsers.TryParseTime(timeText, out var when))
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[time],
                    $"{FieldParsers.Show(timeText)} is not a date{(parse.GetValue(DateFormat) is { } f ? $" in the format {f}" : " (expected yyyy-MM-dd or an ISO instant)")}.");
            }

            var amountText = reader.Field(amount);
            if (!FieldParsers.TryParseDecimal(amountText, out var value))
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[amount], $"{FieldParsers.Show(amountText)} is not a number.");
            }

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
