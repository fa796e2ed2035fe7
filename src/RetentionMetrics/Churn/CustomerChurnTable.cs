using NodaTime;

namespace RetentionMetrics.Churn;

/// <summary>Customer churn and retention per period, from the first period with a record to the last reported one.</summary>
/// <remarks>Immutable; independent of the accumulator that made it. The rows are consecutive periods, oldest first.</remarks>
public sealed class CustomerChurnTable
{
    internal CustomerChurnTable(
        ChurnPeriod period, DateTimeZone zone, IReadOnlyList<CustomerChurnPeriod> rows,
        int customers, int repeatCustomers, long recordsRead, long recordsAfterAsOf)
    {
        Period = period;
        Zone = zone;
        Rows = rows;
        Customers = customers;
        RepeatCustomers = repeatCustomers;
        RecordsRead = recordsRead;
        RecordsAfterAsOf = recordsAfterAsOf;
    }

    /// <summary>The reporting period.</summary>
    public ChurnPeriod Period { get; }

    /// <summary>The time zone instants were placed in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>One row per period, oldest first, without gaps.</summary>
    public IReadOnlyList<CustomerChurnPeriod> Rows { get; }

    /// <summary>Distinct customers with a record up to the as-of date.</summary>
    public int Customers { get; }

    /// <summary>Customers with two or more records.</summary>
    public int RepeatCustomers { get; }

    /// <summary>Records read, including those after the as-of date.</summary>
    public long RecordsRead { get; }

    /// <summary>Records dated after the as-of date, left out.</summary>
    public long RecordsAfterAsOf { get; }

    /// <summary>Repeat purchase rate over the whole log: customers with two or more records ÷ customers; <see langword="null"/> without customers.</summary>
    public double? RepeatPurchaseRate => Customers == 0 ? null : (double)RepeatCustomers / Customers;
}
