using System.Runtime.CompilerServices;
using NodaTime;

namespace RetentionMetrics.Internal;

/// <summary>
/// Reads a record's time as local ticks since 0001-01-01 (−1 when out of range). A struct implementation per time
/// type lets the generic hot loops specialise instead of branching on the time type per record.
/// </summary>
internal interface ILocalTicks<in T>
{
    long Of(T record);
}

internal readonly struct InstantTicks<T>(Func<T, Instant> time, DateTimeZone zone) : ILocalTicks<T>
{
    private readonly bool isUtc = zone == DateTimeZone.Utc;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Of(T record) => PeriodCalendar.LocalTicks(time(record), zone, isUtc);
}

internal readonly struct DateTicks<T>(Func<T, LocalDate> date) : ILocalTicks<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Of(T record) => PeriodCalendar.LocalTicks(date(record));
}
