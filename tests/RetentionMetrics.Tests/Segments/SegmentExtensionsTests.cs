using NodaTime;
using RetentionMetrics.Segments;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Segments;

public class SegmentExtensionsTests
{
    // Members worked by hand on SegmentExampleData (A = 2024-07-01T00:00Z). Useful thresholds:
    // A − 7 days = 2024-06-24, A − 30 days = 2024-06-01, A − 60 days = 2024-05-02, A − 90 days = 2024-04-02,
    // A − 180 days = 2024-01-03 (2024 is a leap year: Jan 1 is 182 days before Jul 1).
    public static TheoryData<string, string[]> IssueExamples => new()
    {
        // c1 last order 03-01 < 04-02; c3 2 sessions since 06-01; c4 no sessions (count 0 < 3, last unknown);
        // c7 last order 02-15; c8 last order 2023-12-01. c2 5 sessions; c5 unknown or false; c6 04-10 and 3 sessions
        // (06-01 included at the window start, 07-01 excluded at A).
        { "last(order_completed) more than 90 days ago or count(app_session, last 30 days) < 3", ["c1", "c3", "c4", "c7", "c8"] },

        // Only c7: 300 + 250 = 550 > 500, last order 02-15 < 05-02, last session 05-01 < 06-01.
        // c1 has no session (unknown), c6's last session 06-03 is recent.
        {
            "sum(order_completed.amount) > $500 and last(order_completed) more than 60 days ago\n    and last(app_session) more than 30 days ago                       -- high-value, at risk",
            ["c7"]
        },

        // Signed up on or after 06-24 with the tutorial not done: c2 (06-28) and c3 (06-24, the boundary);
        // c4 has no tutorial trait (unknown), c6 signed up 06-23.
        { "signup_date within last 7 days and product_tutorial_completed = false  -- onboarding", ["c2", "c3"] },

        // c3 is cancelled; c8 last ordered 2023-12-01 < 2024-01-03 with one order (its status is unknown, the rest true).
        {
            "subscription_status = 'cancelled' or (last(order_completed) more than 180 days ago\n    and count(order_completed) > 0)                                    -- churned",
            ["c3", "c8"]
        },

        // Orders of at least 100 since 04-02: c2 (05-15: 150, 06-01: 100) and c6 (04-02: 700 at the window start, 04-10: 100).
        { "count(order_completed where amount >= 100, last 90 days) >= 2          -- filtered aggregate", ["c2", "c6"] },

        // pro/enterprise without a 'reports' feature use since 06-01: c3 (export only), c4 (no events), c7 (reports on 05-01, outside).
        // c1 used reports on 06-20; c5 and c8 have no plan (unknown).
        { "plan in ('pro', 'enterprise') and not exists(feature_used where name = 'reports', last 30 days)", ["c3", "c4", "c7"] },

        // Latest score before A: c1 10 (the 0 at A is left out), c2 4, c3 6 (bound included), c6 7.
        { "last(nps_response.score) between 0 and 6                               -- detractors", ["c2", "c3"] },

        // No lifetime value: c2, c4, c5, c8; outside France: c7 (US).
        { "lifetime_value is null or country != 'FR'", ["c2", "c4", "c5", "c7", "c8"] },
    };

    [Theory]
    [MemberData(nameof(IssueExamples))]
    public async Task ToSegmentAssignmentAsync_IssueExample_MatchesHandCheckedMembers(string text, string[] expected)
    {
        var set = SegmentSet.FromRule(SegmentRule.Parse(text));

        var assignment = await SegmentExampleData.Events.ToAsyncSequence().ToSegmentAssignmentAsync(
            set, SegmentExampleData.Selectors, SegmentExampleData.Options, SegmentExampleData.TraitsView);

        Assert.Equal(expected, assignment.MembersOf(0).Order(StringComparer.Ordinal));
        Assert.Equal(8, assignment.Customers.Count);
    }

    [Fact]
    public async Task ToSegmentAssignment_SpanAndBatches_AgreeWithPerEventStream()
    {
        var set = SegmentSet.Parse(string.Join("\n", IssueExamples.Select((row, i) => $"s{i}: {row[0]}")));
        var fromSpan = Evaluate(set);
        var fromBatches = await new[] { new ReadOnlyMemory<ExampleEvent>(SegmentExampleData.Events, 0, 10), new ReadOnlyMemory<ExampleEvent>(SegmentExampleData.Events, 10, SegmentExampleData.Events.Length - 10) }
            .ToAsyncSequence().ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options, SegmentExampleData.TraitsView);

        for (var i = 0; i < set.Count; i++)
        {
            Assert.Equal(((string[])IssueExamples.ElementAt(i)[1]), fromSpan.MembersOf(i).Order(StringComparer.Ordinal));
            Assert.Equal(fromSpan.MembersOf(i), fromBatches.MembersOf(i));
        }
    }

    private static SegmentAssignment<string> Evaluate(SegmentSet set) =>
        ((ReadOnlySpan<ExampleEvent>)SegmentExampleData.Events).ToSegmentAssignment(set, SegmentExampleData.Selectors, SegmentExampleData.Options, SegmentExampleData.TraitsView);

    [Fact]
    public void ToSegmentAssignmentAsync_NullArgument_ThrowsBeforeEnumerating()
    {
        var events = new ThrowingAsyncEnumerable<ExampleEvent>();
        var set = SegmentSet.FromRule(SegmentRule.Parse("count(a) > 0"));
        Assert.Equal("segments", Assert.Throws<ArgumentNullException>(() => events.ToSegmentAssignmentAsync(null!, SegmentExampleData.Selectors, SegmentExampleData.Options)).ParamName);
        Assert.Equal("selectors", Assert.Throws<ArgumentNullException>(() => events.ToSegmentAssignmentAsync<ExampleEvent, string>(set, null!, SegmentExampleData.Options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => events.ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, null!)).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => ((IAsyncEnumerable<ExampleEvent>)null!).ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options)).ParamName);
    }

    [Fact]
    public async Task ToSegmentAssignmentAsync_ReadsOnceAndDisposes()
    {
        var events = new CountingAsyncEnumerable<ExampleEvent>(SegmentExampleData.Events);
        var set = SegmentSet.FromRule(SegmentRule.Parse("count(order_completed) > 0"));

        var assignment = await events.ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options);

        Assert.Equal((1, 1), (events.Enumerations, events.Disposals));
        Assert.Equal(["c1", "c2", "c3", "c6", "c7", "c8"], assignment.MembersOf(0).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ToSegmentAssignmentAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var set = SegmentSet.FromRule(SegmentRule.Parse("count(order_completed) > 0"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await SegmentExampleData.Events.ToAsyncSequence().ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task ToSegmentAssignmentAsync_BatchesCancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var set = SegmentSet.FromRule(SegmentRule.Parse("count(order_completed) > 0"));
        var batches = new[] { new ReadOnlyMemory<ExampleEvent>(SegmentExampleData.Events) }.ToAsyncSequence();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await batches.ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task ToSegmentAssignmentAsync_ReportsProgress()
    {
        var reports = new List<RetentionMetrics.Streaming.StreamProgress>();
        var set = SegmentSet.FromRule(SegmentRule.Parse("count(order_completed) > 0"));

        await SegmentExampleData.Events.ToAsyncSequence().ToSegmentAssignmentAsync(
            set, SegmentExampleData.Selectors, SegmentExampleData.Options, progress: new SynchronousProgress(reports));

        Assert.Equal(new RetentionMetrics.Streaming.StreamProgress(SegmentExampleData.Events.Length, 7), reports[^1]);
    }

    private sealed class SynchronousProgress(List<RetentionMetrics.Streaming.StreamProgress> reports) : IProgress<RetentionMetrics.Streaming.StreamProgress>
    {
        public void Report(RetentionMetrics.Streaming.StreamProgress value) => reports.Add(value);
    }

    [Fact]
    public async Task ToSegmentAssignmentAsync_PropertyOfWrongKind_ThrowsDataErrorWithCustomerAndPosition()
    {
        var events = new[]
        {
            new ExampleEvent("x", "order_completed", SegmentExampleData.AsOf - Duration.FromDays(1), new Dictionary<string, SegmentValue> { ["amount"] = SegmentValue.FromNumber(5) }),
            new ExampleEvent("y", "order_completed", SegmentExampleData.AsOf - Duration.FromDays(1), new Dictionary<string, SegmentValue> { ["amount"] = SegmentValue.FromString("five") }),
        };
        var set = SegmentSet.FromRule(SegmentRule.Parse("sum(order_completed.amount) > 1"));

        var error = await Assert.ThrowsAsync<RetentionDataException>(async () =>
            await events.ToAsyncSequence().ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options));

        Assert.Equal(("y", 1L), (error.Customer, error.Position));
    }

    [Fact]
    public void ToSegmentAssignment_Enumerable_AgreesWithSpan()
    {
        var set = SegmentSet.Parse(string.Join("\n", IssueExamples.Select((row, i) => $"s{i}: {row[0]}")));
        var fromSpan = Evaluate(set);

        var fromSequence = SegmentExampleData.Events.Select(e => e).ToSegmentAssignment(set, SegmentExampleData.Selectors, SegmentExampleData.Options, SegmentExampleData.TraitsView);

        Assert.Equal(fromSpan.Sizes, fromSequence.Sizes);
        for (var i = 0; i < set.Count; i++)
        {
            Assert.Equal(fromSpan.MembersOf(i).Order(StringComparer.Ordinal), fromSequence.MembersOf(i).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task ToSegmentAssignmentAsync_BadEventAfterFirstBatch_PositionCountsEarlierBatches()
    {
        // 5,000 good events, then a string amount: the per-event stream gathers batches of 1,024, yet the error
        // names the position in the whole stream (5,000), as the batched overload does for batches of 3,000.
        var good = Enumerable.Range(0, 5_000).Select(i => new ExampleEvent($"c{i % 7}", "order_completed", SegmentExampleData.AsOf - Duration.FromDays(1), new Dictionary<string, SegmentValue> { ["amount"] = SegmentValue.FromNumber(1) }));
        var events = good.Append(new ExampleEvent("bad", "order_completed", SegmentExampleData.AsOf - Duration.FromDays(1), new Dictionary<string, SegmentValue> { ["amount"] = SegmentValue.FromString("five") })).ToArray();
        var set = SegmentSet.FromRule(SegmentRule.Parse("sum(order_completed.amount) > 1"));

        var perEvent = await Assert.ThrowsAsync<RetentionDataException>(async () =>
            await events.ToAsyncSequence().ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options));
        var batched = await Assert.ThrowsAsync<RetentionDataException>(async () =>
            await new[] { new ReadOnlyMemory<ExampleEvent>(events, 0, 3_000), new ReadOnlyMemory<ExampleEvent>(events, 3_000, events.Length - 3_000) }
                .ToAsyncSequence().ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options));
        var sequence = Assert.Throws<RetentionDataException>(() => events.Select(e => e).ToSegmentAssignment(set, SegmentExampleData.Selectors, SegmentExampleData.Options));

        Assert.Equal(("bad", 5_000L), (perEvent.Customer, perEvent.Position));
        Assert.Equal(("bad", 5_000L), (batched.Customer, batched.Position));
        Assert.Equal(("bad", 5_000L), (sequence.Customer, sequence.Position));
    }

    [Fact]
    public async Task ToSegmentAssignmentAsync_LargeBatches_EqualTheEventByEventSequence()
    {
        // Batches of 150,000 and 50,001 events: the first takes the partitioned path, the second the in-place one;
        // the IEnumerable overload reads 1,024 events at a time, all in place. Same members in the same order.
        var random = new Random(11);
        var names = new[] { "order_completed", "app_session", "page_view" };
        var events = Enumerable.Range(0, 200_001).Select(_ => new ExampleEvent(
            $"c{random.Next(30_000)}", names[random.Next(3)], SegmentExampleData.AsOf - Duration.FromHours(random.Next(-48, 24 * 200)),
            new Dictionary<string, SegmentValue> { ["amount"] = SegmentValue.FromNumber(random.Next(0, 300)) })).ToArray();
        var set = SegmentSet.Parse("many: count(order_completed, last 30 days) >= 2\nbig: sum(order_completed.amount) > 1000\nquiet: not exists(app_session, last 14 days)");

        var batched = await new[] { new ReadOnlyMemory<ExampleEvent>(events, 0, 150_000), new ReadOnlyMemory<ExampleEvent>(events, 150_000, 50_001) }
            .ToAsyncSequence().ToSegmentAssignmentAsync(set, SegmentExampleData.Selectors, SegmentExampleData.Options);
        var sequence = events.Select(e => e).ToSegmentAssignment(set, SegmentExampleData.Selectors, SegmentExampleData.Options);

        Assert.Equal(sequence.Customers, batched.Customers);
        Assert.Equal(sequence.EventsRead, batched.EventsRead);
        for (var i = 0; i < set.Count; i++)
        {
            Assert.Equal(sequence.MembersOf(i), batched.MembersOf(i));
            Assert.InRange(sequence.MembersOf(i).Count, 1, 29_999);
        }
    }
}
