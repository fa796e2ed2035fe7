using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Tests.Cohorts;

public class CohortAccumulatorTests
{
    private static readonly CohortOptions Monthly = new() { AsOf = CohortTestData.AsOf };

    private static CohortTable Example(CohortMeasure measure, CohortOptions? options = null) =>
        CohortTestData.Accumulate(options ?? Monthly, CohortTestData.Example).ToTable(measure);

    private static double?[][] Rows(CohortTable table) => Enumerable.Range(0, table.Cohorts.Count).Select(table.Row).ToArray();

    [Fact]
    public void ToTable_WorkedExample_HasCohortsAndSizesByHand()
    {
        var table = Example(CohortMeasure.ActiveCustomers);

        Assert.Equal(
            [new Cohort(null, new LocalDate(2024, 1, 1), "2024-01", 2), new Cohort(null, new LocalDate(2024, 2, 1), "2024-02", 2), new Cohort(null, new LocalDate(2024, 3, 1), "2024-03", 1)],
            table.Cohorts);
        Assert.Equal([OffsetBracket.Single(0), OffsetBracket.Single(1), OffsetBracket.Single(2), OffsetBracket.Single(3)], table.Columns);
        Assert.Equal(CohortTestData.AsOf, table.AsOf);
    }

    [Fact]
    public void ToTable_ActiveCustomers_MatchesHandCount()
    {
        // January: a and b at 0, a at 1 (Feb), nobody at 2 (Mar), a at 3 (Apr). February: c, d at 0; c at 1; d at 2;
        // offset 3 (May) not observable. March: e at 0; nobody in April; offsets 2 and 3 not observable.
        Assert.Equal(
            [[2, 1, 0, 1], [2, 1, 1, null], [1, 0, null, null]],
            Rows(Example(CohortMeasure.ActiveCustomers)));
    }

    [Fact]
    public void ToTable_Retention_DividesBySizeAndAveragesBySize()
    {
        var table = Example(CohortMeasure.Retention);

        Assert.Equal([[1, 0.5, 0, 0.5], [1, 0.5, 0.5, null], [1, 0, null, null]], Rows(table));
        // Size-weighted over observable cells: (2·1 + 2·1 + 1·1)/5, (2·.5 + 2·.5 + 1·0)/5, (2·0 + 2·.5)/4, 2·.5/2.
        Assert.Equal([1, 0.4, 0.25, 0.5], table.Averages);
    }

    [Fact]
    public void ToTable_Unbounded_CountsActiveThenOrLater()
    {
        // Last active offsets: a 3, b 0 | c 1, d 2 | e 0.
        Assert.Equal([[2, 1, 1, 1], [2, 2, 1, null], [1, 0, null, null]], Rows(Example(CohortMeasure.UnboundedCustomers)));
        Assert.Equal([[1, 0.5, 0.5, 0.5], [1, 1, 0.5, null], [1, 0, null, null]], Rows(Example(CohortMeasure.UnboundedRetention)));
    }

    [Fact]
    public void ToTable_Churned_CountsNoActivityAfterOffsetWhenTheNextOffsetIsObservable()
    {
        // January: b is gone after 0; after 1 and 2 still b only (a returns in April); after 3 needs May → unobservable.
        Assert.Equal([[1, 1, 1, null], [0, 1, null, null], [1, null, null, null]], Rows(Example(CohortMeasure.ChurnedCustomers)));
    }

    [Fact]
    public void ToTable_Revenue_SumsAmountsPerOffset()
    {
        // January: 10 + 5 + 30 at 0, 20 at 1, 0 at 2, 7 at 3. February: 12 + 4, 8, 6. March: 9.
        Assert.Equal([[45, 20, 0, 7], [16, 8, 6, null], [9, 0, null, null]], Rows(Example(CohortMeasure.Revenue)));
    }

    [Fact]
    public void ToTable_CumulativeRevenuePerCustomer_IsTheLtvCurve()
    {
        // January: 45/2, 65/2, 65/2, 72/2. February: 16/2, 24/2, 30/2. March: 9, 9.
        Assert.Equal([[22.5, 32.5, 32.5, 36], [8, 12, 15, null], [9, 9, null, null]], Rows(Example(CohortMeasure.CumulativeRevenuePerCustomer)));
    }

    [Fact]
    public void ToTable_Brackets_CountCustomersActiveAnywhereInTheBracket()
    {
        var options = Monthly with { Brackets = [new OffsetBracket(0, 0), new OffsetBracket(1, 2)] };

        var table = Example(CohortMeasure.ActiveCustomers, options);

        // January 1–2: a (offset 1). February 1–2: c (1) and d (2). March 1–2 needs May's... offset 2 = May → unobservable.
        Assert.Equal([[2, 1], [2, 2], [1, null]], Rows(table));
        Assert.Equal("1-2", table.Columns[1].ToString());
    }

    [Fact]
    public void ToTable_PartialLastPeriod_IsUnobservableUnlessIncluded()
    {
        var midApril = new LocalDate(2024, 4, 15);

        var complete = Example(CohortMeasure.ActiveCustomers, Monthly with { AsOf = midApril });
        var partial = Example(CohortMeasure.ActiveCustomers, Monthly with { AsOf = midApril, IncludePartialPeriods = true });

        // April is only half observed: left out by default; shown (with a's 1 April purchase, without d's 30 April) on request.
        Assert.Equal([[2, 1, 0], [2, 1, null], [1, null, null]], Rows(complete));
        Assert.Equal([[2, 1, 0, 1], [2, 1, 0, null], [1, 0, null, null]], Rows(partial));
    }

    [Fact]
    public void RecordsAfterAsOf_CountsTheLeftOutRecord()
    {
        var accumulator = CohortTestData.Accumulate(Monthly, CohortTestData.Example);

        Assert.Equal((11L, 1L, 5), (accumulator.RecordsRead, accumulator.RecordsAfterAsOf, accumulator.CustomerCount));
    }

    [Fact]
    public void ToTable_QuarterAndWeekLabels_FollowIsoAndCalendar()
    {
        var accumulator = new CohortAccumulator<string>(new CohortOptions { Period = CohortPeriod.Week, AsOf = new LocalDate(2025, 1, 31) });
        // 2024-12-30 is the Monday of ISO week 2025-W01; 2024-12-29 is the Sunday of 2024-W52.
        accumulator.Add("x", new LocalDate(2024, 12, 30));
        accumulator.Add("y", new LocalDate(2024, 12, 29));
        var quarters = new CohortAccumulator<string>(new CohortOptions { Period = CohortPeriod.Quarter, AsOf = new LocalDate(2025, 1, 31) });
        quarters.Add("x", new LocalDate(2024, 12, 30));
        quarters.Add("y", new LocalDate(2024, 4, 1));

        Assert.Equal(["2024-W52", "2025-W01"], accumulator.ToTable().Cohorts.Select(c => c.Label));
        Assert.Equal([new LocalDate(2024, 12, 23), new LocalDate(2024, 12, 30)], accumulator.ToTable().Cohorts.Select(c => c.Start));
        Assert.Equal(["2024-Q2", "2024-Q4"], quarters.ToTable().Cohorts.Select(c => c.Label));
    }

    [Fact]
    public void Add_InstantNearMidnight_FallsInTheZonesMonth()
    {
        // 2024-03-31T23:30Z is already 1 April in Paris (UTC+2 after the switch to summer time on 31 March).
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var instant = Instant.FromUtc(2024, 3, 31, 23, 30);
        var utc = new CohortAccumulator<string>(new CohortOptions { AsOf = new LocalDate(2024, 4, 30) });
        var local = new CohortAccumulator<string>(new CohortOptions { AsOf = new LocalDate(2024, 4, 30), Zone = paris });
        utc.Add("x", instant);
        local.Add("x", instant);

        Assert.Equal("2024-03", utc.ToTable().Cohorts[0].Label);
        Assert.Equal("2024-04", local.ToTable().Cohorts[0].Label);
    }

    [Fact]
    public void Add_SignupDate_SetsTheAcquisitionPeriod()
    {
        var accumulator = new CohortAccumulator<string>(Monthly);
        // Signed up in January, first purchase in March: a January cohort member inactive at offsets 0 and 1.
        accumulator.Add("x", new LocalDate(2024, 3, 5), 10m, signup: new LocalDate(2024, 1, 20));

        var table = accumulator.ToTable(CohortMeasure.ActiveCustomers);

        Assert.Equal("2024-01", table.Cohorts[0].Label);
        Assert.Equal([0, 0, 1, 0], table.Row(0));
    }

    [Fact]
    public void Add_BeforeSignupDate_ThrowsNamingCustomerAndPosition()
    {
        var accumulator = new CohortAccumulator<string>(Monthly);
        accumulator.Add("x", new LocalDate(2024, 3, 5), 10m);

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add("y", new LocalDate(2024, 1, 5), 10m, signup: new LocalDate(2024, 1, 20)));

        Assert.Equal((CohortErrorMessages.ActivityBeforeSignup, "y", 1L), (error.Reason, error.Customer, error.Position));
    }

    [Fact]
    public void Add_TimeOutOfRange_ThrowsDataException()
    {
        var accumulator = new CohortAccumulator<string>();

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add("x", Instant.MinValue));

        Assert.Equal(CustomerErrorMessages.TimeOutOfRange, error.Reason);
    }

    [Fact]
    public void Add_RevenueOverflow_ThrowsDataException()
    {
        var accumulator = new CohortAccumulator<string>(Monthly);
        accumulator.Add("x", new LocalDate(2024, 1, 1), decimal.MaxValue);

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add("x", new LocalDate(2024, 1, 2), decimal.MaxValue));

        Assert.Equal(CohortErrorMessages.RevenueOverflow, error.Reason);
    }

    [Fact]
    public void Add_Group_IsTheGroupOfTheEarliestRecord()
    {
        var accumulator = new CohortAccumulator<string>(Monthly);
        accumulator.Add("x", new LocalDate(2024, 2, 1), 1m, "email");
        accumulator.Add("x", new LocalDate(2024, 1, 1), 1m, "ads");
        accumulator.Add("y", new LocalDate(2024, 1, 1), 1m, "email");

        var table = accumulator.ToTable(CohortMeasure.ActiveCustomers);

        Assert.True(table.HasGroups);
        Assert.Equal([("ads", "2024-01", 1), ("email", "2024-01", 1)], table.Cohorts.Select(c => (c.Group, c.Label, c.Size)));
    }

    [Fact]
    public void ToTable_RevenueWithoutTracking_Throws()
    {
        var accumulator = new CohortAccumulator<string>(Monthly with { TrackRevenue = false });

        var error = Assert.Throws<InvalidOperationException>(() => accumulator.ToTable(CohortMeasure.Revenue));

        Assert.Equal(CohortErrorMessages.RevenueNotTracked, error.Message);
    }

    [Fact]
    public void Merge_DifferentOptions_Throws()
    {
        var monthly = new CohortAccumulator<string>(Monthly);
        var weekly = new CohortAccumulator<string>(Monthly with { Period = CohortPeriod.Week });

        var error = Assert.Throws<ArgumentException>(() => monthly.Merge(weekly));

        Assert.Equal("other", error.ParamName);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingOptions()
    {
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new CohortAccumulator<string>(new CohortOptions { Brackets = [] })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new CohortAccumulator<string>(new CohortOptions { Brackets = [new OffsetBracket(2, 3), new OffsetBracket(1, 1)] })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new CohortAccumulator<string>(new CohortOptions { MaximumOffset = -1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new CohortAccumulator<string>(new CohortOptions { Period = (CohortPeriod)9 })).ParamName);
        Assert.Throws<ArgumentNullException>(() => new CohortAccumulator<string>().Add(null!, new LocalDate(2024, 1, 1)));
    }

    [Fact]
    public void ToTable_NoRecords_IsEmpty()
    {
        var table = new CohortAccumulator<string>().ToTable();

        Assert.Empty(table.Cohorts);
        Assert.Null(table.AsOf);
        Assert.Equal("[]", table.ToJson());
    }

    [Property(MaxTest = 200)]
    public Property Merge_OfAnySplit_EqualsSinglePass() =>
        Prop.ForAll(CohortTestData.Logs, CohortTestData.Periods, Arb.From(Gen.Choose(0, 1000)), (orders, period, cut) =>
        {
            var options = CohortTestData.Generated(period);
            var split = orders.Length == 0 ? 0 : cut % (orders.Length + 1);
            var left = CohortTestData.Accumulate(options, orders[..split], grouped: true);
            left.Merge(CohortTestData.Accumulate(options, orders[split..], grouped: true));
            var whole = CohortTestData.Accumulate(options, orders, grouped: true);
            return Enum.GetValues<CohortMeasure>().All(m => left.ToTable(m).Equals(whole.ToTable(m)));
        });

    [Property(MaxTest = 200)]
    public Property Merge_IsCommutative() =>
        Prop.ForAll(CohortTestData.Logs, CohortTestData.Logs, (x, y) =>
        {
            var xy = CohortTestData.Accumulate(CohortTestData.Generated(), x, grouped: true);
            xy.Merge(CohortTestData.Accumulate(CohortTestData.Generated(), y, grouped: true));
            var yx = CohortTestData.Accumulate(CohortTestData.Generated(), y, grouped: true);
            yx.Merge(CohortTestData.Accumulate(CohortTestData.Generated(), x, grouped: true));
            return xy.ToTable(CohortMeasure.Revenue).Equals(yx.ToTable(CohortMeasure.Revenue))
                && xy.ToTable(CohortMeasure.ActiveCustomers).Equals(yx.ToTable(CohortMeasure.ActiveCustomers));
        });

    [Property(MaxTest = 200)]
    public Property RecordOrder_DoesNotMatter() =>
        Prop.ForAll(CohortTestData.Logs, CohortTestData.Periods, Arb.From(Gen.Choose(0, 1000)), (orders, period, rotate) =>
        {
            var shift = orders.Length == 0 ? 0 : rotate % orders.Length;
            var reordered = orders[shift..].Concat(orders[..shift]).Reverse().ToArray();
            var options = CohortTestData.Generated(period);
            var a = CohortTestData.Accumulate(options, orders, grouped: true);
            var b = CohortTestData.Accumulate(options, reordered, grouped: true);
            return Enum.GetValues<CohortMeasure>().All(m => a.ToTable(m).Equals(b.ToTable(m)));
        });

    [Property(MaxTest = 200)]
    public Property OffsetZero_EqualsCohortSize() =>
        Prop.ForAll(CohortTestData.Logs, CohortTestData.Periods, (orders, period) =>
        {
            var table = CohortTestData.Accumulate(CohortTestData.Generated(period), orders).ToTable(CohortMeasure.ActiveCustomers);
            return Enumerable.Range(0, table.Cohorts.Count).All(r => table[r, 0] == table.Cohorts[r].Size);
        });

    [Property(MaxTest = 200)]
    public Property UnboundedRetention_NeverIncreasesAcrossOffsets() =>
        Prop.ForAll(CohortTestData.Logs, CohortTestData.Periods, (orders, period) =>
        {
            var table = CohortTestData.Accumulate(CohortTestData.Generated(period), orders).ToTable(CohortMeasure.UnboundedRetention);
            return Enumerable.Range(0, table.Cohorts.Count).All(r =>
            {
                var row = table.Row(r).TakeWhile(v => v is not null).Select(v => v!.Value).ToArray();
                return row.Zip(row.Skip(1)).All(p => p.Second <= p.First);
            });
        });

    [Property(MaxTest = 200)]
    public Property CohortSizes_AddUpToTheCustomers() =>
        Prop.ForAll(CohortTestData.Logs, CohortTestData.Periods, (orders, period) =>
        {
            var accumulator = CohortTestData.Accumulate(CohortTestData.Generated(period), orders, grouped: true);
            var table = accumulator.ToTable();
            return table.TotalCustomers == orders.Select(o => o.CustomerId).Distinct().Count()
                && table.TotalCustomers == accumulator.CustomerCount;
        });

    [Property(MaxTest = 200)]
    public Property Shares_AreInZeroToOne() =>
        Prop.ForAll(CohortTestData.Logs, CohortTestData.Periods, (orders, period) =>
        {
            var accumulator = CohortTestData.Accumulate(CohortTestData.Generated(period), orders, grouped: true);
            var shares = new[] { CohortMeasure.Retention, CohortMeasure.UnboundedRetention }.Select(accumulator.ToTable);
            return shares.All(t => Enumerable.Range(0, t.Cohorts.Count).SelectMany(t.Row).All(v => v is null or >= 0 and <= 1)
                && t.Averages.All(v => v is null or >= 0 and <= 1));
        });

    [Property(MaxTest = 200)]
    public Property Churned_PlusUnboundedOfNextOffset_IsTheCohortSize() =>
        Prop.ForAll(CohortTestData.Logs, orders =>
        {
            var accumulator = CohortTestData.Accumulate(CohortTestData.Generated(), orders);
            var churned = accumulator.ToTable(CohortMeasure.ChurnedCustomers);
            var unbounded = accumulator.ToTable(CohortMeasure.UnboundedCustomers);
            return Enumerable.Range(0, churned.Cohorts.Count).All(r =>
                Enumerable.Range(0, churned.Columns.Count - 1).All(c =>
                    churned[r, c] is not { } gone || gone + unbounded[r, c + 1] == churned.Cohorts[r].Size));
        });

    [Property(MaxTest = 200)]
    public Property GroupedSizes_AddUpToUngroupedSizes() =>
        Prop.ForAll(CohortTestData.Logs, orders =>
        {
            var grouped = CohortTestData.Accumulate(CohortTestData.Generated(), orders, grouped: true).ToTable();
            var plain = CohortTestData.Accumulate(CohortTestData.Generated(), orders).ToTable();
            return plain.Cohorts.All(c => grouped.Cohorts.Where(g => g.Label == c.Label).Sum(g => g.Size) == c.Size);
        });
}
