using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Churn;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Serialization;
using RetentionMetrics.Survival;
using RetentionMetrics.Tests.Churn;
using RetentionMetrics.Tests.Cohorts;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>
/// The per-customer states of cohorts, lifetimes, churn and MRR: each round-trips to an identical document, and a
/// restored part merged with the rest gives the single-pass result (the scale-out route).
/// </summary>
public class KeyedStateJsonTests
{
    private static readonly Arbitrary<int> Cuts = Arb.From(Gen.Choose(0, 1000));

    private static readonly Arbitrary<(CohortPeriod, bool)> CohortSettings = Arb.From(
        from period in Gen.Elements(CohortPeriod.Day, CohortPeriod.Week, CohortPeriod.Month, CohortPeriod.Quarter)
        from tracked in Gen.Elements(true, false)
        select (period, tracked));

    private static readonly Arbitrary<(int, int)> ChurnSettings = Arb.From(
        from window in Gen.Choose(0, 120)
        from period in Gen.Choose(0, 3)
        select (window, period));

    [Property(MaxTest = 100)]
    public Property CohortAccumulator_RestoredPartMergedWithAnother_EqualsSinglePass() =>
        Prop.ForAll(CohortTestData.Logs, Cuts, CohortSettings, (orders, cut, settings) =>
        {
            var (period, tracked) = settings;
            var options = CohortTestData.Generated(period) with { TrackRevenue = tracked, Brackets = [new OffsetBracket(0, 1), new OffsetBracket(2, 5)] };
            var split = orders.Length == 0 ? 0 : cut % (orders.Length + 1);
            var restored = StateJsonAssert.RoundTrip(CohortTestData.Accumulate(options, orders[..split], grouped: true), out var sameJson);
            restored.Merge(CohortTestData.Accumulate(options, orders[split..], grouped: true));
            var single = CohortTestData.Accumulate(options, orders, grouped: true);
            return sameJson && restored.ToTable() == single.ToTable() && restored.RecordsRead == single.RecordsRead
                && (!tracked || restored.ToTable(CohortMeasure.Revenue) == single.ToTable(CohortMeasure.Revenue));
        });

    [Fact]
    public void CohortAccumulator_WithSignups_RoundTrips()
    {
        // Signup on 15 Jan; activity in January and March: periods Jan and Mar, signup period Jan.
        var accumulator = new CohortAccumulator<long>(new CohortOptions { AsOf = new LocalDate(2024, 4, 30) });
        accumulator.Add(7, new LocalDate(2024, 1, 20), 5m, "web", new LocalDate(2024, 1, 15));
        accumulator.Add(7, new LocalDate(2024, 3, 2), 8m);

        var json = RetentionMetricsJson.Serialize(accumulator);
        var restored = StateJsonAssert.Restore(accumulator);

        Assert.Contains(
            """{"key":7,"firstRecord":"2024-01-20T00:00:00","signupPeriod":"2024-01-01","group":"web","periods":["2024-01-01","2024-03-01"],"revenue":[5,8]}""",
            json, StringComparison.Ordinal);
        Assert.Equal(accumulator.ToTable(), restored.ToTable());
    }

    [Fact]
    public void CohortAccumulator_RevenueMissing_NamesThePath()
    {
        var accumulator = new CohortAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 20), 5m);
        var json = StateJsonAssert.Replace(RetentionMetricsJson.Serialize(accumulator), ",\"revenue\":[5]", string.Empty);

        StateJsonAssert.Rejects<CohortAccumulator<string>>(json, "$.customers[0]", SerializationErrorMessages.Format(SerializationErrorMessages.MissingProperty, "revenue"));
    }

    [Property(MaxTest = 100)]
    public Property CustomerLifetimeAccumulator_RestoredPartMergedWithAnother_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, Cuts, (orders, cut) =>
        {
            var split = orders.Length == 0 ? 0 : cut % (orders.Length + 1);
            var restored = StateJsonAssert.RoundTrip(Lifetimes(orders[..split]), out var sameJson);
            restored.Merge(Lifetimes(orders[split..]));
            var single = Lifetimes(orders);
            return sameJson && Describe(restored.ToGroups()) == Describe(single.ToGroups()) && restored.AsOf == single.AsOf
                && restored.RecordsAfterAsOf == single.RecordsAfterAsOf;
        });

    [Fact]
    public void CustomerLifetimeAccumulator_LastDayBeforeFirst_NamesThePath()
    {
        var accumulator = new CustomerLifetimeAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 20));
        var json = StateJsonAssert.Replace(RetentionMetricsJson.Serialize(accumulator), "\"lastDay\":\"2024-01-20\"", "\"lastDay\":\"2024-01-19\"");

        StateJsonAssert.Rejects<CustomerLifetimeAccumulator<string>>(
            json, "$.customers[0].lastDay", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "the last record day is before the first record"));
    }

    [Property(MaxTest = 100)]
    public Property CustomerChurnAccumulator_RestoredPartMergedWithAnother_EqualsSinglePass() =>
        Prop.ForAll(ChurnGenerators.ActivityLogs, Cuts, ChurnSettings, (log, cut, settings) =>
        {
            var (window, period) = settings;
            var options = CustomerChurnAccumulatorTests.Options(window, (ChurnPeriod)period);
            var split = log.Length == 0 ? 0 : cut % (log.Length + 1);
            var restored = StateJsonAssert.RoundTrip(CustomerChurnAccumulatorTests.Accumulate(log[..split], options), out var sameJson);
            restored.Merge(CustomerChurnAccumulatorTests.Accumulate(log[split..], options));
            var single = CustomerChurnAccumulatorTests.Accumulate(log, options);
            return sameJson && CustomerChurnAccumulatorTests.Same(restored.ToTable(), single.ToTable())
                && restored.ToTablesByCohort().Count == single.ToTablesByCohort().Count;
        });

    [Fact]
    public void CustomerChurnAccumulator_UnknownPeriod_NamesThePath()
    {
        var accumulator = new CustomerChurnAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 20));
        var json = StateJsonAssert.Replace(RetentionMetricsJson.Serialize(accumulator), "\"period\":\"month\"", "\"period\":\"year\"");

        StateJsonAssert.Rejects<CustomerChurnAccumulator<string>>(
            json, "$.options.period", SerializationErrorMessages.Format(SerializationErrorMessages.UnknownName, "\"day\", \"week\", \"month\", \"quarter\"", "year"));
    }

    [Property(MaxTest = 100)]
    public Property MrrMovementAccumulator_RestoredPartMergedWithAnother_EqualsSinglePass() =>
        Prop.ForAll(ChurnGenerators.ChangeLogs, Cuts, Arb.From(Gen.Elements(MrrMovementMode.PeriodEnd, MrrMovementMode.Event)), (log, cut, mode) =>
        {
            var options = new MrrMovementOptions { Mode = mode, AsOf = new LocalDate(2024, 12, 31) };
            var split = log.Length == 0 ? 0 : cut % (log.Length + 1);
            var restored = StateJsonAssert.RoundTrip(MrrMovementAccumulatorTests.Accumulate(log[..split], options), out var sameJson);
            restored.Merge(MrrMovementAccumulatorTests.Accumulate(log[split..], options));
            var single = MrrMovementAccumulatorTests.Accumulate(log, options).ToTable();
            var merged = restored.ToTable();
            return sameJson && merged.Rows.SequenceEqual(single.Rows) && merged.Customers == single.Customers && merged.ChangesRead == single.ChangesRead;
        });

    [Fact]
    public void MrrMovementAccumulator_NegativeMrr_NamesThePath()
    {
        var accumulator = new MrrMovementAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 20), 10m);
        var json = StateJsonAssert.Replace(RetentionMetricsJson.Serialize(accumulator), "\"mrr\":10", "\"mrr\":-10");

        StateJsonAssert.Rejects<MrrMovementAccumulator<string>>(
            json, "$.customers[0].changes[0].mrr", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "an MRR of zero or more", "-10"));
    }

    private static CustomerLifetimeAccumulator<string> Lifetimes(IEnumerable<Order> orders)
    {
        var accumulator = new CustomerLifetimeAccumulator<string>(new CustomerLifetimeOptions { AsOf = new LocalDate(2025, 1, 1), Zone = DateTimeZoneProviders.Tzdb["America/New_York"] });
        foreach (var order in orders)
        {
            accumulator.Add(order.CustomerId, order.Time, order.Amount > 250m ? "large" : null);
        }

        return accumulator;
    }

    private static string Describe(IReadOnlyList<SurvivalGroup> groups) =>
        string.Join(";", groups.Select(g => g.Name + ":" + string.Join(",", g.Observations.Select(o => $"{o.Time}{(o.IsEvent ? "e" : "c")}").Order(StringComparer.Ordinal))));
}
