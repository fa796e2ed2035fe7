using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Tests.Churn;

public class CustomerChurnAccumulatorTests
{
    // The worked example of docs/churn.md (2024, months):
    //   a: 5 Jan, 10 Feb, 3 Mar   b: 20 Jan, 15 Mar   c: 1 Feb   d: 31 Jan
    private static readonly Activity[] Example =
    [
        new("a", new LocalDate(2024, 1, 5)), new("a", new LocalDate(2024, 2, 10)), new("a", new LocalDate(2024, 3, 3)),
        new("b", new LocalDate(2024, 1, 20)), new("b", new LocalDate(2024, 3, 15)),
        new("c", new LocalDate(2024, 2, 1)),
        new("d", new LocalDate(2024, 1, 31)),
    ];

    [Fact]
    public void ToTable_WorkedExample_MatchesHandCalculation()
    {
        // Active by month: Jan {a, b, d}, Feb {a, c}, Mar {a, b}.
        // Feb: start 3, new c, churned b and d (2 of 3), end 2 → retention (2 − 1) / 3 = 1/3; purchasers a, c, of whom a repeats.
        // Mar: start 2, churned c (1 of 2), b returns (reactivated), end 2; both purchasers repeat.
        var table = Accumulate(Example, CustomerChurnOptions.Default).ToTable();

        Assert.Equal(
            [
                new CustomerChurnPeriod(new LocalDate(2024, 1, 1), "2024-01", 0, 3, 0, 0, 3, 3, 0),
                new CustomerChurnPeriod(new LocalDate(2024, 2, 1), "2024-02", 3, 1, 0, 2, 2, 2, 1),
                new CustomerChurnPeriod(new LocalDate(2024, 3, 1), "2024-03", 2, 0, 1, 1, 2, 2, 2),
            ],
            table.Rows);
        Assert.Null(table.Rows[0].ChurnRate);
        Assert.Equal(2d / 3, table.Rows[1].ChurnRate!.Value, 12);
        Assert.Equal(1d / 3, table.Rows[1].RetentionRate!.Value, 12);
        Assert.Equal(0.5, table.Rows[1].RepeatPurchaseRate);
        Assert.Equal(0.5, table.Rows[2].ChurnRate);
        Assert.Equal(1d, table.Rows[2].RepeatPurchaseRate);
        // a (3 records) and b (2) of 4 customers buy more than once.
        Assert.Equal((4, 2, 0.5), (table.Customers, table.RepeatCustomers, table.RepeatPurchaseRate));
    }

    [Fact]
    public void ToTable_InactivityWindowOf30Days_KeepsRecentBuyersActive()
    {
        // A customer is active at the end of a month when their latest record is within the 30 days ending on its last day.
        // Feb ends 29 Feb 2024: d (31 Jan) is 30 days back inclusive → active; b (20 Jan) is not; c (1 Feb) is.
        // Mar ends 31 Mar: a (3 Mar) and b (15 Mar) are active; c (1 Feb) and d (31 Jan) are not.
        // Active: Jan {a, b, d}, Feb {a, c, d}, Mar {a, b}.
        var options = new CustomerChurnOptions { InactivityWindow = Period.FromDays(30) };
        var table = Accumulate(Example, options).ToTable();

        Assert.Equal(
            [
                new CustomerChurnPeriod(new LocalDate(2024, 1, 1), "2024-01", 0, 3, 0, 0, 3, 3, 0),
                new CustomerChurnPeriod(new LocalDate(2024, 2, 1), "2024-02", 3, 1, 0, 1, 3, 2, 1),
                new CustomerChurnPeriod(new LocalDate(2024, 3, 1), "2024-03", 3, 0, 1, 2, 2, 2, 2),
            ],
            table.Rows);
    }

    [Fact]
    public void ChurnRate_ThirtyLostOfAThousand_IsThreePercent()
    {
        // 1,000 customers buy in January; 970 of them buy again in February.
        var accumulator = new CustomerChurnAccumulator<int>();
        for (var i = 0; i < 1000; i++)
        {
            accumulator.Add(i, new LocalDate(2024, 1, 10));
            if (i >= 30)
            {
                accumulator.Add(i, new LocalDate(2024, 2, 10));
            }
        }

        var february = accumulator.ToTable().Rows[1];

        Assert.Equal((1000, 30), (february.StartCustomers, february.ChurnedCustomers));
        Assert.Equal(0.03, february.ChurnRate!.Value, 15);
        Assert.Equal(0.97, february.RetentionRate!.Value, 15);
    }

    [Fact]
    public void ToTable_AsOf_EndsTheTableAndLeavesLaterRecordsOut()
    {
        var options = new CustomerChurnOptions { AsOf = new LocalDate(2024, 2, 20) };
        var table = Accumulate(Example, options).ToTable();

        Assert.Equal(["2024-01", "2024-02"], table.Rows.Select(r => r.Label));
        Assert.Equal((7, 2), (table.RecordsRead, table.RecordsAfterAsOf));
    }

    [Fact]
    public void ToTable_Quarters_LabelsAndCountsByQuarter()
    {
        // Everyone is active in 2024-Q1; nobody has a record in Q2.
        var accumulator = Accumulate(Example, new CustomerChurnOptions { Period = ChurnPeriod.Quarter, AsOf = new LocalDate(2024, 4, 2) });
        var rows = accumulator.ToTable().Rows;

        Assert.Equal(["2024-Q1", "2024-Q2"], rows.Select(r => r.Label));
        Assert.Equal((4, 4, 0), (rows[0].NewCustomers, rows[1].ChurnedCustomers, rows[1].EndCustomers));
    }

    [Fact]
    public void ToTable_Weeks_UsesIsoWeekLabels()
    {
        var accumulator = new CustomerChurnAccumulator<string>(new CustomerChurnOptions { Period = ChurnPeriod.Week });
        accumulator.Add("a", new LocalDate(2024, 12, 30)); // Monday of ISO week 2025-W01
        accumulator.Add("a", new LocalDate(2025, 1, 6));

        Assert.Equal(["2025-W01", "2025-W02"], accumulator.ToTable().Rows.Select(r => r.Label));
    }

    [Fact]
    public void ToTable_Instants_UseTheZoneToFindTheMonth()
    {
        // 31 Jan 23:30 UTC is 1 Feb 00:30 in Paris.
        var accumulator = new CustomerChurnAccumulator<string>(new CustomerChurnOptions { Zone = DateTimeZoneProviders.Tzdb["Europe/Paris"] });
        accumulator.Add("a", Instant.FromUtc(2024, 1, 31, 23, 30));

        Assert.Equal("2024-02", Assert.Single(accumulator.ToTable().Rows).Label);
    }

    [Fact]
    public void ToTablesByCohort_SplitsCustomersByFirstMonth()
    {
        // January cohort a, b, d; February cohort c.
        var cohorts = Accumulate(Example, CustomerChurnOptions.Default).ToTablesByCohort();

        Assert.Equal([new LocalDate(2024, 1, 1), new LocalDate(2024, 2, 1)], cohorts.Select(c => c.Key));
        Assert.Equal([3, 1, 2], cohorts[0].Value.Rows.Select(r => r.EndCustomers));
        Assert.Equal([1, 0], cohorts[1].Value.Rows.Select(r => r.EndCustomers));
    }

    [Fact]
    public void ToTable_NoRecords_IsEmpty()
    {
        var table = new CustomerChurnAccumulator<string>().ToTable();

        Assert.Empty(table.Rows);
        Assert.Null(table.RepeatPurchaseRate);
    }

    [Fact]
    public void Add_InstantOutsideSupportedYears_ThrowsPositionedDataError()
    {
        var accumulator = new CustomerChurnAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 1));

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add("b", Instant.MinValue));

        Assert.Equal((ChurnErrorMessages.TimeOutOfRange, "b", 1L), (error.Reason, error.Customer, error.Position));
    }

    [Fact]
    public void Constructor_WindowInMonths_ThrowsNamingOptions()
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerChurnAccumulator<string>(new CustomerChurnOptions { InactivityWindow = Period.FromMonths(3) }));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void Merge_DifferentOptions_Throws()
    {
        var left = new CustomerChurnAccumulator<string>();
        var right = new CustomerChurnAccumulator<string>(new CustomerChurnOptions { Period = ChurnPeriod.Week });

        Assert.Equal("other", Assert.Throws<ArgumentException>(() => left.Merge(right)).ParamName);
    }

    [Property(MaxTest = 200)]
    public Property Merge_OfAnySplit_EqualsSinglePass() =>
        Prop.ForAll(ChurnGenerators.ActivityLogs, ChurnGenerators.Cuts, ChurnGenerators.Windows, (log, cut, window) =>
        {
            var options = Options(window, ChurnPeriod.Month);
            var split = log.Length == 0 ? 0 : cut % (log.Length + 1);
            var left = Accumulate(log[..split], options);
            left.Merge(Accumulate(log[split..], options));
            return Same(left.ToTable(), Accumulate(log, options).ToTable());
        });

    [Property(MaxTest = 200)]
    public Property ToTable_DoesNotDependOnRecordOrder() =>
        Prop.ForAll(ChurnGenerators.ActivityLogs, ChurnGenerators.Windows, (log, window) =>
        {
            var options = Options(window, ChurnPeriod.Week);
            return Same(Accumulate(log, options).ToTable(), Accumulate(log.Reverse(), options).ToTable());
        });

    [Property(MaxTest = 200)]
    public Property Rows_RatesInUnitIntervalAndCountsBalance() =>
        Prop.ForAll(ChurnGenerators.ActivityLogs, ChurnGenerators.Windows, ChurnGenerators.Periods, (log, window, period) =>
        {
            var table = Accumulate(log, Options(window, (ChurnPeriod)period)).ToTable();
            var previousEnd = 0;
            foreach (var row in table.Rows)
            {
                var balanced = row.EndCustomers == row.StartCustomers - row.ChurnedCustomers + row.NewCustomers + row.ReactivatedCustomers
                    && row.StartCustomers == previousEnd;
                var inRange = row.ChurnRate is null or (>= 0 and <= 1) && row.RetentionRate is null or (>= 0 and <= 1)
                    && row.RepeatPurchaseRate is null or (>= 0 and <= 1);
                var nullOnlyWhenEmpty = (row.ChurnRate is null) == (row.StartCustomers == 0);
                if (!balanced || !inRange || !nullOnlyWhenEmpty)
                {
                    return false;
                }

                previousEnd = row.EndCustomers;
            }

            return table.Rows.Sum(r => r.NewCustomers) == log.Select(a => a.Customer).Distinct().Count();
        });

    [Property(MaxTest = 100)]
    public Property InactivityWindow_Longer_NeverLowersActiveCustomers() =>
        Prop.ForAll(ChurnGenerators.ActivityLogs, ChurnGenerators.Windows, (log, window) =>
        {
            var asOf = ChurnGenerators.Start.PlusDays(400);
            var shorter = Accumulate(log, Options(window, ChurnPeriod.Month) with { AsOf = asOf }).ToTable().Rows;
            var longer = Accumulate(log, Options(window + 7, ChurnPeriod.Month) with { AsOf = asOf }).ToTable().Rows;
            return shorter.Zip(longer).All(pair => pair.First.EndCustomers <= pair.Second.EndCustomers);
        });

    internal static CustomerChurnOptions Options(int window, ChurnPeriod period) =>
        new() { Period = period, InactivityWindow = window == 0 ? null : Period.FromDays(window) };

    internal static CustomerChurnAccumulator<string> Accumulate(IEnumerable<Activity> log, CustomerChurnOptions options)
    {
        var accumulator = new CustomerChurnAccumulator<string>(options);
        foreach (var activity in log)
        {
            accumulator.Add(activity.Customer, activity.Date);
        }

        return accumulator;
    }

    internal static bool Same(CustomerChurnTable left, CustomerChurnTable right) =>
        left.Rows.SequenceEqual(right.Rows) && left.Customers == right.Customers && left.RepeatCustomers == right.RepeatCustomers;
}
