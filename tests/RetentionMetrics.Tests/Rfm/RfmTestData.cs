using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Tests.Rfm;

/// <summary>Customers described by their RFM inputs, turned into summaries through the real accumulator.</summary>
public static class RfmTestData
{
    public static readonly LocalDate AsOf = new(2024, 1, 31);

    /// <summary>One customer: days since the last purchase, transactions (all on the last day) and total spend.</summary>
    public readonly record struct Customer(string Id, int Days, int Transactions, decimal Total);

    /// <summary>
    /// The hand-worked example: ten customers, as of 2024-01-31.
    /// </summary>
    public static Customer[] TenCustomers { get; } =
    [
        new("c0", 1, 1, 10m),
        new("c1", 1, 1, 20m),
        new("c2", 5, 1, 20m),
        new("c3", 10, 2, 30m),
        new("c4", 10, 2, 40m),
        new("c5", 20, 3, 50m),
        new("c6", 30, 4, 60m),
        new("c7", 30, 4, 70m),
        new("c8", 60, 6, 80m),
        new("c9", 90, 9, 100m),
    ];

    /// <summary>Customers with small value ranges so ties are common.</summary>
    public static Gen<Customer[]> Customers { get; } =
        (from days in Gen.Choose(0, 40)
         from transactions in Gen.Choose(1, 6)
         from cents in Gen.Choose(0, 3_000)
         select (days, transactions, total: cents / 10m))
        .ArrayOf()
        .Select(rows => rows.Select((r, i) => new Customer($"k{i:D3}", r.days, r.transactions, r.total)).ToArray());

    public static Arbitrary<Customer[]> CustomerArrays { get; } = Arb.From(Customers);

    public static CustomerSummaryAccumulator<string> Accumulate(IEnumerable<Customer> customers, PurchasePeriod period = PurchasePeriod.Day)
    {
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = AsOf, Period = period });
        foreach (var c in customers)
        {
            AddTo(accumulator, c);
        }

        return accumulator;
    }

    public static CustomerSummaries<string> Summaries(IEnumerable<Customer> customers, PurchasePeriod period = PurchasePeriod.Day) =>
        Accumulate(customers, period).ToSummaries();

    /// <summary>Adds a customer's orders: all on the last day, one carrying the spend beyond 0.01 for each other order.</summary>
    public static void AddTo(CustomerSummaryAccumulator<string> accumulator, Customer c)
    {
        var day = AsOf.PlusDays(-c.Days);
        var small = Math.Min(0.01m, c.Total / c.Transactions);
        for (var t = 1; t < c.Transactions; t++)
        {
            accumulator.Add(c.Id, day, small);
        }

        accumulator.Add(c.Id, day, c.Total - small * (c.Transactions - 1));
    }
}
