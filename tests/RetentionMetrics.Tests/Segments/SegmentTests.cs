using NodaTime;
using RetentionMetrics.Segments;
using static RetentionMetrics.Segments.Segment;

namespace RetentionMetrics.Tests.Segments;

public class SegmentTests
{
    [Fact]
    public void Builder_HighValueAtRisk_EqualsParsedTree()
    {
        var built = Sum("order_completed", "amount").GreaterThan(Money(500))
            .And(Last("order_completed").MoreThanAgo(Days(60)))
            .And(Last("app_session").MoreThanAgo(Days(30)));

        Assert.Equal(SegmentRule.Parse("sum(order_completed.amount) > $500 and last(order_completed) more than 60 days ago and last(app_session) more than 30 days ago").Condition, built);
    }

    [Fact]
    public void Builder_FilteredAggregateAndNot_EqualsParsedTree()
    {
        var built = All(
            Trait("plan").In(Value("pro"), Value("enterprise")),
            Not(Exists("feature_used").Where(Property("name").EqualTo(Value("reports"))).InLast(Days(30)).IsTrue()));

        Assert.Equal(SegmentRule.Parse("plan in ('pro', 'enterprise') and not exists(feature_used where name = 'reports', last 30 days)").Condition, built);
    }

    [Fact]
    public void Builder_OtherExamples_EqualParsedTrees()
    {
        Assert.Equal(
            SegmentRule.Parse("subscription_status = 'cancelled' or (last(order_completed) more than 180 days ago and count(order_completed) > 0)").Condition,
            Trait("subscription_status").EqualTo(Value("cancelled"))
                .Or(Last("order_completed").MoreThanAgo(Days(180)).And(Count("order_completed").GreaterThan(Value(0)))));
        Assert.Equal(
            SegmentRule.Parse("last(nps_response.score) between 0 and 6").Condition,
            Last("nps_response", "score").Between(Value(0), Value(6)));
        Assert.Equal(
            SegmentRule.Parse("lifetime_value is null or country != 'FR'").Condition,
            Any(Trait("lifetime_value").IsNull(), Trait("country").NotEqualTo(Value("FR"))));
        Assert.Equal(
            SegmentRule.Parse("signup_date within last 7 days and product_tutorial_completed = false").Condition,
            Trait("signup_date").WithinLast(Days(7)).And(Trait("product_tutorial_completed").EqualTo(Value(false))));
        Assert.Equal(
            SegmentRule.Parse("count(e, between 2024-01-01 and 2024-01-31) >= 2 and min(e.at) < 2024-01-05T10:00:00Z and avg(e.v) <= 3 and max(e.v) != 1 and first(e) > 2023-12-01").Condition,
            All(
                Count("e").InRange(new LocalDate(2024, 1, 1), new LocalDate(2024, 1, 31)).AtLeast(Value(2)),
                Min("e", "at").LessThan(Value(Instant.FromUtc(2024, 1, 5, 10, 0))),
                Avg("e", "v").AtMost(Value(3)),
                Max("e", "v").NotEqualTo(Value(1)),
                First("e").GreaterThan(Value(new LocalDate(2023, 12, 1)))));
    }

    [Fact]
    public void FromCondition_BuiltTree_TypeChecksAndPrints()
    {
        var rule = SegmentRule.FromCondition(Count("order_completed").Where(Property("amount").AtLeast(Value(100))).InLast(Weeks(2)).AtLeast(Value(2)));

        Assert.Equal("count(order_completed where amount >= 100, last 2 weeks) >= 2", rule.Text);
        var error = Assert.Throws<SegmentParseException>(() => SegmentRule.FromCondition(Last("order_completed").GreaterThan(Value(5))));
        Assert.Equal((1, 25), (error.Line, error.Column));
    }

    [Fact]
    public void Builder_BadArguments_NameTheParameter()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => Trait("")).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Days(0)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Trait("x").In()).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentOutOfRangeException>(() => Count("e").InRange(new LocalDate(2024, 2, 1), new LocalDate(2024, 1, 1))).ParamName);
        Assert.Equal("operands", Assert.Throws<ArgumentException>(() => All(Trait("x").IsNull())).ParamName);
    }
}
