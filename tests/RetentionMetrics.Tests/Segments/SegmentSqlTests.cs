using System.Globalization;
using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Tests.Segments;

public class SegmentSqlTests
{
    private static readonly LocalDateTimePattern Timestamp = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss");

    private static string Literal(SegmentValue value) => value.Kind switch
    {
        SegmentValueKind.Missing => "NULL",
        SegmentValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
        SegmentValueKind.String => "'" + value.String.Replace("'", "''", StringComparison.Ordinal) + "'",
        SegmentValueKind.Boolean => value.Boolean ? "TRUE" : "FALSE",
        SegmentValueKind.Date => "DATE '" + value + "'",
        _ => "TIMESTAMP '" + Timestamp.Format(value.Instant.InUtc().LocalDateTime) + "'",
    };

    private static DuckDBConnection Load(IEnumerable<ExampleEvent> events, string[] properties, IReadOnlyDictionary<string, IReadOnlyDictionary<string, SegmentValue>> traits, (string Name, string Type)[] traitColumns)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, $"CREATE TABLE events (customer_id VARCHAR, event VARCHAR, \"timestamp\" TIMESTAMP{string.Concat(properties.Select(p => $", \"{p.Split(' ')[0]}\" {p.Split(' ')[1]}"))})");
        Execute(connection, $"CREATE TABLE traits (customer_id VARCHAR{string.Concat(traitColumns.Select(c => $", \"{c.Name}\" {c.Type}"))})");
        foreach (var e in events)
        {
            Execute(connection, $"INSERT INTO events VALUES ('{e.Customer}', '{e.Name}', {Literal(SegmentValue.FromInstant(e.Time))}{string.Concat(properties.Select(p => ", " + Literal(e.Property(p.Split(' ')[0]))))})");
        }

        foreach (var (customer, values) in traits)
        {
            Execute(connection, $"INSERT INTO traits VALUES ('{customer}'{string.Concat(traitColumns.Select(c => ", " + Literal(values.TryGetValue(c.Name, out var v) ? v : SegmentValue.Missing)))})");
        }

        return connection;
    }

    private static void Execute(DuckDBConnection connection, string text)
    {
        using var command = connection.CreateCommand();
        command.CommandText = text;
        command.ExecuteNonQuery();
    }

    private static string[] Query(DuckDBConnection connection, string text)
    {
        using var command = connection.CreateCommand();
        command.CommandText = text;
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(SegmentExtensionsTests.IssueExamples), MemberType = typeof(SegmentExtensionsTests))]
    public void ToSql_IssueExampleInDuckDb_SelectsHandCheckedMembers(string text, string[] expected)
    {
        using var connection = Load(
            SegmentExampleData.Events, ["amount DECIMAL(18,2)", "name VARCHAR", "score DECIMAL(18,2)"], SegmentExampleData.TraitsView,
            [("signup_date", "DATE"), ("product_tutorial_completed", "BOOLEAN"), ("subscription_status", "VARCHAR"), ("plan", "VARCHAR"), ("country", "VARCHAR"), ("lifetime_value", "DECIMAL(18,2)")]);

        var sql = SegmentSql.ToSql(SegmentRule.Parse(text), SegmentExampleData.Options);

        Assert.Equal(expected, Query(connection, sql));
    }

    private static readonly Instant AsOf = Instant.FromUtc(2024, 7, 1, 0, 0);

    private static readonly Gen<ExampleEvent> Event =
        from customer in Gen.Choose(0, 5)
        from name in Gen.Elements("order", "session")
        from hours in Gen.Choose(-200 * 24, 10 * 24)
        from amount in Gen.Choose(-1, 10)
        from label in Gen.Elements("x", "y", "")
        select new ExampleEvent($"c{customer}", name, AsOf + Duration.FromHours(hours), Properties(amount, label));

    private static Dictionary<string, SegmentValue> Properties(int amount, string label)
    {
        var properties = new Dictionary<string, SegmentValue>();
        if (amount >= 0)
        {
            properties["amount"] = SegmentValue.FromNumber(amount);
        }

        if (label.Length > 0)
        {
            properties["label"] = SegmentValue.FromString(label);
        }

        return properties;
    }

    [Property(MaxTest = 25)]
    public Property ToSql_RandomEvents_AgreesWithInMemoryEvaluation() =>
        Prop.ForAll(Arb.From(Event.ArrayOf()), events =>
        {
            var set = SegmentSet.Parse("""
                a: count(order, last 30 days) >= 2
                b: sum(order.amount) > 20 and avg(order.amount) < 6
                c: last(order.amount) > 5 or first(order.amount) < 3
                d: min(order.amount) = 1 or max(order.amount) >= 9
                e: last(session) within last 10 days and first(session) more than 100 days ago
                f: exists(order where label = 'x', last 2 months) or plan = 'pro'
                g: count(order where amount is null or label not in ('y'), between 2024-05-01 and 2024-06-15) between 1 and 3
                h: not (count(order.label) > 1) and plan is null
                """);
            var traits = new Dictionary<string, IReadOnlyDictionary<string, SegmentValue>>
            {
                ["c1"] = new Dictionary<string, SegmentValue> { ["plan"] = SegmentValue.FromString("pro") },
                ["c9"] = new Dictionary<string, SegmentValue> { ["plan"] = SegmentValue.FromString("free") },
            };
            using var connection = Load(events, ["amount DECIMAL(18,2)", "label VARCHAR"], traits, [("plan", "VARCHAR")]);
            var options = new SegmentOptions(AsOf);
            var memory = ((ReadOnlySpan<ExampleEvent>)events).ToSegmentAssignment(
                set, new SegmentEventSelectors<ExampleEvent, string>(e => e.Customer, e => e.Name, e => e.Time, (e, n) => e.Property(n)), options, traits);
            return set.Select((segment, i) => Query(connection, SegmentSql.ToSql(segment.Rule, options))
                .SequenceEqual(memory.MembersOf(i).Order(StringComparer.Ordinal))).All(x => x);
        });

    [Fact]
    public void ToSql_QuotesNamesAndStrings()
    {
        var sql = SegmentSql.ToSql(SegmentRule.Parse("`odd \"name\"` = 'it\\'s'"), new SegmentOptions(AsOf), new SegmentSqlOptions { TraitsTable = "crm.traits" });

        Assert.Contains("t.\"odd \"\"name\"\"\" = 'it''s'", sql, StringComparison.Ordinal);
        Assert.Contains("\"crm\".\"traits\"", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSql_NullArguments_NameTheParameter()
    {
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => SegmentSql.ToSql(null!, new SegmentOptions(AsOf))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => SegmentSql.ToSql(SegmentRule.Parse("x = 1"), null!)).ParamName);
    }
}
