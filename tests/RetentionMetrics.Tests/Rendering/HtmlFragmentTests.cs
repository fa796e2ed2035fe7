using RetentionMetrics.Rendering;

namespace RetentionMetrics.Tests.Rendering;

public class HtmlFragmentTests
{
    [Fact]
    public void FromText_MarkupCharacters_AreEscapedIntoAParagraph()
    {
        var fragment = HtmlFragment.FromText("a < b & c > \"d\"");

        var p = Markup.Parse(fragment);
        Assert.Equal("p", p.Name.LocalName);
        Assert.Equal("a < b & c > \"d\"", p.Value);
    }

    [Fact]
    public void FromTrustedMarkup_IsKeptAsItIs() =>
        Assert.Equal("<em>x</em>", HtmlFragment.FromTrustedMarkup("<em>x</em>").Markup);

    [Fact]
    public void Equals_SameMarkup_IsEqual() =>
        Assert.Equal(HtmlFragment.FromText("x"), HtmlFragment.FromText("x"));

    [Fact]
    public void ToString_IsTheMarkup() =>
        Assert.Equal("<em>x</em>", HtmlFragment.FromTrustedMarkup("<em>x</em>").ToString());

    [Fact]
    public void FromText_Null_ThrowsNamingTheText() =>
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => HtmlFragment.FromText(null!)).ParamName);
}
