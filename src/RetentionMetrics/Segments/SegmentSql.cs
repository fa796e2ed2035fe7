using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Segments;

/// <summary>Writes a segment rule as one SQL query for a warehouse (DuckDB and PostgreSQL dialect).</summary>
/// <remarks>
/// The query returns the ids of the matching customers (<c>SELECT customer_id ... WHERE rule</c>) over the
/// customers present in either table. Aggregates become correlated subqueries over the events before the as-of
/// instant; relative times are computed here with NodaTime in the options' zone and written as UTC timestamp
/// literals, so the database needs no time-zone support. SQL's own three-valued logic gives the same answers as
/// the in-memory evaluator; <c>count</c> and <c>sum</c> over no events are 0. Date-typed columns compare as
/// midnight UTC in SQL, so they match the in-memory meaning (start of the day in the zone) only when the zone is UTC.
/// </remarks>
public static class SegmentSql
{
    private static readonly LocalDateTimePattern Timestamp = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss.FFFFFFF");

    /// <summary>The SQL query selecting the customers that satisfy <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="options">The as-of instant and zone.</param>
    /// <param name="sql">Table and column names; null for <see cref="SegmentSqlOptions.Default"/>.</param>
    /// <returns>The query text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> or <paramref name="options"/> is null.</exception>
    public static string ToSql(SegmentRule rule, SegmentOptions options, SegmentSqlOptions? sql = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(options);
        sql ??= SegmentSqlOptions.Default;
        var writer = new Writer(options, sql);
        var customer = Quote(sql.CustomerColumn);
        var builder = new StringBuilder();
        builder.Append("SELECT c.").Append(customer).Append(" AS customer_id\nFROM (SELECT ").Append(customer).Append(" FROM ").Append(QuoteTable(sql.EventsTable))
            .Append(" UNION SELECT ").Append(customer).Append(" FROM ").Append(QuoteTable(sql.TraitsTable)).Append(") AS c\n")
            .Append("LEFT JOIN ").Append(QuoteTable(sql.TraitsTable)).Append(" AS t ON t.").Append(customer).Append(" = c.").Append(customer).Append('\n')
            .Append("WHERE ");
        writer.Condition(builder, rule.Condition);
        builder.Append("\nORDER BY c.").Append(customer);
        return builder.ToString();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string QuoteTable(string name) => string.Join('.', name.Split('.').Select(Quote));

    private sealed class Writer(SegmentOptions options, SegmentSqlOptions sql)
    {
        private readonly SegmentPlan timing = new(SegmentSet.FromRule(SegmentRule.Parse("true")), options);

        private string Time(long ticks) => ticks == long.MinValue
            ? "TIMESTAMP '0001-01-01 00:00:00'"
            : "TIMESTAMP '" + Timestamp.Format(Instant.FromUnixTimeTicks(ticks).InUtc().LocalDateTime) + "'";

        private string StartOfDay(LocalDate date) => Time(date.AtStartOfDayInZone(options.Zone).ToInstant().ToUnixTimeTicks());

        public void Condition(StringBuilder builder, SegmentCondition condition, string? scope = null)
        {
            switch (condition)
            {
                case AndCondition and:
                    Join(builder, and.Operands, " AND ", scope);
                    break;
                case OrCondition or:
                    Join(builder, or.Operands, " OR ", scope);
                    break;
                case NotCondition not:
                    builder.Append("NOT (");
                    Condition(builder, not.Operand, scope);
                    builder.Append(')');
                    break;
                case ComparisonCondition comparison:
                    Operand(builder, comparison.Left, scope);
                    builder.Append(' ').Append(comparison.Operator == ComparisonOperator.NotEqual ? "<>" : SegmentPrinter.Symbol(comparison.Operator)).Append(' ');
                    Operand(builder, comparison.Right, scope);
                    break;
                case InCondition @in:
                    Operand(builder, @in.Operand, scope);
                    builder.Append(@in.Negated ? " NOT IN (" : " IN (");
                    for (var i = 0; i < @in.Values.Length; i++)
                    {
                        builder.Append(i == 0 ? string.Empty : ", ");
                        Operand(builder, @in.Values[i], scope);
                    }

                    builder.Append(')');
                    break;
                case BetweenCondition between:
                    Operand(builder, between.Operand, scope);
                    builder.Append(between.Negated ? " NOT BETWEEN " : " BETWEEN ");
                    Operand(builder, between.Low, scope);
                    builder.Append(" AND ");
                    Operand(builder, between.High, scope);
                    break;
                case NullCondition isNull:
                    Operand(builder, isNull.Operand, scope);
                    builder.Append(isNull.Negated ? " IS NOT NULL" : " IS NULL");
                    break;
                case AgoCondition ago:
                    Operand(builder, ago.Operand, scope);
                    builder.Append(" < ").Append(Time(timing.Threshold(ago.Duration)));
                    break;
                case WithinCondition within:
                    Operand(builder, within.Operand, scope);
                    builder.Append(" >= ").Append(Time(timing.Threshold(within.Duration)));
                    break;
                case TestCondition test:
                    builder.Append('(');
                    Operand(builder, test.Operand, scope);
                    builder.Append(')');
                    break;
                default:
                    throw new ArgumentException($"Unknown condition type {condition.GetType().Name}.", nameof(condition));
            }
        }

        private void Join(StringBuilder builder, IReadOnlyList<SegmentCondition> operands, string separator, string? scope)
        {
            builder.Append('(');
            for (var i = 0; i < operands.Count; i++)
            {
                builder.Append(i == 0 ? string.Empty : separator).Append('(');
                Condition(builder, operands[i], scope);
                builder.Append(')');
            }

            builder.Append(')');
        }

        private void Operand(StringBuilder builder, SegmentOperand operand, string? scope)
        {
            switch (operand)
            {
                case LiteralOperand literal:
                    builder.Append(Literal(literal.Value));
                    break;
                case FieldOperand field:
                    builder.Append(scope ?? "t").Append('.').Append(Quote(field.Name));
                    break;
                case AggregateOperand aggregate:
                    Aggregate(builder, aggregate);
                    break;
                default:
                    throw new ArgumentException($"Unknown operand type {operand.GetType().Name}.", nameof(operand));
            }
        }

        private string Literal(SegmentValue value) => value.Kind switch
        {
            SegmentValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
            SegmentValueKind.String => "'" + value.String.Replace("'", "''", StringComparison.Ordinal) + "'",
            SegmentValueKind.Boolean => value.Boolean ? "TRUE" : "FALSE",
            SegmentValueKind.Date => StartOfDay(value.Date),
            SegmentValueKind.Instant => Time(value.Instant.ToUnixTimeTicks()),
            _ => "NULL",
        };

        private void Aggregate(StringBuilder builder, AggregateOperand aggregate)
        {
            var time = "x." + Quote(sql.TimeColumn);
            var property = aggregate.Property is { } p ? "x." + Quote(p) : null;
            var from = new StringBuilder();
            from.Append(" FROM ").Append(QuoteTable(sql.EventsTable)).Append(" AS x WHERE x.").Append(Quote(sql.CustomerColumn)).Append(" = c.").Append(Quote(sql.CustomerColumn))
                .Append(" AND x.").Append(Quote(sql.EventColumn)).Append(" = ").Append(Literal(SegmentValue.FromString(aggregate.EventName)))
                .Append(" AND ").Append(time).Append(" < ").Append(Time(options.AsOf.ToUnixTimeTicks()));
            switch (aggregate.Window)
            {
                case RelativeWindow relative:
                    from.Append(" AND ").Append(time).Append(" >= ").Append(Time(timing.Threshold(relative.Duration)));
                    break;
                case DateRangeWindow range:
                    from.Append(" AND ").Append(time).Append(" >= ").Append(StartOfDay(range.From))
                        .Append(" AND ").Append(time).Append(" < ").Append(StartOfDay(range.To.PlusDays(1)));
                    break;
            }

            if (aggregate.Filter is { } filter)
            {
                from.Append(" AND (");
                Condition(from, filter, "x");
                from.Append(')');
            }

            var text = from.ToString();
            switch (aggregate.Function)
            {
                case AggregateFunction.Count:
                    builder.Append("(SELECT count(").Append(property ?? "*").Append(')').Append(text).Append(')');
                    break;
                case AggregateFunction.Exists:
                    builder.Append("EXISTS (SELECT 1").Append(text).Append(')');
                    break;
                case AggregateFunction.Sum:
                    builder.Append("COALESCE((SELECT sum(").Append(property).Append(')').Append(text).Append("), 0)");
                    break;
                case AggregateFunction.Avg or AggregateFunction.Min or AggregateFunction.Max:
                    builder.Append("(SELECT ").Append(aggregate.Function.ToString().ToLowerInvariant()).Append('(').Append(property).Append(')').Append(text).Append(')');
                    break;
                default:
                    var first = aggregate.Function == AggregateFunction.First;
                    if (property is null)
                    {
                        builder.Append("(SELECT ").Append(first ? "min(" : "max(").Append(time).Append(')').Append(text).Append(')');
                    }
                    else
                    {
                        builder.Append("(SELECT ").Append(property).Append(text).Append(" ORDER BY ").Append(time).Append(first ? " ASC, " : " DESC, ")
                            .Append(property).Append(" DESC NULLS LAST LIMIT 1)");
                    }

                    break;
            }
        }
    }
}
