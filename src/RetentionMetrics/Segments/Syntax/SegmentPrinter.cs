using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using NodaTime.Text;

namespace RetentionMetrics.Segments.Syntax;

/// <summary>Prints a syntax tree as canonical rule text: lower-case keywords, single-quoted strings, minimal parentheses.</summary>
internal static class SegmentPrinter
{
    public static string Print(SegmentNode node)
    {
        var builder = new StringBuilder();
        try
        {
            Write(builder, node);
        }
        catch (InsufficientExecutionStackException)
        {
            return "<rule nested too deeply to print>";
        }

        return builder.ToString();
    }

    private static void Write(StringBuilder builder, SegmentNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case OrCondition or:
                for (var i = 0; i < or.Operands.Length; i++)
                {
                    builder.Append(i == 0 ? string.Empty : " or ");
                    Write(builder, or.Operands[i]);
                }

                break;
            case AndCondition and:
                for (var i = 0; i < and.Operands.Length; i++)
                {
                    builder.Append(i == 0 ? string.Empty : " and ");
                    WriteGrouped(builder, and.Operands[i], and.Operands[i] is OrCondition);
                }

                break;
            case NotCondition not:
                builder.Append("not ");
                WriteGrouped(builder, not.Operand, not.Operand is AndCondition or OrCondition);
                break;
            case ComparisonCondition comparison:
                Write(builder, comparison.Left);
                builder.Append(' ').Append(Symbol(comparison.Operator)).Append(' ');
                Write(builder, comparison.Right);
                break;
            case InCondition @in:
                Write(builder, @in.Operand);
                builder.Append(@in.Negated ? " not in (" : " in (");
                for (var i = 0; i < @in.Values.Length; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    Write(builder, @in.Values[i]);
                }

                builder.Append(')');
                break;
            case BetweenCondition between:
                Write(builder, between.Operand);
                builder.Append(between.Negated ? " not between " : " between ");
                Write(builder, between.Low);
                builder.Append(" and ");
                Write(builder, between.High);
                break;
            case NullCondition isNull:
                Write(builder, isNull.Operand);
                builder.Append(isNull.Negated ? " is not null" : " is null");
                break;
            case AgoCondition ago:
                Write(builder, ago.Operand);
                builder.Append(" more than ").Append(ago.Duration.ToString()).Append(" ago");
                break;
            case WithinCondition within:
                Write(builder, within.Operand);
                builder.Append(" within last ").Append(within.Duration.ToString());
                break;
            case TestCondition test:
                Write(builder, test.Operand);
                break;
            case LiteralOperand literal:
                builder.Append(Literal(literal));
                break;
            case FieldOperand field:
                builder.Append(Name(field.Name));
                break;
            case AggregateOperand aggregate:
                builder.Append(aggregate.Function.ToString().ToLowerInvariant()).Append('(').Append(Name(aggregate.EventName));
                if (aggregate.Property is { } property)
                {
                    builder.Append('.').Append(Name(property));
                }

                if (aggregate.Filter is { } filter)
                {
                    builder.Append(" where ");
                    Write(builder, filter);
                }

                if (aggregate.Window is { } window)
                {
                    builder.Append(", ");
                    Write(builder, window);
                }

                builder.Append(')');
                break;
            case RelativeWindow relative:
                builder.Append("last ").Append(relative.Duration.ToString());
                break;
            case DateRangeWindow range:
                builder.Append("between ").Append(LocalDatePattern.Iso.Format(range.From)).Append(" and ").Append(LocalDatePattern.Iso.Format(range.To));
                break;
            default:
                throw new ArgumentException($"Unknown node type {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteGrouped(StringBuilder builder, SegmentNode node, bool parenthesise)
    {
        if (parenthesise)
        {
            builder.Append('(');
        }

        Write(builder, node);
        if (parenthesise)
        {
            builder.Append(')');
        }
    }

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    /// <summary>A name as written in a rule: bare when it is a plain identifier and no keyword, else in backticks.</summary>
    public static string Name(string name)
    {
        var plain = name.Length > 0 && SegmentLexer.IsIdentifierStart(name[0]) && name.All(SegmentLexer.IsIdentifierPart) && !SegmentParser.IsReserved(name);
        return plain ? name : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    public static string Literal(LiteralOperand literal)
    {
        var value = literal.Value;
        switch (value.Kind)
        {
            case SegmentValueKind.Number:
                var number = value.Number;
                var digits = Math.Abs(number).ToString(CultureInfo.InvariantCulture);
                return (number < 0 ? "-" : string.Empty) + (literal.IsMoney ? "$" : string.Empty) + digits;
            case SegmentValueKind.String:
                return Quote(value.String);
            case SegmentValueKind.Boolean:
                return value.Boolean ? "true" : "false";
            case SegmentValueKind.Date:
                return LocalDatePattern.Iso.Format(value.Date);
            case SegmentValueKind.Instant:
                return InstantPattern.ExtendedIso.Format(value.Instant);
            default:
                return "null";
        }
    }

    public static string Quote(string text)
    {
        var builder = new StringBuilder("'");
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\'':
                    builder.Append("\\'");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('\'').ToString();
    }
}
