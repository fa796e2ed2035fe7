using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Cohorts;

/// <summary>The per-cohort cell storage (dense first offsets, sparse later ones) and the merge of builders.</summary>
public class CohortTableBuilderTests
{
    private static readonly CohortOptions Daily = CohortTestData.Generated(CohortPeriod.Day) with { TrackRevenue = true };

    /// <summary>
    /// A daily table computed naively from the orders (UTC days; the generated orders span 400 days, so most offsets
    /// are beyond the dense part): cohort = first day, cells by brute force over the customers.
    /// </summary>
    private static Dictionary<(LocalDate Cohort, int Offset), (int Active, int Unbounded, decimal Revenue, int Size)> Reference(Order[] orders)
    {
        var customers = orders
            .GroupBy(o => o.CustomerId)
            .Select(g => g.Select(o => (Day: o.Time.InUtc().Date, o.Amount)).ToArray())
            .Select(r => (First: r.Min(x => x.Day), Records: r))
            .ToArray();
        var cells = new Dictionary<(LocalDate, int), (int, int, decimal, int)>();
        foreach (var cohort in customers.GroupBy(c => c.First))
        {
            var size = cohort.Count();
            var span = Period.DaysBetween(cohort.Key, CohortTestData.GeneratedAsOf);
            for (var offset = 0; offset <= span; offset++)
            {
                var day = cohort.Key.PlusDays(offset);
                var active = cohort.Count(c => c.Records.Any(r => r.Day == day));
                var unbounded = cohort.Count(c => c.Records.Any(r => r.Day >= day));
                var revenue = cohort.Sum(c => c.Records.Where(r => r.Day == day).Sum(r => r.Amount));
                cells[(cohort.Key, offset)] = (active, unbounded, revenue, size);
            }
        }

        return cells;
    }

    [Property(MaxTest = 60)]
    public Property DailyTable_LongSpan_EqualsBruteForce() =>
        Prop.ForAll(CohortTestData.Logs, orders =>
        {
            var reference = Reference(orders);
            var accumulator = CohortTestData.Accumulate(Daily, orders);
            foreach (var measure in new[] { CohortMeasure.ActiveCustomers, CohortMeasure.UnboundedCustomers, CohortMeasure.Revenue })
            {
                var table = accumulator.ToTable(measure);
                for (var r = 0; r < table.Cohorts.Count; r++)
                {
                    var row = table.Row(r);
                    for (var c = 0; c < row.Length; c++)
                    {
                        var known = reference.TryGetValue((table.Cohorts[r].Start, c), out var cell);
                        if (row[c] is not { } value)
                        {
                            if (known)
                            {
                                return false;
                            }

                            continue;
                        }

                        var expected = measure switch
                        {
                            CohortMeasure.ActiveCustomers => cell.Active,
                            CohortMeasure.UnboundedCustomers => cell.Unbounded,
                            _ => (double)cell.Revenue,
                        };
                        if (!known || value != expected)
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 60)]
    public Property Merge_OfBuildersOverAnySplitOfCustomers_EqualsOneBuilder() =>
        Prop.ForAll(CohortTestData.Logs, Arb.From(Gen.Choose(1, 4)), (orders, parts) =>
        {
            // Customers split into disjoint parts by name, each part counted into its own builder, then merged.
            var byPart = Enumerable.Range(0, parts)
                .Select(p => CohortTestData.Accumulate(Daily, orders.Where(o => o.CustomerId.GetHashCode(StringComparison.Ordinal) % parts == p || o.CustomerId.GetHashCode(StringComparison.Ordinal) % parts == -p)))
                .ToArray();
            // The options fix the as-of date, so the builders need no latest day.
            var builders = byPart.Select(a =>
            {
                var builder = new CohortTableBuilder(Daily, CohortMeasure.CumulativeRevenuePerCustomer, -1);
                a.CountCustomers(builder);
                return builder;
            }).ToArray();
            foreach (var other in builders.Skip(1))
            {
                builders[0].Merge(other);
            }

            var single = CohortTestData.Accumulate(Daily, orders).ToTable(CohortMeasure.CumulativeRevenuePerCustomer);
            return builders[0].Build().Equals(single);
        });

    [Fact]
    public void AddCustomer_DailyOffsetsOverTenYears_KeepsSlotsForObservedOffsetsOnly()
    {
        // One customer active on days 0, 1, 1000 and 3000 of a ten-year daily span: 64 dense slots and 2 sparse ones,
        // not one per possible offset (3,653).
        var options = new CohortOptions { Period = CohortPeriod.Day, AsOf = new LocalDate(2030, 1, 1) };
        var start = RetentionMetrics.Internal.PeriodCalendar.DayNumber(new LocalDate(2020, 1, 1));
        var builder = new CohortTableBuilder(options, CohortMeasure.ActiveCustomers, start + 3000);

        var cells = builder.AddCustomer(null, null, [start, start + 1, start + 1000, start + 3000]);

        Assert.Equal(CohortTableBuilder.Cells.DenseOffsets + 2, cells.Slots);
        var table = builder.Build();
        Assert.Equal(1, table.Row(0)[3000]);
        Assert.Equal(0, table.Row(0)[2999]);
    }

    [Fact]
    public void ToCohortTable_ManyCustomersOnAllCores_EqualsSingleWorker()
    {
        // 60,000 customers: above the threshold where the partitions are counted into builders in parallel and merged.
        var random = new Random(8);
        var start = new LocalDate(2022, 1, 1);
        var records = Enumerable.Range(0, 150_000)
            .Select(i => (Customer: i < 60_000 ? i : random.Next(60_000), Date: start.PlusDays(random.Next(1_000)), Amount: random.Next(100) / 4m))
            .ToArray();
        var single = new CohortOptions { AsOf = new LocalDate(2024, 12, 31), MaximumDegreeOfParallelism = 1, Measure = CohortMeasure.CumulativeRevenuePerCustomer, TrackRevenue = true };

        var one = new ReadOnlyMemory<(int Customer, LocalDate Date, decimal Amount)>(records).ToCohortTable(r => r.Customer, r => r.Date, r => r.Amount, single);
        var two = new ReadOnlyMemory<(int Customer, LocalDate Date, decimal Amount)>(records).ToCohortTable(r => r.Customer, r => r.Date, r => r.Amount, single with { MaximumDegreeOfParallelism = 2 });
        var daily = single with { Period = CohortPeriod.Day, Measure = CohortMeasure.ActiveCustomers };
        var oneDaily = new ReadOnlyMemory<(int Customer, LocalDate Date, decimal Amount)>(records).ToCohortTable(r => r.Customer, r => r.Date, r => r.Amount, daily);
        var twoDaily = new ReadOnlyMemory<(int Customer, LocalDate Date, decimal Amount)>(records).ToCohortTable(r => r.Customer, r => r.Date, r => r.Amount, daily with { MaximumDegreeOfParallelism = 2 });

        Assert.Equal(one, two);
        Assert.Equal(oneDaily, twoDaily);
        Assert.Equal(60_000, one.TotalCustomers);
    }
}
