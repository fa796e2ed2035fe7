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
        var id = ParseFields(out var when, out value, out small);
        ticks = when.IsInstant ? PeriodCalendar.LocalTicks(when.Instant, zone, isUtc) : PeriodCalendar.LocalTicks(when.Date);
        return id;
    }

    /// <summary>The current row's customer id (as in the other overload), its time as read, and its amount.</summary>
    /// <exception cref="CsvDataException">The row is short, the id is empty, or the time or amount cannot be read.</exception>
    public ReadOnlySpan<byte> ParseFields(out FieldTime when, out decimal value, out bool small)
    {
        var id = FieldParsers.Trim(reader.Field(customer));
        if (id.IsEmpty)
        {
            throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[customer], "The customer id is empty.");
        }

        var timeText = reader.Field(time);
        if (!parsers.TryParseTime(timeText, out when))
        {
            throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[time],
                $"{FieldParsers.Show(timeText)} is not a date{(dateFormat is { } f ? $" in the format {f}" : " (expected yyyy-MM-dd or an ISO instant)")}.");
        }

        var amountText = reader.Field(amount);
        if (!FieldParsers.TryParseDecimal(amountText, out value, out small))
        {
            throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[amount], $"{FieldParsers.Show(amountText)} is not a number.");
        }

        return id;
    }
}
