using System.Globalization;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Tests.Segments;

public class SegmentSetTests
{
    private const string Text = """
        -- audiences of the example data
        churned: subscription_status = 'cancelled' or (last(order_completed) more than 180 days ago
            and count(order_completed) > 0)
        onboarding: signup_date within last 7 days and product_tutorial_completed = false

        outside-france: lifetime_value is null or country != 'FR'
        """;

    [Fact]
    public void Parse_MultiLineRulesAndComments_ReadsEachSegment()
    {
        var set = SegmentSet.Parse(Text);

        Assert.Equal(["churned", "onboarding", "outside-france"], set.Select(s => s.Name));
        Assert.Equal(SegmentRule.Parse("subscription_status = 'cancelled' or (last(order_completed) more than 180 days ago and count(order_completed) > 0)"), set[0].Rule);
        Assert.Equal(set, SegmentSet.Parse(set.ToString()));
    }

    [Fact]
    public void ToAssignment_AllMatchesAndFirstMatch_HandCheckedSizes()
    {
        // From the issue examples on SegmentExampleData: churned {c3, c8}, onboarding {c2, c3},
        // outside-france {c2, c4, c5, c7, c8}. First match: c3 → churned, c8 → churned, c2 → onboarding,
        // so outside-france keeps c4, c5, c7.
        var set = SegmentSet.Parse(Text);
        var all = ((ReadOnlySpan<ExampleEvent>)SegmentExampleData.Events).ToSegmentAssignment(set, SegmentExampleData.Selectors, SegmentExampleData.Options, SegmentExampleData.TraitsView);
        var first = ((ReadOnlySpan<ExampleEvent>)SegmentExampleData.Events).ToSegmentAssignment(
            set, SegmentExampleData.Selectors, SegmentExampleData.Options with { Assignment = SegmentAssignmentMode.FirstMatch }, SegmentExampleData.TraitsView);

        Assert.Equal([2, 2, 5], all.Sizes);
        Assert.Equal([2, 1, 3], first.Sizes);
        Assert.Equal(["c4", "c5", "c7"], first.MembersOf("outside-france").Order(StringComparer.Ordinal));
        Assert.Equal(["churned", "onboarding"], all.SegmentsOf("c3"));
        Assert.Equal(["churned"], first.SegmentsOf("c3"));
        Assert.Empty(all.SegmentsOf("c1"));
        Assert.Equal(2, all.SizeOf("onboarding"));
        Assert.Throws<ArgumentException>(() => all.SizeOf("nope"));
    }

    [Fact]
    public void Parse_ErrorInSecondSegment_IsPositionedInTheWholeText()
    {
        var error = Assert.Throws<SegmentParseException>(() => SegmentSet.Parse("a: x = 1\nb: y = = 2"));

        Assert.Equal((2, 8), (error.Line, error.Column));
        Assert.Equal("    b: y = = 2\n           ^", error.Excerpt);
    }

    [Theory]
    [InlineData("a: x = 1\na: y = 2", 2, 1)]
    [InlineData("x = 1", 1, 1)]
    [InlineData("", 1, 1)]
    public void Parse_BadSet_ThrowsPositionedError(string text, int line, int column)
    {
        Assert.False(SegmentSet.TryParse(text, null, out _, out var error));
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_DuplicateName_UsesConstantMessage() =>
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.DuplicateSegment, "`a`"),
            Assert.Throws<SegmentParseException>(() => SegmentSet.Parse("a: x = 1\na: y = 2")).Reason);

    [Fact]
    public void Constructor_EmptyOrDuplicate_ThrowsArgumentException()
    {
        var rule = SegmentRule.Parse("x = 1");
        Assert.Equal("segments", Assert.Throws<ArgumentException>(() => new SegmentSet([])).ParamName);
        Assert.Equal("segments", Assert.Throws<ArgumentException>(() => new SegmentSet([new("a", rule), new("a", rule)])).ParamName);
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => SegmentSet.FromRule(null!)).ParamName);
    }

    [Fact]
    public void TryParse_HundredKilobytesOfGarbage_ReturnsPositionedError()
    {
        var random = new Random(5);
        var text = new string([.. Enumerable.Range(0, 100_000).Select(_ => (char)random.Next(0, 128))]);

        Assert.False(SegmentSet.TryParse(text, null, out _, out var error));
        Assert.True(error.Line >= 1 && error.Column >= 1 && error.Offset <= text.Length);
    }
}
