using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Segments;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Tests.Segments;

public class SegmentRuleTests
{
    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    [Property(MaxTest = 500)]
    public Property Parse_OfPrintedTree_EqualsTree() =>
        Prop.ForAll(SegmentGenerators.Conditions, tree =>
        {
            var text = tree.ToString();
            var parsed = SegmentParser.Parse(text);
            return parsed.Equals(tree) && parsed.ToString() == text;
        });

    [Property(MaxTest = 300)]
    public Property TryParse_RandomRuleLikeText_NeverThrowsAndPositionsAreInsideTheText() =>
        Prop.ForAll(SegmentGenerators.RuleLikeText, text =>
        {
            if (SegmentRule.TryParse(text, out var rule, out var error))
            {
                return rule.Equals(SegmentRule.Parse(rule.ToString()));
            }

            return error.Line >= 1 && error.Column >= 1 && error.Offset >= 0 && error.Offset <= text.Length && error.Source == text
                && error.Message.StartsWith("Segment rule error (line ", StringComparison.Ordinal);
        });

    [Fact]
    public void Parse_IssueExample_BuildsTheExpectedTree()
    {
        var rule = SegmentRule.Parse("count(order_completed where amount >= 100, last 90 days) >= 2");

        var expected = new ComparisonCondition(
            new AggregateOperand(AggregateFunction.Count, "order_completed", null,
                new ComparisonCondition(new FieldOperand("amount"), ComparisonOperator.GreaterOrEqual, new LiteralOperand(SegmentValue.FromNumber(100))),
                new RelativeWindow(new SegmentDuration(90, SegmentDurationUnit.Days))),
            ComparisonOperator.GreaterOrEqual,
            new LiteralOperand(SegmentValue.FromNumber(2)));
        Assert.Equal(expected, rule.Condition);
        Assert.Equal(new SourcePosition(0, 1, 1), rule.Condition.Position);
        Assert.Equal(new SourcePosition(28, 1, 29), ((ComparisonCondition)((AggregateOperand)((ComparisonCondition)rule.Condition).Left).Filter!).Position);
    }

    [Theory]
    [InlineData("a = 1 or b = 2 and c = 3", "a = 1 or b = 2 and c = 3")]
    [InlineData("(a = 1 or b = 2) and c = 3", "(a = 1 or b = 2) and c = 3")]
    [InlineData("NOT a = 1 AND b = 2", "not a = 1 and b = 2")]
    [InlineData("not (a = 1 and b = 2)", "not (a = 1 and b = 2)")]
    [InlineData("((a = 1))", "a = 1")]
    [InlineData("x before 2024-01-01 or x after 2024-02-01T10:00:00Z", "x < 2024-01-01 or x > 2024-02-01T10:00:00Z")]
    [InlineData("x <> 'it''s'", null)]
    [InlineData("x == \"a\\\"b\" and y = 500.00 and z = $5.5", "x = 'a\"b' and y = 500.00 and z = $5.5")]
    [InlineData("COUNT(e, LAST 1 WEEK) > -3", "count(e, last 1 week) > -3")]
    [InlineData("`my trait` is not null and `and` not in (1, 2)", "`my trait` is not null and `and` not in (1, 2)")]
    [InlineData("x = 1 -- a comment\n and y = 2", "x = 1 and y = 2")]
    public void ToString_PrecedenceAndSpelling_IsCanonical(string text, string? canonical)
    {
        if (canonical is null)
        {
            Assert.False(SegmentRule.TryParse(text, out _, out _));
            return;
        }

        Assert.Equal(canonical, SegmentRule.Parse(text).ToString());
    }

    [Fact]
    public void Parse_PrecedenceNotAndOr_GroupsAsDocumented()
    {
        var rule = SegmentRule.Parse("not a or b and c");
        var or = Assert.IsType<OrCondition>(rule.Condition);
        Assert.IsType<NotCondition>(or.Operands[0]);
        Assert.Equal(2, Assert.IsType<AndCondition>(or.Operands[1]).Operands.Length);
    }

    [Fact]
    public void Message_StyleGuideExample_HasHeadingExcerptAndCaret()
    {
        var error = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse("count(app_session) >= 3 and plan >= >= 3"));

        Assert.Equal(
            "Segment rule error (line 1, column 37): unexpected `>=`, expected a value.\n"
            + "    count(app_session) >= 3 and plan >= >= 3\n"
            + "                                        ^",
            error.Message);
        Assert.Equal((1, 37, 36), (error.Line, error.Column, error.Offset));
        Assert.Equal([SegmentErrorMessages.ExpectedValue], error.Expected);
    }

    public static TheoryData<string, string, int, int, string?> BadRules => new()
    {
        { "count(app_session) >= 3 and plan >= >= 3", F(SegmentErrorMessages.UnexpectedToken, "`>=`", SegmentErrorMessages.ExpectedValue), 1, 37, null },
        { "", SegmentErrorMessages.EmptyRule, 1, 1, null },
        { "  -- only a comment", SegmentErrorMessages.EmptyRule, 1, 20, null },
        { "plan = ", F(SegmentErrorMessages.UnexpectedEnd, SegmentErrorMessages.ExpectedValue), 1, 8, null },
        { "cnt(order_completed) > 1", F(SegmentErrorMessages.UnknownFunction, "`cnt`"), 1, 1, "count" },
        { "last(x) mroe than 90 days ago", F(SegmentErrorMessages.UnexpectedToken, "`mroe`", "a comparison (=, !=, <, <=, >, >=), `in`, `between`, `is null`, `more than`, `within last`, `before`, `after`, `and` or `or`"), 1, 9, "more" },
        { "count(x, last 3 dyas) > 1", F(SegmentErrorMessages.UnexpectedToken, "`dyas`", SegmentErrorMessages.ExpectedUnit), 1, 17, "days" },
        { "a = 1 adn b = 2", F(SegmentErrorMessages.UnexpectedToken, "`adn`", "`and`, `or` or " + SegmentErrorMessages.ExpectedEnd), 1, 7, "and" },
        { "a = 1\nand b = = 2", F(SegmentErrorMessages.UnexpectedToken, "`=`", SegmentErrorMessages.ExpectedValue), 2, 9, null },
        { "(a = 1", F(SegmentErrorMessages.UnexpectedEnd, "`)`, `and` or `or`"), 1, 7, null },
        { "a = 1)", F(SegmentErrorMessages.UnexpectedToken, "`)`", SegmentErrorMessages.ExpectedEnd), 1, 6, null },
        { "plan = 'pro", F(SegmentErrorMessages.UnterminatedString, "'"), 1, 8, null },
        { "plan = `x", SegmentErrorMessages.UnterminatedName, 1, 8, null },
        { "plan = \u0001", F(SegmentErrorMessages.UnexpectedCharacter, "U+0001"), 1, 8, null },
        { "x = 'a\\q'", F(SegmentErrorMessages.InvalidEscape, "`\\q`"), 1, 7, null },
        { "x > 1e999", F(SegmentErrorMessages.NumberOutOfRange, "`1e999`"), 1, 5, null },
        { "x > 99999999999999999999999999999999", F(SegmentErrorMessages.NumberOutOfRange, "`999999999999999999999999999...`"), 1, 5, null },
        { "x = 2024-02-30", F(SegmentErrorMessages.InvalidDate, "`2024-02-30`"), 1, 5, null },
        { "count(x, last 0 days) > 0", F(SegmentErrorMessages.InvalidDurationCount, "`0`"), 1, 15, null },
        { "count(x, last 2.5 days) > 0", F(SegmentErrorMessages.InvalidDurationCount, "`2.5`"), 1, 15, null },
        { "count(x, between 2024-02-01 and 2024-01-01) > 0", F(SegmentErrorMessages.EmptyDateRange, "2024-02-01", "2024-01-01"), 1, 18, null },
        { "count(x where count(y) > 1) > 0", SegmentErrorMessages.AggregateInFilter, 1, 15, null },
        { "x is nul", F(SegmentErrorMessages.UnexpectedToken, "`nul`", "`null` or `not null`"), 1, 6, "null" },
        { "last(order_completed) > 5", F(SegmentErrorMessages.TypeMismatch, "a date", "a number"), 1, 25, null },
        { "count(x) > 'a'", F(SegmentErrorMessages.TypeMismatch, "a number", "a string"), 1, 12, null },
        { "signup_date > 5 and signup_date within last 3 days", F(SegmentErrorMessages.InconsistentType, "trait `signup_date`", "a date", "a number"), 1, 21, null },
        { "count(x)", F(SegmentErrorMessages.NotACondition, "a number"), 1, 1, null },
        { "sum(order_completed) > 5", F(SegmentErrorMessages.PropertyRequired, "sum"), 1, 1, null },
        { "x = true and x > false", F(SegmentErrorMessages.BooleanOrdering, "`>`"), 1, 18, null },
        { "count(x) more than 3 days ago", F(SegmentErrorMessages.NotATime, "`more than ... ago`", "a number"), 1, 1, null },
        { "x = 1 and 5", F(SegmentErrorMessages.NotACondition, "a number"), 1, 11, null },
        { "x = 1 and y and y > 2", F(SegmentErrorMessages.TypeMismatch, "a boolean", "a number"), 1, 21, null },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void Parse_BadRule_ThrowsPositionedErrorWithConstantMessage(string text, string reason, int line, int column, string? suggestion)
    {
        var error = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse(text));

        Assert.Equal(reason, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal(suggestion, error.Suggestion);
        Assert.False(SegmentRule.TryParse(text, out var rule, out var tried));
        Assert.Null(rule);
        Assert.Equal(error.Message, tried.Message);
        if (suggestion is not null)
        {
            Assert.Contains(F(SegmentErrorMessages.DidYouMean, suggestion), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_UnexpectedEnd_HeadingHasNoColumn()
    {
        var error = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse("plan in ('a',"));
        Assert.True(error.IsAtEnd);
        Assert.StartsWith("Segment rule error (line 1): unexpected end of rule, expected " + SegmentErrorMessages.ExpectedLiteral, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithSchema_UnknownTraitSuggestsNearestName()
    {
        var schema = new SegmentSchema { Traits = new Dictionary<string, SegmentValueKind> { ["country"] = SegmentValueKind.String, ["plan"] = SegmentValueKind.String } };

        var error = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse("contry = 'FR'", schema));

        Assert.Equal((F(SegmentErrorMessages.UnknownTrait, "`contry`"), "country"), (error.Reason, error.Suggestion));
        Assert.Equal(F(SegmentErrorMessages.TypeMismatch, "a string", "a number"), Assert.Throws<SegmentParseException>(() => SegmentRule.Parse("plan > 3", schema)).Reason);
    }

    [Fact]
    public void Parse_WithSchema_UnknownEventAndPropertyAreErrors()
    {
        var schema = new SegmentSchema
        {
            Events = new HashSet<string> { "order_completed" },
            Properties = new Dictionary<string, SegmentValueKind> { ["amount"] = SegmentValueKind.Number, ["coupon"] = SegmentValueKind.String },
        };

        var unknownEvent = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse("count(order_complted) > 0", schema));
        var unknownProperty = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse("sum(order_completed.amont) > 0", schema));
        var wrongKind = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse("sum(order_completed.coupon) > 0", schema));

        Assert.Equal(("order_completed", "amount"), (unknownEvent.Suggestion, unknownProperty.Suggestion));
        Assert.Equal(F(SegmentErrorMessages.AggregateKind, "sum", "number", "`coupon`", "a string"), wrongKind.Reason);
    }

    [Fact]
    public void Parse_TenThousandNestedParentheses_GivesNestingErrorNotStackOverflow()
    {
        var text = new string('(', 10_000) + "x = 1" + new string(')', 10_000);

        var error = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse(text));

        Assert.Equal(F(SegmentErrorMessages.NestingTooDeep, 256), error.Reason);
        Assert.Equal((1, 257), (error.Line, error.Column));
        Assert.True(error.Excerpt.Length < 300);
    }

    [Fact]
    public void Parse_TenThousandNots_GivesNestingError()
    {
        var error = Assert.Throws<SegmentParseException>(() => SegmentRule.Parse(string.Concat(Enumerable.Repeat("not ", 10_000)) + "x"));
        Assert.Equal(F(SegmentErrorMessages.NestingTooDeep, 256), error.Reason);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_Parses()
    {
        var rule = SegmentRule.Parse(new string('(', 256) + "x = 1" + new string(')', 256));
        Assert.Equal("x = 1", rule.ToString());
    }

    [Fact]
    public void Parse_LongFlatChain_ParsesWithoutDeepRecursion()
    {
        var text = string.Join(" and ", Enumerable.Range(0, 20_000).Select(i => $"x{i % 50} = {i}"));
        var rule = SegmentRule.Parse(text);
        Assert.Equal(20_000, Assert.IsType<AndCondition>(rule.Condition).Operands.Length);
    }

    [Fact]
    public void TryParse_HundredKilobytesOfGarbage_ReturnsPositionedErrorQuickly()
    {
        var random = new Random(7);
        var chars = new char[100_000];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0, 0x3000);
        }

        var text = new string(chars);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(SegmentRule.TryParse(text, out _, out var error));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.True(error.Line >= 1 && error.Offset <= text.Length);
    }

    [Fact]
    public void TryParse_HundredKilobytesOfPlausibleTokens_ReturnsWithoutThrowing()
    {
        var random = new Random(11);
        var parts = new[] { "(", ")", "count(", "x", " and ", " or ", "not ", " = ", "'a", "1", ",", "last 3 days", "$", "\"" };
        var builder = new System.Text.StringBuilder();
        while (builder.Length < 100_000)
        {
            builder.Append(parts[random.Next(parts.Length)]);
        }

        var text = builder.ToString();

        var ok = SegmentRule.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_Null_ReturnsEmptyRuleError()
    {
        Assert.False(SegmentRule.TryParse(null, out _, out var error));
        Assert.Equal(SegmentErrorMessages.EmptyRule, error.Reason);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull() =>
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => SegmentRule.Parse(null!)).ParamName);

    [Fact]
    public void Equals_SameRuleDifferentSpelling_AreEqual()
    {
        var a = SegmentRule.Parse("SUM(order_completed.amount) > $500.00 AND (plan = \"pro\")");
        var b = SegmentRule.Parse("sum(order_completed.amount) > $500 and plan = 'pro'");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, SegmentRule.Parse("sum(order_completed.amount) > 500 and plan = 'pro'"));
    }

    [Fact]
    public void Traits_ListsTraitNamesRead() =>
        Assert.Equal(["country", "lifetime_value"], SegmentRule.Parse("lifetime_value is null or country != 'FR'").Traits);

    [Fact]
    public async Task Parse_ManyThreads_SameResult()
    {
        const string Text = "plan in ('pro', 'enterprise') and not exists(feature_used where name = 'reports', last 30 days)";
        var expected = SegmentRule.Parse(Text);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SegmentRule.Parse(Text))));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
