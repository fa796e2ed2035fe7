using NodaTime;

namespace RetentionMetrics.Churn;

/// <summary>MRR movements per period, from the period of the first subscription change to the last reported one.</summary>
/// <remarks>Immutable; independent of the accumulator that made it. The rows are consecutive periods, oldest first.</remarks>
public sealed class MrrMovementTable
{
    internal MrrMovementTable(ChurnPeriod period, DateTimeZone zone, MrrMovementMode mode, IReadOnlyList<MrrMovementPeriod> rows,
        int customers, long changesRead, long changesAfterAsOf)
    {
        Period = period;
        Zone = zone;
        Mode = mode;
        Rows = rows;
        Customers = customers;
        ChangesRead = changesRead;
        ChangesAfterAsOf = changesAfterAsOf;
    }

    /// <summary>The reporting period.</summary>
    public ChurnPeriod Period { get; }

    /// <summary>The time zone instants were placed in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>How changes became movements.</summary>
    public MrrMovementMode Mode { get; }

    /// <summary>One row per period, oldest first, without gaps.</summary>
    public IReadOnlyList<MrrMovementPeriod> Rows { get; }

    /// <summary>Distinct customers with a change up to the as-of date.</summary>
    public int Customers { get; }

    /// <summary>Subscription changes read, including those after the as-of date.</summary>
    public long ChangesRead { get; }

    /// <summary>Changes dated after the as-of date, left out.</summary>
    public long ChangesAfterAsOf { get; }
}
