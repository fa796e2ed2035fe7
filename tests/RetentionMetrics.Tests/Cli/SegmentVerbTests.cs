using System.Globalization;
using System.Text.Json;
using RetentionMetrics.Cli;

namespace RetentionMetrics.Tests.Cli;

public sealed class SegmentVerbTests : IDisposable
{
    // A small version of the segment example data (as of 2024-07-01, UTC):
    // c1 ordered 600 on 03-01; c2 ordered 150 and 100 (05-15, 06-01) and has 5 sessions in June;
    // c3 ordered 50 on 06-01 and has 2 sessions; c7 ordered 300 and 250 in Jan/Feb and had a session on 05-01;
    // c10 has events only (a session on 06-10). Traits: c1 pro/FR, c2 free/DE, c3 enterprise/FR (cancelled),
    // c4 (traits only) pro, no country.
    private const string Events = """
        customer_id,event,timestamp,amount,name
        c1,order_completed,2024-03-01,600,
        c2,order_completed,2024-05-15,150,
        c2,order_completed,2024-06-01T12:00:00Z,100,
        c2,app_session,2024-06-15,,
        c2,app_session,2024-06-16,,
        c2,app_session,2024-06-17,,
        c2,app_session,2024-06-18,,
        c2,app_session,2024-06-19,,
        c3,order_completed,2024-06-01,50,
        c3,app_session,2024-06-10,,
        c3,app_session,2024-06-20,,
        c3,feature_used,2024-06-25,,export
        c7,order_completed,2024-01-15,300,
        c7,order_completed,2024-02-15,250,
        c7,app_session,2024-05-01,,
        c10,app_session,2024-06-10,,
        """;

    private const string Traits = """
        customer_id,plan,country,subscription_status,vip
        c1,pro,FR,active,true
        c2,free,DE,active,false
        c3,enterprise,FR,cancelled,false
        c4,pro,,,
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("segment-verb").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await RetentionApp.RunAsync(["segment", .. args], output, error, false, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Segment_RuleAsJson_PrintsSortedMatchingIds()
    {
        // Last order more than 90 days before 07-01 (i.e. before 04-02): c1 (03-01) and c7 (02-15).
        // count(app_session, last 30 days) < 3: c3 (2), c1/c4/c7 (0), c10 (1); c2 has 5. Ids sort ordinally (not all digits).
        var (code, output, error) = await Run(
            "--events", Write("events.csv", Events), "--traits", Write("traits.csv", Traits),
            "--rule", "last(order_completed) more than 90 days ago or count(app_session, last 30 days) < 3",
            "--as-of", "2024-07-01", "--format", "json");

        Assert.Equal((0, string.Empty), (code, error));
        Assert.Equal(["c1", "c10", "c3", "c4", "c7"], JsonSerializer.Deserialize<string[]>(output)!);
    }

    [Fact]
    public async Task Segment_RulesFile_PrintsObjectPerSegment()
    {
        // high_value: sum > 500 → c1 (600), c7 (550). french: country = 'FR' → c1, c3.
        // pro_without_reports: plan in (pro, enterprise) and no feature 'reports' → c1, c3 (export only), c4.
        // vip: the boolean trait → c1.
        var rules = Write("rules.txt", """
            high_value: sum(order_completed.amount) > $500
            french: country = 'FR'
            pro_without_reports: plan in ('pro', 'enterprise')
                and not exists(feature_used where name = 'reports', last 30 days)
            vip: vip
            """);

        var (code, output, _) = await Run("--events", Write("events.csv", Events), "--traits", Write("traits.csv", Traits), "--rules", rules, "--as-of", "2024-07-01", "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["high_value", "french", "pro_without_reports", "vip"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, json.RootElement.GetProperty("high_value").GetProperty("size").GetInt32());
        Assert.Equal(["c1", "c7"], json.RootElement.GetProperty("high_value").GetProperty("customers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["c1", "c3"], json.RootElement.GetProperty("french").GetProperty("customers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["c1", "c3", "c4"], json.RootElement.GetProperty("pro_without_reports").GetProperty("customers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["c1"], json.RootElement.GetProperty("vip").GetProperty("customers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Segment_CountWithFirstMatch_PrintsSizesOnly()
    {
        // french first: c1, c3; then high_value: c7 (c1 already taken).
        var rules = Write("rules.txt", "french: country = 'FR'\nhigh_value: sum(order_completed.amount) > 500");

        var (code, output, _) = await Run("--events", Write("events.csv", Events), "--traits", Write("traits.csv", Traits), "--rules", rules,
            "--as-of", "2024-07-01", "--count", "--first-match", "--format", "csv");

        Assert.Equal(0, code);
        Assert.Equal("segment,size\nfrench,2\nhigh_value,1\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Segment_TableFormat_ListsCustomersAndSummary()
    {
        var (code, output, _) = await Run("--events", Write("events.csv", Events), "--rule", "count(order_completed) >= 2", "--as-of", "2024-07-01");

        Assert.Equal(0, code);
        Assert.Contains("c2", output, StringComparison.Ordinal);
        Assert.Contains("c7", output, StringComparison.Ordinal);
        Assert.DoesNotContain("c3", output, StringComparison.Ordinal);
        Assert.Contains("5 customers from 16 events; segment: 2.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_BadRule_ExitsWithPositionedMessageAndNoOutput()
    {
        var (code, output, error) = await Run("--events", Write("events.csv", Events), "--rule", "count(order_completed) >= >= 2", "--as-of", "2024-07-01");

        // The heading, then the rule with a caret under column 27 (4 spaces of indent + 26).
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            "retention: error: --rule: Segment rule error (line 1, column 27): unexpected `>=`, expected a value.\n"
            + "    count(order_completed) >= >= 2\n"
            + "                              ^",
            error.ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public async Task Segment_MisspeltEventName_SuggestsEventFromFileWithCaret()
    {
        // The events file has order_completed, app_session and feature_used; "order_complete" is one edit from the first.
        // The caret is under the aggregate that names the event (column 1).
        var (code, output, error) = await Run("--events", Write("events.csv", Events), "--rule", "count(order_complete) > 0", "--as-of", "2024-07-01");

        Assert.Equal((2, string.Empty), (code, output));
        var lines = error.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("retention: error: --rule: Segment rule error (line 1, column 1): ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(
            string.Format(CultureInfo.InvariantCulture, RetentionMetrics.Segments.SegmentErrorMessages.UnknownEvent, "`order_complete`")
            + string.Format(CultureInfo.InvariantCulture, RetentionMetrics.Segments.SegmentErrorMessages.DidYouMean, "order_completed"),
            lines[0],
            StringComparison.Ordinal);
        Assert.Equal("    count(order_complete) > 0", lines[1]);
        Assert.Equal("    ^", lines[2]);
    }

    [Fact]
    public async Task Segment_EventNameInFile_IsAccepted()
    {
        // feature_used appears only for c3; the rule names it exactly, so it type-checks and selects c3.
        var (code, output, _) = await Run("--events", Write("events.csv", Events), "--rule", "exists(feature_used)", "--as-of", "2024-07-01", "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal(["c3"], JsonSerializer.Deserialize<string[]>(output)!);
    }

    [Fact]
    public async Task Segment_BadRuleInRulesFile_PrintsExcerptOfThatLine()
    {
        // The aggregate starts at column 6 of line 2, so the caret is under it: 4 spaces of indent + 5.
        var rules = Write("rules.txt", "ok: count(order_completed) > 0\nbad: count(app_sesion) > 1");

        var (code, output, error) = await Run("--events", Write("events.csv", Events), "--rules", rules, "--as-of", "2024-07-01");

        Assert.Equal((2, string.Empty), (code, output));
        var lines = error.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal($"retention: error: {rules}: Segment rule error (line 2, column 6): unknown event `app_sesion`. Did you mean `app_session`?", lines[0]);
        Assert.Equal("    bad: count(app_sesion) > 1", lines[1]);
        Assert.Equal("         ^", lines[2]);
    }

    [Fact]
    public async Task Segment_MisspeltTrait_SuggestsColumn()
    {
        var (code, _, error) = await Run("--events", Write("events.csv", Events), "--traits", Write("traits.csv", Traits), "--rule", "contry = 'FR'", "--as-of", "2024-07-01");

        Assert.Equal(2, code);
        Assert.Contains("unknown trait `contry`. Did you mean `country`?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_TypeErrorAgainstInferredColumn_NamesRulesFileLine()
    {
        var rules = Write("rules.txt", "ok: count(order_completed) > 0\nbad: sum(order_completed.name) > 3");

        var (code, _, error) = await Run("--events", Write("events.csv", Events), "--rules", rules, "--as-of", "2024-07-01");

        Assert.Equal(2, code);
        Assert.StartsWith($"retention: error: {rules}: Segment rule error (line 2, column 6): sum needs a number property", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_BadTimestamp_NamesFileLineAndColumn()
    {
        var events = Write("events.csv", "customer_id,event,timestamp\nc1,x,2024-01-01\nc2,x,yesterday\n");

        var (code, output, error) = await Run("--events", events, "--rule", "count(x) > 0", "--as-of", "2024-07-01");

        Assert.Equal((2, string.Empty), (code, output));
        Assert.Contains("line 3", error, StringComparison.Ordinal);
        Assert.Contains("timestamp", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_BothRuleAndRules_IsUsageError()
    {
        var (code, _, error) = await Run("--events", Write("events.csv", Events), "--rule", "count(x) > 0", "--rules", "r.txt", "--as-of", "2024-07-01");

        Assert.Equal(2, code);
        Assert.Contains("exactly one of --rule and --rules", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_MissingEventColumn_NamesColumns()
    {
        var (code, _, error) = await Run("--events", Write("events.csv", "customer_id,name,timestamp\nc1,x,2024-01-01\n"), "--rule", "count(x) > 0", "--as-of", "2024-07-01");

        Assert.Equal(2, code);
        Assert.Contains("'event'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_ZoneMovesDayBoundaries()
    {
        // An order at 2024-06-30T22:30Z is 00:30 on 1 July in Paris: at or after A (the start of 1 July in Paris),
        // so it is left out there, but counted in UTC.
        var events = Write("events.csv", "customer_id,event,timestamp\nc1,order,2024-06-30T22:30:00Z\n");

        var utc = await Run("--events", events, "--rule", "count(order) = 1", "--as-of", "2024-07-01", "--format", "json");
        var paris = await Run("--events", events, "--rule", "count(order) = 1", "--as-of", "2024-07-01", "--zone", "Europe/Paris", "--format", "json");

        Assert.Equal(["c1"], JsonSerializer.Deserialize<string[]>(utc.Output)!);
        Assert.Empty(JsonSerializer.Deserialize<string[]>(paris.Output)!);
    }
}
