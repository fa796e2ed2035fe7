using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using NodaTime;
using NodaTime.Text;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Functions;

/// <summary>Reads orders CSV text (a blob, a request body, queue messages) as an <see cref="IAsyncEnumerable{T}"/> of <see cref="Order"/>.</summary>
/// <remarks>
/// Streams: one buffer of the input at a time, so a blob of any size is read in constant memory. The header names
/// the columns <c>customer_id</c>, <c>time</c> (an ISO instant such as <c>2024-05-01T10:30:00Z</c>, or a date,
/// read as the start of that day in UTC) and <c>amount</c>; other columns are ignored; fields are not quoted.
/// </remarks>
public static class OrderCsv
{
    /// <summary>The error when the input has no header line.</summary>
    public const string MissingHeader = "The input is empty; expected a header line naming customer_id, time and amount.";

    /// <summary>The error when a header lacks a column; {0} is the column.</summary>
    public const string MissingColumn = "The header has no column '{0}'.";

    /// <summary>The error when a row has too few fields; {0} is the count expected, {1} the count found.</summary>
    public const string WrongFieldCount = "Expected {0} fields, found {1}.";

    /// <summary>The error when a time cannot be read; {0} is the text.</summary>
    public const string BadTime = "'{0}' is not an ISO instant or date.";

    /// <summary>The error when an amount cannot be read; {0} is the text.</summary>
    public const string BadAmount = "'{0}' is not an amount.";

    /// <summary>Reads the orders of a stream, such as a blob opened by a blob trigger.</summary>
    /// <param name="csv">The CSV text, UTF-8.</param>
    /// <param name="cancellationToken">Stops the read; the host signals it when the function is shut down or times out.</param>
    /// <returns>The orders in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    public static IAsyncEnumerable<Order> ReadAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return ReadAsync(PipeReader.Create(csv, new StreamPipeReaderOptions(leaveOpen: true)), cancellationToken);
    }

    /// <summary>Reads the orders of a pipe, such as an HTTP request body.</summary>
    /// <remarks>
    /// Streams. The reader is completed when the enumeration ends. A row that cannot be read stops the read with a
    /// <see cref="RetentionDataException"/> whose position is the 1-based line number.
    /// </remarks>
    /// <param name="csv">The CSV text, UTF-8.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The orders in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    public static IAsyncEnumerable<Order> ReadAsync(PipeReader csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return Iterate(csv, cancellationToken);

        // snippet: functions-read-pipe
        static async IAsyncEnumerable<Order> Iterate(PipeReader csv, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var parser = new LineParser();
            var batch = new List<Order>();
            try
            {
                while (true)
                {
                    var result = await csv.ReadAsync(cancellationToken).ConfigureAwait(false);
                    var buffer = result.Buffer;
                    while (TryReadLine(ref buffer, out var line))
                    {
                        parser.Add(Encoding.UTF8.GetString(line), batch);
                    }

                    if (result.IsCompleted && !buffer.IsEmpty)
                    {
                        parser.Add(Encoding.UTF8.GetString(buffer), batch);
                        buffer = buffer.Slice(buffer.End);
                    }

                    csv.AdvanceTo(buffer.Start, buffer.End);
                    foreach (var order in batch)
                    {
                        yield return order;
                    }

                    batch.Clear();
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }

                parser.Finish();
            }
            finally
            {
                await csv.CompleteAsync().ConfigureAwait(false);
            }
        }
        // end-snippet
    }

    /// <summary>Reads orders from queue messages, each one CSV row <c>customer_id,time,amount</c> without a header.</summary>
    /// <remarks>Streams: each message is parsed as it arrives.</remarks>
    /// <param name="messages">The message bodies.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>One order per message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    public static IAsyncEnumerable<Order> ReadMessagesAsync(IAsyncEnumerable<string> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Iterate(messages, cancellationToken);

        static async IAsyncEnumerable<Order> Iterate(IAsyncEnumerable<string> messages, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var parser = new LineParser();
            parser.Add("customer_id,time,amount", []);
            var one = new List<Order>(1);
            await foreach (var message in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                parser.Add(message.TrimEnd('\r', '\n'), one);
                foreach (var order in one)
                {
                    yield return order;
                }

                one.Clear();
            }
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return true;
    }

    private sealed class LineParser
    {
        private long lineNumber;
        private int fieldCount;
        private int customer = -1;
        private int time = -1;
        private int amount = -1;

        public void Add(string line, List<Order> orders)
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (fieldCount == 0)
            {
                if (line.Length == 0)
                {
                    throw new RetentionDataException(MissingHeader, null, lineNumber);
                }

                var names = line.Split(',');
                fieldCount = names.Length;
                customer = Column(names, "customer_id");
                time = Column(names, "time");
                amount = Column(names, "amount");
                return;
            }

            if (line.Length == 0)
            {
                return;
            }

            var fields = line.Split(',');
            if (fields.Length != fieldCount)
            {
                throw new RetentionDataException(Format(WrongFieldCount, fieldCount, fields.Length), fields[0], lineNumber);
            }

            var id = fields[customer];
            orders.Add(new Order(id, ParseTime(fields[time], id), ParseAmount(fields[amount], id)));
        }

        public void Finish()
        {
            if (fieldCount == 0)
            {
                throw new RetentionDataException(MissingHeader, null, Math.Max(lineNumber, 1));
            }
        }

        private int Column(string[] names, string name)
        {
            var index = Array.IndexOf(names, name);
            return index >= 0 ? index : throw new RetentionDataException(Format(MissingColumn, name), null, lineNumber);
        }

        private Instant ParseTime(string text, string id)
        {
            var instant = InstantPattern.ExtendedIso.Parse(text);
            if (instant.Success)
            {
                return instant.Value;
            }

            var date = LocalDatePattern.Iso.Parse(text);
            return date.Success
                ? date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()
                : throw new RetentionDataException(Format(BadTime, text), id, lineNumber);
        }

        private decimal ParseAmount(string text, string id) =>
            decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new RetentionDataException(Format(BadAmount, text), id, lineNumber);

        private static string Format(string format, params object[] values) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, format, values);
    }
}
