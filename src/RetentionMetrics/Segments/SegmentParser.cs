using System.Collections.Immutable;
using System.Globalization;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Segments;

/// <summary>
/// Recursive-descent parser of rule text into a syntax tree. Recursion happens only at parentheses, <c>not</c> and
/// <c>where</c>, and their nesting is capped at <see cref="MaximumNesting"/>, so no input can exhaust the stack.
/// </summary>
internal sealed class SegmentParser
{
    /// <summary>How deep parentheses, <c>not</c> and <c>where</c> may nest.</summary>
    public const int MaximumNesting = 256;

    internal static readonly string[] Functions = ["count", "sum", "avg", "min", "max", "first", "last", "exists"];

    private static readonly HashSet<string> Reserved = new(
        ["and", "or", "not", "in", "between", "is", "null", "more", "than", "ago", "within", "last", "before", "after", "where", "true", "false"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly string[] ConditionContinuations =
        ["=", "!=", "<", "<=", ">", ">=", "in", "between", "is", "more", "within", "before", "after", "and", "or", "not"];

    private readonly SegmentLexer lexer;
    private Token current;
    private Token next;
    private bool hasNext;
    private int depth;

    private SegmentParser(string source, int start, int end, int line, int lineStart)
    {
        lexer = new SegmentLexer(source, start, end, line, lineStart);
        current = lexer.Next();
    }

    /// <summary>Parses the whole of <paramref name="source"/> as one rule.</summary>
    public static SegmentCondition Parse(string source) => Parse(source, 0, source.Length, 1, 0);

    /// <summary>Parses <paramref name="source"/>[start..end) as one rule; positions are in the whole text.</summary>
    public static SegmentCondition Parse(string source, int start, int end, int line, int lineStart)
    {
        var parser = new SegmentParser(source, start, end, line, lineStart);
        if (parser.current.Kind == TokenKind.End)
        {
            throw parser.Fail(SegmentErrorMessages.EmptyRule, parser.current, [SegmentErrorMessages.ExpectedCondition], null);
        }

        var condition = parser.ParseOr(inFilter: false);
        if (parser.current.Kind != TokenKind.End)
        {
            var expected = parser.current.Kind == TokenKind.RightParen ? new[] { SegmentErrorMessages.ExpectedEnd } : ["`and`", "`or`", SegmentErrorMessages.ExpectedEnd];
            throw parser.Unexpected(expected, parser.current.Kind == TokenKind.Identifier ? ["and", "or"] : null);
        }

        return condition;
    }

    public static bool IsReserved(string name) => Reserved.Contains(name);

    private SegmentParseException Fail(string reason, Token at, IReadOnlyList<string> expected, string? suggestion) =>
        new(reason, lexer.Source, at.Offset, at.Line, at.Column, expected, suggestion, at.Kind == TokenKind.End);

    private SegmentParseException Unexpected(IReadOnlyList<string> expected, IEnumerable<string>? candidates = null)
    {
        var list = JoinAlternatives(expected);
        var suggestion = candidates is not null && current.Kind == TokenKind.Identifier ? EditDistance.Suggest(current.Text, candidates) : null;
        return current.Kind == TokenKind.End
            ? Fail(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnexpectedEnd, list), current, expected, suggestion)
            : Fail(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnexpectedToken, Describe(current), list), current, expected, suggestion);
    }

    internal static string JoinAlternatives(IReadOnlyList<string> items) =>
        items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
        };

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "end of rule",
        TokenKind.String => "the string " + SegmentLexer.Show(token.Text),
        TokenKind.Number => "the number " + SegmentLexer.Show(token.Text),
        TokenKind.Date or TokenKind.Instant => "the date " + SegmentLexer.Show(token.Text),
        _ => SegmentLexer.Show(token.Text),
    };

    private Token Advance()
    {
        var taken = current;
        if (hasNext)
        {
            current = next;
            hasNext = false;
        }
        else
        {
            current = lexer.Next();
        }

        return taken;
    }

    private Token PeekNext()
    {
        if (!hasNext)
        {
            next = lexer.Next();
            hasNext = true;
        }

        return next;
    }

    private void Enter(Token at)
    {
        if (++depth > MaximumNesting)
        {
            throw Fail(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.NestingTooDeep, MaximumNesting), at, [], null);
        }
    }

    private static SourcePosition PositionOf(Token token) => new(token.Offset, token.Line, token.Column);

    private void Expect(TokenKind kind, string shown)
    {
        if (current.Kind != kind)
        {
            throw Unexpected([shown]);
        }

        Advance();
    }

    private void ExpectKeyword(string keyword)
    {
        if (!current.IsKeyword(keyword))
        {
            throw Unexpected([$"`{keyword}`"], [keyword]);
        }

        Advance();
    }

    private SegmentCondition ParseOr(bool inFilter)
    {
        var start = current;
        var first = ParseAnd(inFilter);
        if (!current.IsKeyword("or"))
        {
            return first;
        }

        var operands = new List<SegmentCondition> { first };
        while (current.IsKeyword("or"))
        {
            Advance();
            operands.Add(ParseAnd(inFilter));
        }

        return new OrCondition(operands) { Position = PositionOf(start) };
    }

    private SegmentCondition ParseAnd(bool inFilter)
    {
        var start = current;
        var first = ParseNot(inFilter);
        if (!current.IsKeyword("and"))
        {
            return first;
        }

        var operands = new List<SegmentCondition> { first };
        while (current.IsKeyword("and"))
        {
            Advance();
            operands.Add(ParseNot(inFilter));
        }

        return new AndCondition(operands) { Position = PositionOf(start) };
    }

    private SegmentCondition ParseNot(bool inFilter)
    {
        // "not" chains are read in a loop and wrapped afterwards: only the nesting count limits them.
        var nots = new List<Token>();
        while (current.IsKeyword("not"))
        {
            Enter(current);
            nots.Add(Advance());
        }

        var condition = ParsePredicate(inFilter);
        for (var i = nots.Count - 1; i >= 0; i--)
        {
            condition = new NotCondition(condition) { Position = PositionOf(nots[i]) };
        }

        depth -= nots.Count;
        return condition;
    }

    private SegmentCondition ParsePredicate(bool inFilter)
    {
        if (current.Kind == TokenKind.LeftParen)
        {
            Enter(current);
            Advance();
            var inner = ParseOr(inFilter);
            if (current.Kind != TokenKind.RightParen)
            {
                throw Unexpected(["`)`", "`and`", "`or`"], current.Kind == TokenKind.Identifier ? ["and", "or"] : null);
            }

            Advance();
            depth--;
            return inner;
        }

        var start = current;
        var operand = ParseOperand(inFilter, SegmentErrorMessages.ExpectedCondition);
        var position = PositionOf(start);
        if (ComparisonOf(current.Kind) is { } op)
        {
            Advance();
            return new ComparisonCondition(operand, op, ParseOperand(inFilter, SegmentErrorMessages.ExpectedValue)) { Position = position };
        }

        if (current.IsKeyword("before") || current.IsKeyword("after"))
        {
            var before = Advance().IsKeyword("before");
            return new ComparisonCondition(operand, before ? ComparisonOperator.Less : ComparisonOperator.Greater, ParseOperand(inFilter, SegmentErrorMessages.ExpectedValue)) { Position = position };
        }

        var negated = false;
        if (current.IsKeyword("not") && (PeekNext().IsKeyword("in") || PeekNext().IsKeyword("between")))
        {
            Advance();
            negated = true;
        }

        if (current.IsKeyword("in"))
        {
            Advance();
            return ParseInList(operand, negated, position);
        }

        if (current.IsKeyword("between"))
        {
            Advance();
            var low = ParseOperand(inFilter, SegmentErrorMessages.ExpectedValue);
            ExpectKeyword("and");
            var high = ParseOperand(inFilter, SegmentErrorMessages.ExpectedValue);
            return new BetweenCondition(operand, low, high, negated) { Position = position };
        }

        if (current.IsKeyword("is"))
        {
            Advance();
            var isNot = false;
            if (current.IsKeyword("not"))
            {
                Advance();
                isNot = true;
            }

            if (!current.IsKeyword("null"))
            {
                throw Unexpected(isNot ? ["`null`"] : ["`null`", "`not null`"], ["null", "not"]);
            }

            Advance();
            return new NullCondition(operand, isNot) { Position = position };
        }

        if (current.IsKeyword("more"))
        {
            Advance();
            ExpectKeyword("than");
            var duration = ParseDuration();
            ExpectKeyword("ago");
            return new AgoCondition(operand, duration) { Position = position };
        }

        if (current.IsKeyword("within"))
        {
            Advance();
            ExpectKeyword("last");
            return new WithinCondition(operand, ParseDuration()) { Position = position };
        }

        if (current.Kind is TokenKind.End or TokenKind.RightParen or TokenKind.Comma || current.IsKeyword("and") || current.IsKeyword("or"))
        {
            return new TestCondition(operand) { Position = position };
        }

        throw Unexpected(
            ["a comparison (=, !=, <, <=, >, >=)", "`in`", "`between`", "`is null`", "`more than`", "`within last`", "`before`", "`after`", "`and`", "`or`"],
            ConditionContinuations);
    }

    private static ComparisonOperator? ComparisonOf(TokenKind kind) => kind switch
    {
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        TokenKind.Less => ComparisonOperator.Less,
        TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
        TokenKind.Greater => ComparisonOperator.Greater,
        TokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
        _ => null,
    };

    private InCondition ParseInList(SegmentOperand operand, bool negated, SourcePosition position)
    {
        Expect(TokenKind.LeftParen, "`(`");
        var values = ImmutableArray.CreateBuilder<LiteralOperand>();
        while (true)
        {
            if (ParseLiteral() is not { } literal)
            {
                throw Unexpected([SegmentErrorMessages.ExpectedLiteral]);
            }

            values.Add(literal);
            if (current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (current.Kind == TokenKind.RightParen)
            {
                Advance();
                break;
            }

            throw Unexpected(["`,`", "`)`"]);
        }

        return new InCondition(operand, values.ToImmutable(), negated) { Position = position };
    }

    private LiteralOperand? ParseLiteral()
    {
        var start = current;
        switch (current.Kind)
        {
            case TokenKind.Number or TokenKind.String or TokenKind.Date or TokenKind.Instant:
                Advance();
                return new LiteralOperand(start.Value, start.IsMoney) { Position = PositionOf(start) };
            case TokenKind.Minus when PeekNext().Kind == TokenKind.Number:
                Advance();
                var number = Advance();
                return new LiteralOperand(SegmentValue.FromNumber(-number.Value.Number), number.IsMoney) { Position = PositionOf(start) };
            case TokenKind.Identifier when current.IsKeyword("true") || current.IsKeyword("false"):
                Advance();
                return new LiteralOperand(SegmentValue.FromBoolean(start.IsKeyword("true"))) { Position = PositionOf(start) };
            default:
                return null;
        }
    }

    private SegmentOperand ParseOperand(bool inFilter, string expected)
    {
        if (ParseLiteral() is { } literal)
        {
            return literal;
        }

        var start = current;
        if (current.Kind == TokenKind.QuotedName)
        {
            Advance();
            return new FieldOperand(start.Text) { Position = PositionOf(start) };
        }

        if (current.Kind == TokenKind.Identifier)
        {
            if (PeekNext().Kind == TokenKind.LeftParen)
            {
                if (inFilter)
                {
                    throw Fail(SegmentErrorMessages.AggregateInFilter, current, [SegmentErrorMessages.ExpectedProperty], null);
                }

                return ParseAggregate();
            }

            if (!IsReserved(current.Text))
            {
                Advance();
                return new FieldOperand(start.Text) { Position = PositionOf(start) };
            }
        }

        throw Unexpected([expected]);
    }

    private AggregateOperand ParseAggregate()
    {
        var start = Advance();
        var index = Array.FindIndex(Functions, f => string.Equals(f, start.Text, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw Fail(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnknownFunction, SegmentLexer.Show(start.Text)), start,
                Functions, EditDistance.Suggest(start.Text, Functions));
        }

        var function = (AggregateFunction)index;
        Advance(); // (
        var eventName = ParseName(SegmentErrorMessages.ExpectedEvent);
        string? property = null;
        if (current.Kind == TokenKind.Dot)
        {
            Advance();
            property = ParseName(SegmentErrorMessages.ExpectedProperty);
        }

        SegmentCondition? filter = null;
        if (current.IsKeyword("where"))
        {
            Enter(current);
            Advance();
            filter = ParseOr(inFilter: true);
            depth--;
        }

        SegmentWindow? window = null;
        if (current.Kind == TokenKind.Comma)
        {
            Advance();
            window = ParseWindow();
        }

        if (current.Kind != TokenKind.RightParen)
        {
            var expected = new List<string>();
            if (filter is null && window is null)
            {
                expected.Add("`where`");
            }

            if (window is null)
            {
                expected.Add("`,` and a window");
            }

            expected.Add("`)`");
            throw Unexpected(expected, filter is null ? ["where"] : null);
        }

        Advance();
        return new AggregateOperand(function, eventName, property, filter, window) { Position = PositionOf(start) };
    }

    private string ParseName(string expected)
    {
        if (current.Kind == TokenKind.QuotedName || (current.Kind == TokenKind.Identifier && !IsReserved(current.Text)))
        {
            return Advance().Text;
        }

        throw Unexpected([expected]);
    }

    private SegmentWindow ParseWindow()
    {
        var start = current;
        if (current.IsKeyword("last"))
        {
            Advance();
            return new RelativeWindow(ParseDuration()) { Position = PositionOf(start) };
        }

        if (current.IsKeyword("between"))
        {
            Advance();
            var fromToken = current;
            var from = ParseDate();
            ExpectKeyword("and");
            var to = ParseDate();
            if (to < from)
            {
                throw Fail(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.EmptyDateRange, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), fromToken, [], null);
            }

            return new DateRangeWindow(from, to) { Position = PositionOf(start) };
        }

        throw Unexpected(["`last`", "`between`"], ["last", "between"]);
    }

    private NodaTime.LocalDate ParseDate()
    {
        if (current.Kind != TokenKind.Date)
        {
            throw Unexpected([SegmentErrorMessages.ExpectedDate]);
        }

        return Advance().Value.Date;
    }

    private SegmentDuration ParseDuration()
    {
        if (current.Kind != TokenKind.Number)
        {
            throw Unexpected([SegmentErrorMessages.ExpectedCount]);
        }

        var count = current;
        var value = count.Value.Number;
        if (count.IsMoney || value != decimal.Truncate(value) || value < 1 || value > SegmentDuration.MaximumCount || count.Text.Contains('.', StringComparison.Ordinal))
        {
            throw Fail(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.InvalidDurationCount, SegmentLexer.Show(count.Text)), count, [SegmentErrorMessages.ExpectedCount], null);
        }

        Advance();
        if (current.Kind == TokenKind.Identifier)
        {
            SegmentDurationUnit? unit = current.Text.ToLowerInvariant() switch
            {
                "day" or "days" => SegmentDurationUnit.Days,
                "week" or "weeks" => SegmentDurationUnit.Weeks,
                "month" or "months" => SegmentDurationUnit.Months,
                _ => null,
            };
            if (unit is { } found)
            {
                Advance();
                return new SegmentDuration((int)value, found);
            }
        }

        throw Unexpected([SegmentErrorMessages.ExpectedUnit], ["days", "weeks", "months"]);
    }
}
