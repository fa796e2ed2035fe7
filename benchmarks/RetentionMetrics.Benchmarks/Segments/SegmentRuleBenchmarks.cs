using BenchmarkDotNet.Attributes;
using NodaTime;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Benchmarks.Segments;

/// <summary>One synthetic event: a customer, one of four event names, a time and an amount.</summary>
public readonly record struct SyntheticEvent(long Customer, string Name, Instant Time, decimal Amount);

/// <summary>
/// Parse and compile of a 10-clause rule; one-pass evaluation of four rules over events in memory, beside a
/// hand-written loop that computes the same four audiences (the baseline).
/// </summary>
[MemoryDiagnoser]
public class SegmentRuleBenchmarks
{
    public const string TenClauseRule =
        "sum(order_completed.amount) > $500 and last(order_completed) more than 60 days ago"
        + " and count(app_session, last 30 days) < 3 and plan in ('pro', 'enterprise')"
        + " and not exists(feature_used where name = 'reports', last 30 days) and signup_date within last 365 days"
        + " and (country != 'FR' or lifetime_value is null) and last(nps_response.score) between 0 and 6"
        + " and count(order_completed where amount >= 100, last 90 days) >= 2 and avg(order_completed.amount) > 20";

    public const string FourRules = """
        frequent: count(order_completed, last 30 days) >= 2
        lapsed_high_value: sum(order_completed.amount) > $500 and last(order_completed) more than 60 days ago
        inactive: not exists(app_session, last 14 days)
        browsing_only: last(app_session) within last 7 days and count(order_completed) = 0
        """;

    public static readonly Instant AsOf = Instant.FromUtc(2025, 7, 1, 0, 0);

    private static readonly string[] Names = ["order_completed", "app_session", "page_view", "support_ticket"];

    private SyntheticEvent[] events = [];
    private SegmentSet set = null!;
    private SegmentEventSelectors<SyntheticEvent, long> selectors = null!;

    /// <summary>How many events (customers are a tenth of it).</summary>
    [Params(10_000_000)]
    public int Events { get; set; } = 10_000_000;

    public static SyntheticEvent[] Create(int count, int customers, int seed)
    {
        var random = new Random(seed);
        var result = new SyntheticEvent[count];
        var start = AsOf - Duration.FromDays(365);
        for (var i = 0; i < result.Length; i++)
        {
            var name = Names[random.Next(Names.Length)];
            var time = start + Duration.FromSeconds(random.NextInt64(0, 366L * 86_400));
            result[i] = new SyntheticEvent(random.Next(customers), name, time, name == "order_completed" ? random.Next(1, 40_000) / 100m : 0m);
        }

        return result;
    }

    [GlobalSetup]
    public void Setup()
    {
        events = Create(Events, Events / 10, seed: 42);
        set = SegmentSet.Parse(FourRules);
        selectors = new SegmentEventSelectors<SyntheticEvent, long>(e => e.Customer, e => e.Name, e => e.Time, static (e, _) => SegmentValue.FromNumber(e.Amount));
    }

    [Benchmark]
    public SegmentRule Parse_TenClauseRule() => SegmentRule.Parse(TenClauseRule);

    [Benchmark]
    public int ParseAndCompile_TenClauseRule() =>
        new SegmentAccumulator<long>(SegmentSet.FromRule(SegmentRule.Parse(TenClauseRule)), new SegmentOptions(AsOf)).StateBytesPerCustomer;

    [Benchmark]
    public int[] Evaluate_FourRules() =>
        [.. ((ReadOnlySpan<SyntheticEvent>)events).ToSegmentAssignment(set, selectors, new SegmentOptions(AsOf)).Sizes];

    /// <summary>
    /// The span path before radix partitioning, kept for comparison: each event updates its customer's row in place
    /// as it is read (two random cache misses an event once the table outgrows the caches).
    /// </summary>
    [Benchmark]
    public int[] Evaluate_FourRulesInPlace()
    {
        var accumulator = new SegmentAccumulator<long>(set, new SegmentOptions(AsOf));
        accumulator.AddEventsInPlace<SyntheticEvent>(events, selectors, 0);
        return [.. accumulator.ToAssignment().Sizes];
    }

    /// <summary>The same four rules over the same events, read as a stream of 4,096-event batches.</summary>
    [Benchmark]
    public async Task<int[]> EvaluateAsync_FourRulesInBatches()
    {
        var assignment = await Batches(events, 4_096).ToSegmentAssignmentAsync(set, selectors, new SegmentOptions(AsOf));
        return [.. assignment.Sizes];
    }

    /// <summary>Bytes the accumulator holds per customer after the four rules' pass (not a timed benchmark).</summary>
    public double StateBytesPerCustomer()
    {
        var accumulator = new SegmentAccumulator<long>(set, new SegmentOptions(AsOf));
        accumulator.AddEvents<SyntheticEvent>(events, selectors);
        return (double)accumulator.StateBytes / accumulator.CustomerCount;
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<SyntheticEvent>> Batches(SyntheticEvent[] events, int size)
    {
        for (var start = 0; start < events.Length; start += size)
        {
            yield return events.AsMemory(start, Math.Min(size, events.Length - start));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    [Benchmark(Baseline = true)]
    public int[] HandWritten_FourRules() => HandWritten(events, AsOf);

    /// <summary>The four rules written out by hand over a dictionary of per-customer structs.</summary>
    public static int[] HandWritten(SyntheticEvent[] events, Instant asOf)
    {
        var a = asOf.ToUnixTimeTicks();
        var day = NodaConstants.TicksPerDay;
        var index = new Dictionary<long, int>();
        var states = new List<HandState>();
        foreach (var e in events)
        {
            if (!index.TryGetValue(e.Customer, out var i))
            {
                i = states.Count;
                index[e.Customer] = i;
                states.Add(new HandState { LastOrder = long.MinValue, LastSession = long.MinValue });
            }

            var t = e.Time.ToUnixTimeTicks();
            if (t >= a)
            {
                continue;
            }

            var s = states[i];
            if (ReferenceEquals(e.Name, Names[0]))
            {
                s.Orders++;
                s.Sum += e.Amount;
                s.LastOrder = Math.Max(s.LastOrder, t);
                if (t >= a - (30 * day))
                {
                    s.Orders30++;
                }
            }
            else if (ReferenceEquals(e.Name, Names[1]))
            {
                s.LastSession = Math.Max(s.LastSession, t);
                if (t >= a - (14 * day))
                {
                    s.Sessions14++;
                }
            }

            states[i] = s;
        }

        var sizes = new int[4];
        foreach (var s in states)
        {
            sizes[0] += s.Orders30 >= 2 ? 1 : 0;
            sizes[1] += s.Sum > 500 && s.LastOrder != long.MinValue && s.LastOrder < a - (60 * day) ? 1 : 0;
            sizes[2] += s.Sessions14 == 0 ? 1 : 0;
            sizes[3] += s.LastSession != long.MinValue && s.LastSession >= a - (7 * day) && s.Orders == 0 ? 1 : 0;
        }

        return sizes;
    }

    private struct HandState
    {
        public int Orders;
        public int Orders30;
        public decimal Sum;
        public long LastOrder;
        public long LastSession;
        public int Sessions14;
    }
}
