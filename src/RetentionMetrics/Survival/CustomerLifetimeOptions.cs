using NodaTime;

namespace RetentionMetrics.Survival;

/// <summary>How purchase records become customer lifetimes for survival analysis.</summary>
/// <remarks>
/// A customer's lifetime runs from the day of its first record to the day of its last record. The customer has
/// churned (an event) when the as-of date is on or after the last record's day plus <see cref="InactivityGap"/>;
/// otherwise it is still active and its lifetime is right-censored at the as-of date (time = as-of − first day).
/// Times are in days. A customer who lapsed for longer than the gap and came back counts as one lifetime through the
/// lapse. See <c>docs/cohorts.md</c>.
/// </remarks>
public sealed record CustomerLifetimeOptions
{
    /// <summary>The default options: a 90-day inactivity gap, UTC, as of the latest record.</summary>
    public static CustomerLifetimeOptions Default { get; } = new();

    /// <summary>How long without a record makes a customer churned. 90 days by default.</summary>
    public Period InactivityGap { get; init; } = Period.FromDays(90);

    /// <summary>The time zone an instant is placed in to find its calendar day. UTC by default.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>
    /// The last day observed, included; later records are left out. <see langword="null"/> (the default) means the
    /// day of the latest record.
    /// </summary>
    public LocalDate? AsOf { get; init; }

    internal void Validate(string parameterName)
    {
        if (Zone is null)
        {
            throw new ArgumentException("The options need a time zone.", parameterName);
        }

        var origin = new LocalDate(2000, 1, 1);
        if (InactivityGap is null || InactivityGap.HasTimeComponent || origin.Plus(InactivityGap) <= origin)
        {
            throw new ArgumentException(SurvivalErrorMessages.InactivityGapNotValid, parameterName);
        }

        if (AsOf is { Year: < 2 or > 9998 })
        {
            throw new ArgumentException("The as-of date must fall in years 2 to 9998.", parameterName);
        }
    }
}
