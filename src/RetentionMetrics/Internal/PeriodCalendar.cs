using System.Runtime.CompilerServices;
using NodaTime;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Internal;

/// <summary>
/// Turns instants and dates into day numbers (days since 0001-01-01, as <see cref="DateOnly.DayNumber"/>) and day
/// numbers into period numbers, so the hot loops work on integers and never build calendar objects per record.
/// </summary>
internal static class PeriodCalendar
{
    public const long TicksPerDay = NodaConstants.TicksPerDay;

    /// <summary>The day number of 1970-01-01.</summary>
    public const int UnixEpochDayNumber = 719_162;

    public static readonly int MinimumDayNumber = DateOnly.MinValue.DayNumber;
    public static readonly int MaximumDayNumber = DateOnly.MaxValue.DayNumber;

    /// <summary>The latest local tick count that still falls on 9999-12-31.</summary>
    public static readonly long MaximumLocalTicks = (MaximumDayNumber + 1L) * TicksPerDay - 1;

    /// <summary>
    /// Local ticks since 0001-01-01T00:00 in <paramref name="zone"/>, or -1 when the instant falls outside years 1 to 9999.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LocalTicks(Instant instant, DateTimeZone zone, bool isUtc)
    {
        if (instant < MinimumInstant || instant > MaximumInstant)
        {
            return -1;
        }

        var offset = isUtc ? 0L : zone.GetUtcOffset(instant).Ticks;
        var ticks = instant.ToUnixTimeTicks() + offset + UnixEpochDayNumber * TicksPerDay;
        return ticks < 0 || ticks > MaximumLocalTicks ? -1 : ticks;
    }

    /// <summary>Local ticks at the start of <paramref name="date"/>, or -1 when the date falls outside years 1 to 9999.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LocalTicks(LocalDate date) =>
        date.Year < 1 ? -1 : date.ToDateOnly().DayNumber * TicksPerDay;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DayNumber(long localTicks) => (int)(localTicks / TicksPerDay);

    public static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    public static LocalDate DateOf(int dayNumber) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber));

    public static LocalDateTime DateTimeOf(long localTicks) =>
        DateOf(DayNumber(localTicks)).At(LocalTime.FromTicksSinceMidnight(localTicks % TicksPerDay));

    /// <summary>The period a day falls in: the day itself, its ISO week (day 0 was a Monday), or year × 12 + month − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PeriodOf(int dayNumber, PurchasePeriod period) => period switch
    {
        PurchasePeriod.Day => dayNumber,
        PurchasePeriod.Week => dayNumber / 7,
        _ => MonthIndex(DateOnly.FromDayNumber(dayNumber)),
    };

    /// <summary>The first day of a period number, the inverse of <see cref="PeriodOf"/> on period starts.</summary>
    public static LocalDate StartOf(int periodNumber, PurchasePeriod period) => period switch
    {
        PurchasePeriod.Day => DateOf(periodNumber),
        PurchasePeriod.Week => DateOf(periodNumber * 7),
        _ => new LocalDate(periodNumber / 12, periodNumber % 12 + 1, 1),
    };

    private static int MonthIndex(DateOnly date) => date.Year * 12 + date.Month - 1;

    private static readonly Instant MinimumInstant = Instant.FromUtc(1, 1, 2, 0, 0);
    private static readonly Instant MaximumInstant = Instant.FromUtc(9999, 12, 30, 0, 0);
}
