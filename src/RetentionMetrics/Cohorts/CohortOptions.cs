using NodaTime;

namespace RetentionMetrics.Cohorts;

/// <summary>How records become a cohort table: period, time zone, as-of date, measure and columns.</summary>
/// <remarks>
/// The defaults give the classic monthly retention chart: cohorts by calendar month of first activity in UTC, N-period
/// retention per month offset, as of the latest record, with the partial last month marked unobservable.
/// See <c>docs/cohorts.md</c>.
/// </remarks>
public sealed record CohortOptions
{
    /// <summary>The default options: months, UTC, retention, as of the latest record.</summary>
    public static CohortOptions Default { get; } = new();

    /// <summary>The period of acquisition and of offsets. <see cref="CohortPeriod.Month"/> by default.</summary>
    public CohortPeriod Period { get; init; } = CohortPeriod.Month;

    /// <summary>The time zone an instant is placed in to find its calendar day. UTC by default.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>
    /// The last day observed, included: records dated after it are left out, and cells whose period ends after it
    /// are unobservable. <see langword="null"/> (the default) means the day of the latest record.
    /// </summary>
    public LocalDate? AsOf { get; init; }

    /// <summary>What the cells hold. <see cref="CohortMeasure.Retention"/> by default.</summary>
    public CohortMeasure Measure { get; init; } = CohortMeasure.Retention;

    /// <summary>
    /// Custom columns, such as offsets 0, 1–7, 8–30 and 31–90 of daily cohorts, in increasing order of their first
    /// offset. <see langword="null"/> (the default) means one column per offset.
    /// </summary>
    public IReadOnlyList<OffsetBracket>? Brackets { get; init; }

    /// <summary>
    /// Whether a period that has started but not ended by the as-of date counts as observable. <see langword="false"/>
    /// by default, so the right edge of the table is never biased downward by a partly observed period.
    /// </summary>
    public bool IncludePartialPeriods { get; init; }

    /// <summary>
    /// Whether revenue is kept per customer and period (needed by <see cref="CohortMeasure.Revenue"/> and
    /// <see cref="CohortMeasure.CumulativeRevenuePerCustomer"/>). <see langword="true"/> by default; turn it off to
    /// count customers only, faster and in less memory.
    /// </summary>
    public bool TrackRevenue { get; init; } = true;

    /// <summary>The last offset shown when there are no brackets. <see langword="null"/> (the default) shows all.</summary>
    public int? MaximumOffset { get; init; }

    /// <summary>How many workers the in-memory parallel path uses. <see langword="null"/> (the default) means one per core.</summary>
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
            throw new ArgumentException($"Unknown cohort period {(int)Period}.", parameterName);
        }

        if (!Enum.IsDefined(Measure))
        {
            throw new ArgumentException($"Unknown cohort measure {(int)Measure}.", parameterName);
        }

        if (MaximumDegreeOfParallelism is < 1)
        {
            throw new ArgumentException("The maximum degree of parallelism must be at least 1.", parameterName);
        }

        if (MaximumOffset is < 0)
        {
            throw new ArgumentException("The maximum offset must not be negative.", parameterName);
        }

        if (AsOf is { Year: < 2 or > 9998 })
        {
            throw new ArgumentException("The as-of date must fall in years 2 to 9998.", parameterName);
        }

        if (Brackets is { } brackets)
        {
            if (brackets.Count == 0)
            {
                throw new ArgumentException(CohortErrorMessages.BracketsOutOfOrder, parameterName);
            }

            for (var i = 1; i < brackets.Count; i++)
            {
                if (brackets[i].From <= brackets[i - 1].From)
                {
                    throw new ArgumentException(CohortErrorMessages.BracketsOutOfOrder, parameterName);
                }
            }
        }
    }
}
