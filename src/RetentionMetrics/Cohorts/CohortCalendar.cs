using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using NodaTime.Calendars;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Cohorts;

/// <summary>Period numbers for cohort periods over day numbers (see <see cref="PeriodCalendar"/>), with quarters.</summary>
internal static class CohortCalendar
{
    // Month index (year × 12 + month − 1) of every day from 1900-01-01 to 2199-12-31, so the hot loop looks a month
    // up instead of building a date: 110 thousand ints, about 430 KB.
    private static readonly int TableStart = new DateOnly(1900, 1, 1).DayNumber;
    private static readonly int[] MonthTable = BuildMonthTable();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PeriodOf(int dayNumber, CohortPeriod period) => period switch
    {
        CohortPeriod.Day => dayNumber,
        CohortPeriod.Week => dayNumber / 7,
        CohortPeriod.Month => MonthOf(dayNumber),
        _ => MonthOf(dayNumber) / 3,
    };

    public static LocalDate StartOf(int periodNumber, CohortPeriod period) => period switch
    {
        CohortPeriod.Day => PeriodCalendar.DateOf(periodNumber),
        CohortPeriod.Week => PeriodCalendar.DateOf(periodNumber * 7),
        CohortPeriod.Month => new LocalDate(periodNumber / 12, periodNumber % 12 + 1, 1),
        _ => new LocalDate(periodNumber / 4, periodNumber % 4 * 3 + 1, 1),
    };

    /// <summary>The last period that has ended on or before <paramref name="asOfDay"/>.</summary>
    public static int LastCompletePeriod(int asOfDay, CohortPeriod period) => PeriodOf(asOfDay + 1, period) - 1;

    public static string Label(int periodNumber, CohortPeriod period)
    {
        var start = StartOf(periodNumber, period);
        return period switch
        {
            CohortPeriod.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CohortPeriod.Week => string.Create(CultureInfo.InvariantCulture,
                $"{WeekYearRules.Iso.GetWeekYear(start):0000}-W{WeekYearRules.Iso.GetWeekOfWeekYear(start):00}"),
            CohortPeriod.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => string.Create(CultureInfo.InvariantCulture, $"{start.Year:0000}-Q{periodNumber % 4 + 1}"),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MonthOf(int dayNumber)
    {
        var i = (uint)(dayNumber - TableStart);
        if (i < (uint)MonthTable.Length)
        {
            return MonthTable[i];
        }

        var date = DateOnly.FromDayNumber(dayNumber);
        return date.Year * 12 + date.Month - 1;
    }

    private static int[] BuildMonthTable()
    {
        var end = new DateOnly(2200, 1, 1).DayNumber;
        var table = new int[end - TableStart];
        for (var day = TableStart; day < end; day++)
        {
            var date = DateOnly.FromDayNumber(day);
            table[day - TableStart] = date.Year * 12 + date.Month - 1;
        }

        return table;
    }
}
