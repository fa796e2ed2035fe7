using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Cohorts;

/// <summary>The hand-worked example of docs/cohorts.md and small generated logs for the properties.</summary>
internal static class CohortTestData
{
    /// <summary>As of 30 April 2024: January to April are complete months.</summary>
    public static readonly LocalDate AsOf = new(2024, 4, 30);

    /// <summary>
    /// a: Jan 5 (10), Jan 20 (5), Feb 10 (20), Apr 1 (7) → January cohort, active at offsets 0, 1, 3.
    /// b: Jan 31 (30) → January, offset 0. c: Feb 15 (12), Mar 1 (8) → February, offsets 0, 1.
    /// d: Feb 28 (4), Apr 30 (6) → February, offsets 0, 2. e: Mar 10 (9) → March, offset 0.
    /// f: May 2 (100) → after the as-of date, left out.
    /// </summary>
    public static readonly (string Customer, LocalDate Date, decimal Amount)[] Example =
    [
        ("a", new LocalDate(2024, 1, 5), 10m),
        ("a", new LocalDate(2024, 1, 20), 5m),
        ("a", new LocalDate(2024, 2, 10), 20m),
        ("a", new LocalDate(2024, 4, 1), 7m),
        ("b", new LocalDate(2024, 1, 31), 30m),
        ("c", new LocalDate(2024, 2, 15), 12m),
        ("c", new LocalDate(2024, 3, 1), 8m),
        ("d", new LocalDate(2024, 2, 28), 4m),
        ("d", new LocalDate(2024, 4, 30), 6m),
        ("e", new LocalDate(2024, 3, 10), 9m),
        ("f", new LocalDate(2024, 5, 2), 100m),
    ];

    public static CohortAccumulator<string> Accumulate(CohortOptions options, IEnumerable<(string Customer, LocalDate Date, decimal Amount)> records)
    {
        var accumulator = new CohortAccumulator<string>(options);
        foreach (var (customer, date, amount) in records)
        {
            accumulator.Add(customer, date, amount);
        }

        return accumulator;
    }

    /// <summary>Generated orders (8 customers, 400 days from 2024-01-01) end before this date, which closes a quarter.</summary>
    public static readonly LocalDate GeneratedAsOf = new(2025, 3, 31);

    public static CohortOptions Generated(CohortPeriod period = CohortPeriod.Month) =>
        new() { Period = period, AsOf = GeneratedAsOf };

    public static Arbitrary<CohortPeriod> Periods { get; } = Arb.From(Gen.Elements(CohortPeriod.Day, CohortPeriod.Week, CohortPeriod.Month, CohortPeriod.Quarter));

    /// <summary>A group derived from the order, so customers can change group from one order to the next.</summary>
    public static string GroupOf(Order order) => order.Amount > 250m ? "large" : "small";

    public static CohortAccumulator<string> Accumulate(CohortOptions options, IEnumerable<Order> orders, bool grouped = false)
    {
        var accumulator = new CohortAccumulator<string>(options);
        foreach (var order in orders)
        {
            accumulator.Add(order.CustomerId, order.Time, order.Amount, grouped ? GroupOf(order) : null);
        }

        return accumulator;
    }

    public static Arbitrary<Order[]> Logs => OrderGenerators.LogsWithRefunds;
}
