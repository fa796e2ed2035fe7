using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Cli.Csv;

/// <summary>A time read from a CSV field: a calendar date, or an instant when the text carried a time of day.</summary>
internal readonly record struct FieldTime(LocalDate Date, Instant Instant, bool IsInstant);

/// <summary>Parses CSV fields into typed values without building strings on the common paths.</summary>
internal sealed class FieldParsers
{
    private readonly LocalDatePattern? datePattern;
    private readonly bool compactDates;
    private readonly DateTimeZone zone;

    /// <param name="dateFormat">A NodaTime date pattern such as <c>yyyyMMdd</c>, or null for ISO dates and instants.</param>
    /// <param name="zone">The zone that local date-times without an offset are placed in.</param>
    public FieldParsers(string? dateFormat, DateTimeZone zone)
    {
        this.zone = zone;
        if (dateFormat is not null)
        {
            compactDates = dateFormat == "yyyyMMdd";
            datePattern = LocalDatePattern.CreateWithInvariantCulture(dateFormat);
        }
    }

    /// <summary>Parses a decimal amount such as <c>12.50</c> or <c>-3</c>.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        text = Trim(text);
        return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && text.Length > 0;
    }

    /// <summary>Parses a finite number (invariant culture).</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        text = Trim(text);
        return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && text.Length > 0 && double.IsFinite(value);
    }

    /// <summary>Parses a date (ISO <c>yyyy-MM-dd</c> or the configured pattern) or an ISO instant / local date-time.</summary>
    public bool TryParseTime(ReadOnlySpan<byte> text, out FieldTime time)
    {
        text = Trim(text);
        time = default;
        if (datePattern is not null)
        {
            if (compactDates && text.Length == 8 && TryDigits(text[..4], out var y) && TryDigits(text.Slice(4, 2), out var m) && TryDigits(text.Slice(6, 2), out var d))
            {
                return TryDate(y, m, d, out time);
            }

            var parsed = datePattern.Parse(Encoding.UTF8.GetString(text));
            if (parsed.Success)
            {
                time = new FieldTime(parsed.Value, default, false);
            }

            return parsed.Success;
        }

        if (text.Length == 10 && text[4] == (byte)'-' && text[7] == (byte)'-'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var day))
        {
            return TryDate(year, month, day, out time);
        }

        return TryParseDateTime(Encoding.UTF8.GetString(text), out time);
    }

    private bool TryParseDateTime(string text, out FieldTime time)
    {
        time = default;
        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (withOffset.Success)
        {
            time = new FieldTime(default, withOffset.Value.ToInstant(), true);
            return true;
        }

        var local = LocalDateTimePattern.ExtendedIso.Parse(text);
        if (local.Success)
        {
            time = new FieldTime(default, local.Value.InZoneLeniently(zone).ToInstant(), true);
            return true;
        }

        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success)
        {
            time = new FieldTime(date.Value, default, false);
        }

        return date.Success;
    }

    private static bool TryDate(int year, int month, int day, out FieldTime time)
    {
        time = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }

        time = new FieldTime(new LocalDate(year, month, day), default, false);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return true;
    }

    /// <summary>Removes spaces and tabs at both ends.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text) => text.Trim(" \t"u8);

    /// <summary>Quotes a field's text for an error message, shortened when long.</summary>
    public static string Show(ReadOnlySpan<byte> text)
    {
        var s = Encoding.UTF8.GetString(text);
        return s.Length > 40 ? string.Create(CultureInfo.InvariantCulture, $"'{s[..37]}...'") : $"'{s}'";
    }
}
