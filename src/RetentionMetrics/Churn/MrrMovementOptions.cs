using NodaTime;

namespace RetentionMetrics.Churn;

/// <summary>How subscription changes become per-period MRR movements: period, zone, movement mode and as-of date.</summary>
/// <remarks>See <c>docs/churn.md</c> for the definitions, which follow ChartMogul's published ones.</remarks>
public sealed record MrrMovementOptions
{
    /// <summary>The default options: calendar months in UTC, period-end comparison, no as-of date.</summary>
    public static MrrMovementOptions Default { get; } = new();

    /// <summary>The reporting period. <see cref="ChurnPeriod.Month"/> by default.</summary>
    public ChurnPeriod Period { get; init; } = ChurnPeriod.Month;

    /// <summary>The time zone an instant is placed in to find its calendar day. UTC by default.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>How changes become movements. <see cref="MrrMovementMode.PeriodEnd"/> by default.</summary>
    public MrrMovementMode Mode { get; init; } = MrrMovementMode.PeriodEnd;

    /// <summary>
    /// The last day reported: the table ends with the period holding it and later changes are left out.
    /// <see langword="null"/> (the default) ends the table with the period of the latest change.
    /// </summary>
    public LocalDate? AsOf { get; init; }

    internal void Validate(string parameterName)
    {
        ChurnCalendar.Validate(Period, Zone, AsOf, parameterName);
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"Unknown MRR movement mode {(int)Mode}.", parameterName);
        }
    }
}
