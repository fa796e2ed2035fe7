using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Tests.Churn;

public class MrrMovementAccumulatorTests
{
    // The worked example of docs/churn.md (2024, months, given out of order on purpose):
    //   a: 100 from 5 Jan, 150 from 10 Feb     b: 50 from 20 Jan, cancelled 15 Feb, 60 from 3 Mar
    //   c: 80 from 1 Feb, 40 from 31 Mar
    private static readonly MrrChange[] Example =
    [
        new("a", new LocalDate(2024, 2, 10), 150m), new("a", new LocalDate(2024, 1, 5), 100m),
        new("b", new LocalDate(2024, 3, 3), 60m), new("b", new LocalDate(2024, 1, 20), 50m), new("b", new LocalDate(2024, 2, 15), 0m),
        new("c", new LocalDate(2024, 2, 1), 80m), new("c", new LocalDate(2024, 3, 31), 40m),
    ];

    [Fact]
    public void ToTable_WorkedExample_MatchesHandCalculation()
    {
        // Jan: a and b are new: 150. Feb: a +50 expansion, b −50 churn, c +80 new: 150 + 80 + 50 − 50 = 230.
        // Mar: b returns at 60 (reactivation), c −40 contraction: 230 + 60 − 40 = 250.
        var table = Accumulate(Example, MrrMovementOptions.Default).ToTable();

        Assert.Equal(
            [
                new MrrMovementPeriod(new LocalDate(2024, 1, 1), "2024-01", 0m, 150m, 0m, 0m, 0m, 0m, 150m, 0, 2, 0, 0, 2),
                new MrrMovementPeriod(new LocalDate(2024, 2, 1), "2024-02", 150m, 80m, 50m, 0m, 50m, 0m, 230m, 2, 1, 0, 1, 2),
                new MrrMovementPeriod(new LocalDate(2024, 3, 1), "2024-03", 230m, 0m, 0m, 40m, 0m, 60m, 250m, 2, 0, 1, 0, 3),
            ],
            table.Rows);
        // Feb: GRR = 1 − 50/150 = 2/3; NRR = 1 − (50 − 50)/150 = 1. Mar: GRR = 1 − 40/230; NRR = 1 − (40 − 60)/230 = 250/230.
        Assert.Equal(2d / 3, table.Rows[1].GrossRevenueRetention!.Value, 12);
        Assert.Equal(1d, table.Rows[1].NetRevenueRetention!.Value, 12);
        Assert.Equal(190d / 230, table.Rows[2].GrossRevenueRetention!.Value, 12);
        Assert.Equal(250d / 230, table.Rows[2].NetRevenueRetention!.Value, 12);
        Assert.Null(table.Rows[0].GrossRevenueRetention);
        Assert.Equal(0.5, table.Rows[1].ChurnRate);
    }

    [Fact]
    public void MrrChurnRates_ChartMogulExample_MatchPublishedValues()
    {
        // ChartMogul, "Metric: MRR Churn Rate": $100 at the start, $10 churn, $10 contraction, one customer +$10:
        // gross MRR churn 20%, net MRR churn 10%.
        MrrChange[] log =
        [
            new("p", new LocalDate(2024, 1, 2), 50m), new("q", new LocalDate(2024, 1, 2), 30m),
            new("r", new LocalDate(2024, 1, 2), 10m), new("s", new LocalDate(2024, 1, 2), 10m),
            new("s", new LocalDate(2024, 2, 5), 0m), new("q", new LocalDate(2024, 2, 6), 20m), new("p", new LocalDate(2024, 2, 7), 60m),
        ];

        var february = Accumulate(log, MrrMovementOptions.Default).ToTable().Rows[1];

        Assert.Equal(100m, february.StartMrr);
        Assert.Equal(0.2, february.GrossMrrChurnRate!.Value, 12);
        Assert.Equal(0.1, february.NetMrrChurnRate!.Value, 12);
        Assert.Equal(0.8, february.GrossRevenueRetention!.Value, 12);
        Assert.Equal(0.9, february.NetRevenueRetention!.Value, 12);
    }

    // x pays 50 from 10 Jan, cancels 20 Jan, returns at 70 on 5 Feb; y pays 30 from 1 Feb, cancels 10 Feb, returns at 40
    // on 1 Mar; z is new at 20 on 5 Mar.
    private static readonly MrrChange[] Returns =
    [
        new("x", new LocalDate(2024, 1, 10), 50m), new("x", new LocalDate(2024, 1, 20), 0m), new("x", new LocalDate(2024, 2, 5), 70m),
        new("y", new LocalDate(2024, 2, 1), 30m), new("y", new LocalDate(2024, 2, 10), 0m), new("y", new LocalDate(2024, 3, 1), 40m),
        new("z", new LocalDate(2024, 3, 5), 20m),
    ];

    [Fact]
    public void ToTable_PeriodEnd_PositiveAtAnyMomentBefore_IsReactivation()
    {
        // Period ends: x 0, 70, 70; y 0, 0, 40; z 0, 0, 20. x and y each paid at some moment before the period in which
        // they end positive, so both are reactivations although their MRR at the previous period end was 0; z is new.
        var rows = Accumulate(Returns, MrrMovementOptions.Default).ToTable().Rows;

        Assert.Equal([0m, 0m, 20m], rows.Select(r => r.NewMrr));
        Assert.Equal([0m, 70m, 40m], rows.Select(r => r.ReactivationMrr));
        Assert.Equal([0m, 0m, 0m], rows.Select(r => r.ChurnedMrr));
        Assert.Equal([0m, 70m, 130m], rows.Select(r => r.EndMrr));
        Assert.Equal([0, 1, 1], rows.Select(r => r.ReactivatedCustomers));
        Assert.Equal([0, 0, 1], rows.Select(r => r.NewCustomers));
    }

    [Fact]
    public void ToTable_EventMode_CountsEveryChange()
    {
        // Jan: x new 50, churn 50. Feb: x reactivation 70; y new 30, churn 30. Mar: y reactivation 40, z new 20.
        var rows = Accumulate(Returns, MrrMovementOptions.Default with { Mode = MrrMovementMode.Event }).ToTable().Rows;

        Assert.Equal([50m, 30m, 20m], rows.Select(r => r.NewMrr));
        Assert.Equal([50m, 30m, 0m], rows.Select(r => r.ChurnedMrr));
        Assert.Equal([0m, 70m, 40m], rows.Select(r => r.ReactivationMrr));
        Assert.Equal([0m, 70m, 130m], rows.Select(r => r.EndMrr));
        // Customer counts compare period ends in both modes.
        Assert.Equal([0, 0, 1], rows.Select(r => r.NewCustomers));
    }

    [Fact]
    public void ToTable_SameDayChanges_ApplyInArrivalOrder()
    {
        var accumulator = new MrrMovementAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 1), 10m);
        accumulator.Add("a", new LocalDate(2024, 1, 1), 30m);

        Assert.Equal(30m, Assert.Single(accumulator.ToTable().Rows).EndMrr);
    }

    [Fact]
    public void ToTable_ManyChangesOutOfOrder_SortsByTimeKeepingSameDayArrivalOrder()
    {
        // 80 changes of one customer: on day k (1 Jan + k, k = 0..39) first k, then k + 1000, added newest day first.
        // The MRR in force at the end of January (day 30, 31 Jan) is 1030, at the end of February (day 39) 1039.
        var accumulator = new MrrMovementAccumulator<string>();
        for (var k = 39; k >= 0; k--)
        {
            accumulator.Add("a", new LocalDate(2024, 1, 1).PlusDays(k), k);
            accumulator.Add("a", new LocalDate(2024, 1, 1).PlusDays(k), k + 1000);
        }

        Assert.Equal([1030m, 1039m], accumulator.ToTable().Rows.Select(r => r.EndMrr));
    }

    [Fact]
    public void ToTable_ConstantMrr_CarriesThroughPeriodsWithoutChanges()
    {
        // 25 from Jan to the as-of date in April, nothing else: every month starts and ends at 25 after January.
        var accumulator = new MrrMovementAccumulator<string>(new MrrMovementOptions { AsOf = new LocalDate(2024, 4, 30) });
        accumulator.Add("a", new LocalDate(2024, 1, 15), 25m);

        var rows = accumulator.ToTable().Rows;

        Assert.Equal([0m, 25m, 25m, 25m], rows.Select(r => r.StartMrr));
        Assert.Equal([25m, 25m, 25m, 25m], rows.Select(r => r.EndMrr));
        Assert.Equal([0, 1, 1, 1], rows.Select(r => r.StartCustomers));
        Assert.Equal([1d, 1d, 1d], rows.Skip(1).Select(r => r.NetRevenueRetention!.Value));
    }

    [Fact]
    public void Add_NegativeMrr_ThrowsPositionedDataError()
    {
        var accumulator = new MrrMovementAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 1), 10m);

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add("b", new LocalDate(2024, 1, 2), -5m));

        Assert.Equal((string.Format(System.Globalization.CultureInfo.InvariantCulture, ChurnErrorMessages.NegativeMrr, -5m), "b", 1L),
            (error.Reason, error.Customer, error.Position));
    }

    [Fact]
    public void Merge_WithItself_DoublesEachChangeOnce()
    {
        // Each change appears twice; same-day duplicates change nothing, so the table is unchanged.
        var accumulator = Accumulate(Example, MrrMovementOptions.Default);
        accumulator.Merge(accumulator);

        Assert.Equal(14, accumulator.ChangesRead);
        Assert.Equal(Accumulate(Example, MrrMovementOptions.Default).ToTable().Rows, accumulator.ToTable().Rows);
    }

    [Fact]
    public void ToTable_NoChanges_IsEmpty() => Assert.Empty(new MrrMovementAccumulator<string>().ToTable().Rows);

    [Property(MaxTest = 300)]
    public Property EndMrr_AlwaysEqualsStartPlusMovements() =>
        Prop.ForAll(ChurnGenerators.ChangeLogs, ChurnGenerators.Periods, Arb.From(Gen.Elements(MrrMovementMode.PeriodEnd, MrrMovementMode.Event)), (log, period, mode) =>
        {
            var table = Accumulate(log, new MrrMovementOptions { Period = (ChurnPeriod)period, Mode = mode }).ToTable();
            var previousEnd = 0m;
            foreach (var row in table.Rows)
            {
                if (row.EndMrr != row.StartMrr + row.NewMrr + row.ExpansionMrr - row.ContractionMrr - row.ChurnedMrr + row.ReactivationMrr
                    || row.StartMrr != previousEnd
                    || row.EndCustomers != row.StartCustomers - row.ChurnedCustomers + row.NewCustomers + row.ReactivatedCustomers)
                {
                    return false;
                }

                previousEnd = row.EndMrr;
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property EndMrr_OfLastPeriod_IsEachCustomersLatestMrr() =>
        Prop.ForAll(ChurnGenerators.ChangeLogs, log =>
        {
            var table = Accumulate(log, MrrMovementOptions.Default).ToTable();
            // Independent of the engine: the last change of each customer by date, later arrival winning ties.
            var expected = log.Select((c, i) => (c, i)).GroupBy(x => x.c.Customer)
                .Sum(g => g.OrderBy(x => x.c.Effective).ThenBy(x => x.i).Last().c.Mrr);
            return table.Rows.Count == 0 ? log.Length == 0 : table.Rows[^1].EndMrr == expected;
        });

    [Property(MaxTest = 300)]
    public Property Rates_PeriodEnd_StayInRange() =>
        Prop.ForAll(ChurnGenerators.ChangeLogs, log =>
            Accumulate(log, MrrMovementOptions.Default).ToTable().Rows.All(r =>
                r.GrossRevenueRetention is null or (>= 0 and <= 1)
                && r.NetRevenueRetention is null or >= 0
                && r.ChurnRate is null or (>= 0 and <= 1)
                && r.RetentionRate is null or (>= 0 and <= 1)
                && (r.GrossRevenueRetention is null) == (r.StartMrr == 0)
                && r.NetRevenueRetention >= r.GrossRevenueRetention == (r.StartMrr != 0)));

    [Property(MaxTest = 200)]
    public Property Merge_OfAnySplit_EqualsSinglePass() =>
        Prop.ForAll(ChurnGenerators.ChangeLogs, ChurnGenerators.Cuts, Arb.From(Gen.Elements(MrrMovementMode.PeriodEnd, MrrMovementMode.Event)), (log, cut, mode) =>
        {
            var options = new MrrMovementOptions { Mode = mode };
            var split = log.Length == 0 ? 0 : cut % (log.Length + 1);
            var left = Accumulate(log[..split], options);
            left.Merge(Accumulate(log[split..], options));
            return left.ToTable().Rows.SequenceEqual(Accumulate(log, options).ToTable().Rows);
        });

    [Property(MaxTest = 200)]
    public Property ToTable_WithoutSameDayTies_DoesNotDependOnOrder() =>
        Prop.ForAll(ChurnGenerators.ChangeLogs, log =>
        {
            var distinct = log.DistinctBy(c => (c.Customer, c.Effective)).ToArray();
            var options = new MrrMovementOptions { Mode = MrrMovementMode.Event };
            return Accumulate(distinct, options).ToTable().Rows.SequenceEqual(Accumulate(distinct.Reverse(), options).ToTable().Rows);
        });

    [Property(MaxTest = 300)]
    public Property ToTable_PeriodEnd_MatchesNaiveRecomputation() =>
        Prop.ForAll(ChurnGenerators.ChangeLogs, log =>
        {
            var rows = Accumulate(log, MrrMovementOptions.Default).ToTable().Rows;
            return rows.SequenceEqual(Naive(log));
        });

    /// <summary>
    /// A direct reading of the period-end definition, month by month and customer by customer, with no shared code:
    /// the MRR in force at a month's end is the customer's latest change on or before its last day (later arrival
    /// wins a same-day tie); a customer "paid before" a month when any change before its first day was positive.
    /// </summary>
    private static List<MrrMovementPeriod> Naive(MrrChange[] log)
    {
        var rows = new List<MrrMovementPeriod>();
        if (log.Length == 0)
        {
            return rows;
        }

        var indexed = log.Select((c, i) => (c, i)).ToArray();
        var first = log.Min(c => c.Effective).With(DateAdjusters.StartOfMonth);
        var last = log.Max(c => c.Effective).With(DateAdjusters.StartOfMonth);
        decimal At(string customer, LocalDate day) =>
            indexed.Where(x => x.c.Customer == customer && x.c.Effective <= day).OrderBy(x => x.c.Effective).ThenBy(x => x.i)
                .Select(x => x.c.Mrr).LastOrDefault();
        for (var month = first; month <= last; month = month.PlusMonths(1))
        {
            decimal startMrr = 0, newMrr = 0, expansion = 0, contraction = 0, churned = 0, reactivation = 0, endMrr = 0;
            int startCustomers = 0, newCustomers = 0, reactivated = 0, churnedCustomers = 0, endCustomers = 0;
            foreach (var customer in log.Select(c => c.Customer).Distinct())
            {
                var before = At(customer, month.PlusDays(-1));
                var after = At(customer, month.PlusMonths(1).PlusDays(-1));
                var paidBefore = log.Any(c => c.Customer == customer && c.Effective < month && c.Mrr > 0);
                startMrr += before;
                endMrr += after;
                startCustomers += before > 0 ? 1 : 0;
                endCustomers += after > 0 ? 1 : 0;
                if (before == 0 && after > 0)
                {
                    if (paidBefore)
                    {
                        reactivation += after;
                        reactivated++;
                    }
                    else
                    {
                        newMrr += after;
                        newCustomers++;
                    }
                }
                else if (before > 0 && after == 0)
                {
                    churned += before;
                    churnedCustomers++;
                }
                else if (after > before)
                {
                    expansion += after - before;
                }
                else
                {
                    contraction += before - after;
                }
            }

            rows.Add(new MrrMovementPeriod(month, month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                startMrr, newMrr, expansion, contraction, churned, reactivation, endMrr,
                startCustomers, newCustomers, reactivated, churnedCustomers, endCustomers));
        }

        return rows;
    }

    internal static MrrMovementAccumulator<string> Accumulate(IEnumerable<MrrChange> log, MrrMovementOptions options)
    {
        var accumulator = new MrrMovementAccumulator<string>(options);
        foreach (var change in log)
        {
            accumulator.Add(change.Customer, change.Effective, change.Mrr);
        }

        return accumulator;
    }
}
