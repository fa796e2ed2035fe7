using NodaTime;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// Reads the customer id, the time and the amount of an order row of a <see cref="CsvReader"/>, failing with the
/// row's file, line and column; the summary paths (one core or many) share it, so their messages are the same.
/// </summary>
internal sealed class OrderRowParser
{
    private readonly CsvReader reader;
    private readonly int customer;
    private readonly int time;
    private readonly int amount;
    private readonly FieldParsers parsers;
    private readonly string? dateFormat;
    private readonly DateTimeZone zone;
    private readonly bool isUtc;

    // The last time text read and its local ticks (texts of up to 40 bytes); the length is 0 until one is read.
    private readonly byte[] lastTimeText = new byte[40];
    private int lastTimeLength;
    private long lastTicks;

    /// <exception cref="CsvDataException">A column is missing from the header.</exception>
    public OrderRowParser(CsvReader reader, string customerColumn, string timeColumn, string amountColumn, string? dateFormat, DateTimeZone zone)
    {
        this.reader = reader;
        customer = reader.Require(customerColumn, "--customer-column");
        time = reader.Require(timeColumn, "--time-column");
        amount = reader.Require(amountColumn, "--amount-column");
        parsers = new FieldParsers(dateFormat, zone);
        this.dateFormat = dateFormat;
        this.zone = zone;
        isUtc = zone == DateTimeZone.Utc;
    }

    /// <summary>
    /// The current row's customer id (trimmed; a span of the reader's buffer, valid until the next read), its time as
    /// local ticks (−1 outside years 1 to 9999) and its amount; <paramref name="small"/> as
    /// <see cref="FieldParsers.TryParseDecimal(ReadOnlySpan{byte}, out decimal, out bool)"/>.
    /// </summary>
    /// <exception cref="CsvDataException">The row is short, the id is empty, or the time or amount cannot be read.</exception>
    public ReadOnlySpan<byte> Parse(out long ticks, out decimal value, out bool small)
    {
        var id = ParseId();
        var timeText = reader.Field(time);
        if (lastTimeLength > 0 && timeText.SequenceEqual(lastTimeText.AsSpan(0, lastTimeLength)))
        {
            // Order logs are mostly in time order, so a row's time text is often the previous row's.
            ticks = lastTicks;
        }
        else
        {
            var when = ParseTime(timeText);
            ticks = when.IsInstant ? PeriodCalendar.LocalTicks(when.Instant, zone, isUtc) : PeriodCalendar.LocalTicks(when.Date);
            if (timeText.Length <= lastTimeText.Length)
            {
                timeText.CopyTo(lastTimeText);
                lastTimeLength = timeText.Length;
                lastTicks = ticks;
            }
        }

        value = ParseAmount(out small);
        return id;
    }

    /// <summary>The current row's customer id (as in the other overload), its time as read, and its amount.</summary>
    /// <exception cref="CsvDataException">The row is short, the id is empty, or the time or amount cannot be read.</exception>
    public ReadOnlySpan<byte> ParseFields(out FieldTime when, out decimal value, out bool small)
    {
        var id = ParseId();
        when = ParseTime(reader.Field(time));
        value = ParseAmount(out small);
        return id;
    }

    private ReadOnlySpan<byte> ParseId()
    {
        var id = FieldParsers.Trim(reader.Field(customer));
        if (id.IsEmpty)
        {
            throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[customer], "The customer id is empty.");
        }

        return id;
    }

    private FieldTime ParseTime(ReadOnlySpan<byte> timeText)
    {
        if (!parsers.TryParseTime(timeText, out var when))
        {
            throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[time],
                $"{FieldParsers.Show(timeText)} is not a date{(dateFormat is { } f ? $" in the format {f}" : " (expected yyyy-MM-dd or an ISO instant)")}.");
        }

        return when;
    }

    private decimal ParseAmount(out bool small)
    {
        var amountText = reader.Field(amount);
        if (!FieldParsers.TryParseDecimal(amountText, out var value, out small))
        {
            throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[amount], $"{FieldParsers.Show(amountText)} is not a number.");
        }

        return value;
    }
}
