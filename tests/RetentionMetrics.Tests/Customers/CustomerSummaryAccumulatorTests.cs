using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Customers;

public class CustomerSummaryAccumulatorTests
{
    private static readonly CustomerSummaryOptions Options = new() { AsOf = new LocalDate(2025, 3, 1) };

    [Fact]
    public void ToSummaries_WorkedExample_MatchesHandCalculation()
    {
        // Customer a buys on 1 Jan (10 + 5, one day), 11 Jan (20) and 31 Jan (40); as of 10 Feb.
        // Distinct days 3 → frequency 2; recency 30 days; T 40 days; monetary (20 + 40) / 2 = 30.
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new LocalDate(2024, 2, 10) });
        accumulator.Add("a", new LocalDate(2024, 1, 1), 10m);
        accumulator.Add("a", new LocalDate(2024, 1, 31), 40m);
        accumulator.Add("a", new LocalDate(2024, 1, 1), 5m);
        accumulator.Add("a", new LocalDate(2024, 1, 11), 20m);
        accumulator.Add("b", new LocalDate(2024, 2, 1), 7m);

        var summaries = accumulator.ToSummaries();

        Assert.True(summaries.TryGet("a", out var a));
        Assert.Equal(new CustomerSummary<string>("a", 4, 75m, new LocalDateTime(2024, 1, 1, 0, 0), new LocalDateTime(2024, 1, 31, 0, 0), 2, 30, 40, 30m), a);
        Assert.True(summaries.TryGet("b", out var b));
        Assert.Equal((0, 0, 9, 0m), (b.Frequency, b.Recency, b.T, b.MonetaryValue));
    }

    [Fact]
    public void ToSummaries_WeeksAndMonths_CountCalendarPeriods()
    {
        // 2024-01-01 is a Monday. Purchases on Mon 1 Jan, Sun 7 Jan (same ISO week), Mon 8 Jan, Wed 31 Jan, Thu 1 Feb.
        // Weeks: {W1, W1, W2, W5, W5} → 3 distinct weeks, frequency 2, recency 4 weeks; as of Mon 19 Feb (week 8): T 7.
        // Months: {Jan ×4, Feb} → frequency 1, recency 1, T 1; monetary = Feb spend 5.
        var dates = new[] { new LocalDate(2024, 1, 1), new LocalDate(2024, 1, 7), new LocalDate(2024, 1, 8), new LocalDate(2024, 1, 31), new LocalDate(2024, 2, 1) };
        var week = Summarise(dates, PurchasePeriod.Week);
        var month = Summarise(dates, PurchasePeriod.Month);

        Assert.Equal((2, 4, 7), (week.Frequency, week.Recency, week.T));
        Assert.Equal((1, 1, 1, 5m), (month.Frequency, month.Recency, month.T, month.MonetaryValue));

        static CustomerSummary<int> Summarise(LocalDate[] dates, PurchasePeriod period)
        {
            var accumulator = new CustomerSummaryAccumulator<int>(new CustomerSummaryOptions { Period = period, AsOf = new LocalDate(2024, 2, 19) });
            foreach (var date in dates)
            {
                accumulator.Add(1, date, 5m);
            }

            return accumulator.ToSummaries()[0];
        }
    }

    [Fact]
    public void Add_InstantNearMidnight_FallsOnTheDayOfTheZone()
    {
        // 2024-03-01T23:30Z is already 2 March in Paris (UTC+1): a purchase on 1 March in Paris plus this one make two days.
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { Zone = paris, AsOf = new LocalDate(2024, 3, 10) });
        accumulator.Add("a", Instant.FromUtc(2024, 3, 1, 10, 0), 1m);
        accumulator.Add("a", Instant.FromUtc(2024, 3, 1, 23, 30), 1m);

        var summary = accumulator.ToSummaries()[0];

        Assert.Equal(1, summary.Frequency);
        Assert.Equal(new LocalDateTime(2024, 3, 2, 0, 30), summary.LastPurchase);
    }

    [Fact]
    public void ToSummaries_NoAsOf_UsesTheDayAfterTheLatestRecord()
    {
        var accumulator = new CustomerSummaryAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 1), 1m);
        accumulator.Add("b", new LocalDate(2024, 1, 5), 1m);

        var summaries = accumulator.ToSummaries();

        Assert.Equal(new LocalDate(2024, 1, 6), summaries.AsOf);
        Assert.True(summaries.TryGet("a", out var a));
        Assert.Equal(5, a.T);
    }

    [Fact]
    public void ToSummaries_Empty_HasNoAsOfAndNoCustomers()
    {
        var summaries = new CustomerSummaryAccumulator<string>().ToSummaries();

        Assert.Empty(summaries);
        Assert.Null(summaries.AsOf);
    }

    [Fact]
    public void Add_AfterAsOf_IsLeftOutAndCounted()
    {
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = new LocalDate(2024, 1, 31) });
        accumulator.Add("a", new LocalDate(2024, 1, 31), 10m);
        accumulator.Add("a", new LocalDate(2024, 2, 1), 99m);

        var summaries = accumulator.ToSummaries();

        Assert.Equal((2L, 1L), (summaries.RecordsRead, summaries.RecordsAfterAsOf));
        Assert.Equal(10m, summaries[0].TotalSpend);
    }

    [Fact]
    public void Add_RefundUnderSubtract_LowersSpendAndCountsAsATransaction()
    {
        var accumulator = new CustomerSummaryAccumulator<string>(Options);
        accumulator.Add("a", new LocalDate(2024, 1, 1), 30m);
        accumulator.Add("a", new LocalDate(2024, 1, 2), -10m);

        var summary = accumulator.ToSummaries()[0];

        Assert.Equal((2, 20m, 1, -10m), (summary.Transactions, summary.TotalSpend, summary.Frequency, summary.MonetaryValue));
    }

    [Fact]
    public void Add_RefundUnderIgnore_IsLeftOutAndCounted()
    {
        var accumulator = new CustomerSummaryAccumulator<string>(Options with { Refunds = RefundPolicy.Ignore });
        accumulator.Add("a", new LocalDate(2024, 1, 1), 30m);
        accumulator.Add("a", new LocalDate(2024, 1, 2), -10m);

        var summaries = accumulator.ToSummaries();

        Assert.Equal((1, 30m, 1L), (summaries[0].Transactions, summaries[0].TotalSpend, summaries.RefundsIgnored));
    }

    [Fact]
    public void Add_RefundUnderReject_ThrowsNamingCustomerAndPosition()
    {
        var accumulator = new CustomerSummaryAccumulator<string>(Options with { Refunds = RefundPolicy.Reject });
        accumulator.Add("a", new LocalDate(2024, 1, 1), 30m);

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add("b", new LocalDate(2024, 1, 2), -10m));

        Assert.Equal(("b", 1L), (error.Customer, error.Position));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, CustomerErrorMessages.RefundRejected, -10m), error.Reason);
        Assert.Equal(1, accumulator.CustomerCount);
    }

    [Fact]
    public void Add_TimeOutsideSupportedRange_ThrowsNamingTheRecord()
    {
        var accumulator = new CustomerSummaryAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 1), 1m);

        var early = Assert.Throws<RetentionDataException>(() => accumulator.Add("x", new LocalDate(0, 12, 31), 1m));
        var late = Assert.Throws<RetentionDataException>(() => accumulator.Add("y", Instant.MaxValue, 1m));

        Assert.Equal((CustomerErrorMessages.TimeOutOfRange, "x", 1L), (early.Reason, early.Customer, early.Position));
        Assert.Equal((CustomerErrorMessages.TimeOutOfRange, "y", 2L), (late.Reason, late.Customer, late.Position));
        Assert.Single(accumulator.ToSummaries());
    }

    [Fact]
    public void Add_SpendBeyondDecimalRange_ThrowsDataErrorNotOverflow()
    {
        var accumulator = new CustomerSummaryAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 1), decimal.MaxValue);

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add("a", new LocalDate(2024, 1, 2), decimal.MaxValue));

        Assert.Contains(CustomerErrorMessages.SpendOverflow, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_DifferentRules_Throws()
    {
        var days = new CustomerSummaryAccumulator<string>();
        var weeks = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { Period = PurchasePeriod.Week });

        var error = Assert.Throws<ArgumentException>(() => days.Merge(weeks));

        Assert.Equal("other", error.ParamName);
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { MaximumDegreeOfParallelism = 0 }));

        Assert.Equal("options", error.ParamName);
    }

    [Property(MaxTest = 200)]
    public Property Merge_OfAnySplit_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, Arb.From(Gen.Choose(0, 1000)), (orders, cut) =>
        {
            var split = orders.Length == 0 ? 0 : cut % (orders.Length + 1);
            var left = Accumulate(orders[..split]);
            left.Merge(Accumulate(orders[split..]));
            return left.ToSummaries().Equals(Accumulate(orders).ToSummaries());
        });

    [Property(MaxTest = 200)]
    public Property Merge_IsCommutative() =>
        Prop.ForAll(OrderGenerators.Logs, OrderGenerators.Logs, (x, y) =>
        {
            var xy = Accumulate(x);
            xy.Merge(Accumulate(y));
            var yx = Accumulate(y);
            yx.Merge(Accumulate(x));
            return xy.ToSummaries().Equals(yx.ToSummaries());
        });

    [Property(MaxTest = 100)]
    public Property Merge_IsAssociative() =>
        Prop.ForAll(OrderGenerators.Logs, OrderGenerators.Logs, OrderGenerators.Logs, (x, y, z) =>
        {
            var left = Accumulate(x);
            left.Merge(Accumulate(y));
            left.Merge(Accumulate(z));
            var yz = Accumulate(y);
            yz.Merge(Accumulate(z));
            var right = Accumulate(x);
            right.Merge(yz);
            return left.ToSummaries().Equals(right.ToSummaries());
        });

    [Property(MaxTest = 200)]
    public Property ToSummaries_RecordOrder_DoesNotMatter() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, Arb.From(Gen.Choose(0, int.MaxValue)), (orders, seed) =>
        {
            var shuffled = orders.ToArray();
            new Random(seed).Shuffle(shuffled);
            return Accumulate(shuffled).ToSummaries().Equals(Accumulate(orders).ToSummaries());
        });

    [Property(MaxTest = 200)]
    public Property ToSummaries_PreserveTotals() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, orders =>
        {
            var summaries = Accumulate(orders).ToSummaries();
            return summaries.TotalSpend == orders.Sum(o => o.Amount)
                && summaries.Transactions == orders.Length
                && summaries.Count == orders.Select(o => o.CustomerId).Distinct().Count();
        });

    [Property(MaxTest = 200)]
    public Property ToSummaries_StayWithinBounds() =>
        Prop.ForAll(OrderGenerators.Logs, orders => Accumulate(orders).ToSummaries().All(s =>
            s.Frequency >= 0
            && s.Frequency <= s.Transactions - 1
            && s.Recency >= 0 && s.Recency <= s.T
            && s.Frequency <= s.Recency
            && (s.Frequency > 0 || (s.Recency == 0 && s.MonetaryValue == 0m))));

    [Property(MaxTest = 200)]
    public Property ToSummaries_MatchADirectCalculation() =>
        Prop.ForAll(OrderGenerators.Logs, orders =>
        {
            // The definitions written out directly with LINQ over days, independent of the accumulator's bitmaps.
            var summaries = Accumulate(orders).ToSummaries();
            var asOf = Options.AsOf!.Value;
            return orders.GroupBy(o => o.CustomerId).All(g =>
            {
                var days = g.GroupBy(o => o.Time.InUtc().Date).OrderBy(d => d.Key).ToList();
                var first = days[0].Key;
                var repeatSpend = days.Skip(1).Sum(d => d.Sum(o => o.Amount));
                summaries.TryGet(g.Key, out var s);
                return s.Frequency == days.Count - 1
                    && s.Recency == Period.DaysBetween(first, days[^1].Key)
                    && s.T == Period.DaysBetween(first, asOf)
                    && s.MonetaryValue == (days.Count == 1 ? 0m : repeatSpend / (days.Count - 1))
                    && s.TotalSpend == g.Sum(o => o.Amount);
            });
        });

    private static CustomerSummaryAccumulator<string> Accumulate(IEnumerable<Order> orders)
    {
        var accumulator = new CustomerSummaryAccumulator<string>(Options);
        foreach (var order in orders)
        {
            accumulator.Add(order.CustomerId, order.Time, order.Amount);
        }

        return accumulator;
    }
}
