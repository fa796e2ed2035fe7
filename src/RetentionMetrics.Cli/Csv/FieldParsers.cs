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
        return TryParsePlainDecimal(text, out value)
            || (Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && text.Length > 0);
    }

    /// <summary>
    /// As <see cref="TryParseDecimal(ReadOnlySpan{byte}, out decimal)"/>; <paramref name="small"/> says the amount is
    /// below 10^18 in size, so that fewer than 79 billion of them cannot overflow a decimal sum in any order.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out decimal value, out bool small)
    {
        text = Trim(text);
        if (TryParsePlainDecimal(text, out value))
        {
            small = true;
            return true;
        }

        var parsed = Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && text.Length > 0;
        small = value is < SmallAmountLimit and > -SmallAmountLimit;
        return parsed;
    }

    /// <summary>The size below which <see cref="TryParseDecimal(ReadOnlySpan{byte}, out decimal, out bool)"/> calls an amount small.</summary>
    internal const decimal SmallAmountLimit = 1_000_000_000_000_000_000m;

    /// <summary>
    /// The common amount shape, <c>-?digits(.digits)?</c> with at most 18 digits and not zero, read straight into
    /// a decimal with the written scale (so <c>1.50</c> keeps its two places, as the general parser does); false
    /// for anything else, which the general parser then reads.
    /// </summary>
    internal static bool TryParsePlainDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        var digits = 0;
        var scale = 0;
        var number = 0L;
        var seenPoint = false;
        var digitsBeforePoint = 0;
        for (; i < text.Length; i++)
        {
            var b = text[i];
            var digit = b - (byte)'0';
            if (unchecked((uint)digit) <= 9)
            {
                if (++digits > 18)
                {
                    return false;
                }

                number = (number * 10) + digit;
                if (seenPoint)
                {
                    scale++;
                }
                else
                {
                    digitsBeforePoint++;
                }
            }
            else if (b == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }

        if (digits is 0 or > 18 || digitsBeforePoint == 0 || (seenPoint && scale == 0) || number == 0)
        {
            return false;
        }

        value = new decimal(unchecked((int)(uint)number), unchecked((int)(uint)(number >> 32)), 0, negative, (byte)scale);
        return true;
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
            if (unchecked((uint)digit) > 9)
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
