using NodaTime;

namespace RetentionMetrics.Customers;

/// <summary>How purchase records become per-customer summaries: periods, time zone, as-of date and refunds.</summary>
/// <remarks>
/// The defaults follow <c>lifetimes</c>' <c>summary_data_from_transaction_data</c> with <c>freq="D"</c>: purchases are
/// grouped by calendar day in UTC and the as-of date is the day after the latest purchase.
/// See <c>docs/summaries.md</c>.
/// </remarks>
public sealed record CustomerSummaryOptions
{
    /// <summary>The default options: days, UTC, as-of the day after the latest purchase, refunds subtracted.</summary>
    public static CustomerSummaryOptions Default { get; } = new();

    /// <summary>The calendar period that purchases are grouped by. Day by default.</summary>
    public PurchasePeriod Period { get; init; } = PurchasePeriod.Day;

    /// <summary>The time zone an instant is placed in to find its calendar day. UTC by default.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>
    /// The end of observation: <c>T</c> is measured up to this date, and records dated after it are left out (and
    /// counted in <see cref="CustomerSummaries{TKey}.RecordsAfterAsOf"/>). This is the calibration end of a
    /// calibration/holdout split. <see langword="null"/> (the default) means the day after the latest record.
    /// </summary>
    public LocalDate? AsOf { get; init; }

    /// <summary>What a negative amount means. <see cref="RefundPolicy.Subtract"/> by default.</summary>
    public RefundPolicy Refunds { get; init; } = RefundPolicy.Subtract;

    /// <summary>How many workers the in-memory parallel paths use. <see langword="null"/> (the default) means one per core.</summary>
    public int? MaximumDegreeOfParallelism { get; init; }

    internal int Workers => MaximumDegreeOfParallelism ?? Environment.ProcessorCount;

    internal void Validate(string parameterName)
    {
        if (Zone is null)
        {
            throw new ArgumentException("The options need a time zone.", parameterName);
        }

        if (!Enum.IsDefined(Period))
        {
            throw new ArgumentException($"Unknown purchase period {(int)Period}.", parameterName);
        }

        if (!Enum.IsDefined(Refunds))
        {
            throw new ArgumentException($"Unknown refund policy {(int)Refunds}.", parameterName);
        }

        if (MaximumDegreeOfParallelism is < 1)
        {
            throw new ArgumentException("The maximum degree of parallelism must be at least 1.", parameterName);
        }

        if (AsOf is { Year: < 1 or > 9999 })
        {
            throw new ArgumentException("The as-of date must fall in years 1 to 9999.", parameterName);
        }
    }
}
