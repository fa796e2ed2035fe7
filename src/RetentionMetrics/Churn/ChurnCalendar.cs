using System.Globalization;
using NodaTime;
using NodaTime.Calendars;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Churn;

/// <summary>Period numbers for <see cref="ChurnPeriod"/>: day numbers, ISO weeks, months and quarters as integers.</summary>
internal static class ChurnCalendar
{
    /// <summary>The period a day number falls in: the day, its ISO week (day 0 was a Monday), year × 12 + month − 1, or that ÷ 3.</summary>
    public static int PeriodOf(int dayNumber, ChurnPeriod period) => period switch
    {
        ChurnPeriod.Day => dayNumber,
        ChurnPeriod.Week => dayNumber / 7,
        ChurnPeriod.Month => MonthIndex(dayNumber),
        _ => MonthIndex(dayNumber) / 3,
    };

    /// <summary>The first day of a period number.</summary>
    public static LocalDate StartOf(int periodNumber, ChurnPeriod period) => period switch
    {
        ChurnPeriod.Day => PeriodCalendar.DateOf(periodNumber),
        ChurnPeriod.Week => PeriodCalendar.DateOf(periodNumber * 7),
        ChurnPeriod.Month => new LocalDate(periodNumber / 12, periodNumber % 12 + 1, 1),
        _ => new LocalDate(periodNumber / 4, periodNumber % 4 * 3 + 1, 1),
    };

    /// <summary>The period as text: yyyy-MM-dd, ISO week yyyy-Www, yyyy-MM or yyyy-Qn.</summary>
    public static string Label(LocalDate start, ChurnPeriod period) => period switch
    {
        ChurnPeriod.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ChurnPeriod.Week => string.Create(CultureInfo.InvariantCulture,
            $"{WeekYearRules.Iso.GetWeekYear(start):0000}-W{WeekYearRules.Iso.GetWeekOfWeekYear(start):00}"),
        ChurnPeriod.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start.Year:0000}-Q{(start.Month - 1) / 3 + 1}"),
    };

    /// <summary>The day number of an instant in a zone, or of a date; −1 when out of range.</summary>
    public static int DayOf(Instant instant, DateTimeZone zone)
    {
        var ticks = PeriodCalendar.LocalTicks(instant, zone, zone == DateTimeZone.Utc);
        return ticks < 0 ? -1 : PeriodCalendar.DayNumber(ticks);
    }

    /// <summary>The day number of a date; −1 when out of range.</summary>
    public static int DayOf(LocalDate date) => date.Year < 1 ? -1 : PeriodCalendar.DayNumber(date);

    public static void Validate(ChurnPeriod period, DateTimeZone? zone, LocalDate? asOf, string parameterName)
    {
        if (zone is null)
        {
            throw new ArgumentException("The options need a time zone.", parameterName);
        }

        if (!Enum.IsDefined(period))
        {
            throw new ArgumentException($"Unknown churn period {(int)period}.", parameterName);
        }

        if (asOf is { Year: < 1 or > 9999 })
        {
            throw new ArgumentException("The as-of date must fall in years 1 to 9999.", parameterName);
        }
    }

    private static int MonthIndex(int dayNumber)
    {
        var date = DateOnly.FromDayNumber(dayNumber);
        return date.Year * 12 + date.Month - 1;
    }
}
