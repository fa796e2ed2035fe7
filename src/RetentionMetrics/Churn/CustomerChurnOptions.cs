using NodaTime;

namespace RetentionMetrics.Churn;

/// <summary>How purchase or activity records become a per-period customer churn table: periods, zone, activity rule.</summary>
/// <remarks>
/// A customer is <i>active in a period</i> when they have a record in it, or — with an <see cref="InactivityWindow"/> of
/// W days — when their latest record up to the period's last day falls on one of the W days ending with that day.
/// See <c>docs/churn.md</c>.
/// </remarks>
public sealed record CustomerChurnOptions
{
    /// <summary>The default options: calendar months in UTC, active means a record in the period, no as-of date.</summary>
    public static CustomerChurnOptions Default { get; } = new();

    /// <summary>The reporting period. <see cref="ChurnPeriod.Month"/> by default.</summary>
    public ChurnPeriod Period { get; init; } = ChurnPeriod.Month;

    /// <summary>The time zone an instant is placed in to find its calendar day. UTC by default.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>
    /// How long a customer stays active after a record, in days and weeks only (months vary in length).
    /// <see langword="null"/> (the default) means a customer is active only in periods with a record of theirs.
    /// </summary>
    public Period? InactivityWindow { get; init; }

    /// <summary>
    /// The last day reported: the table ends with the period holding it and later records are left out.
    /// <see langword="null"/> (the default) ends the table with the period of the latest record.
    /// </summary>
    public LocalDate? AsOf { get; init; }

    /// <summary>The inactivity window in days, or 0 when there is none.</summary>
    internal int WindowDays => InactivityWindow is { } w ? (int)Math.Min(int.MaxValue, w.Days + 7L * w.Weeks) : 0;

    internal void Validate(string parameterName)
    {
        ChurnCalendar.Validate(Period, Zone, AsOf, parameterName);
        if (InactivityWindow is { } window)
        {
            if (window.Years != 0 || window.Months != 0 || window.HasTimeComponent)
            {
                throw new ArgumentException("The inactivity window must be given in days or weeks, such as Period.FromDays(90).", parameterName);
            }

            if (window.Days + 7L * window.Weeks < 1)
            {
                throw new ArgumentException("The inactivity window must be at least one day.", parameterName);
            }
        }
    }
}
