using FsCheck;
using FsCheck.Xunit;
using RetentionMetrics.Rendering;

namespace RetentionMetrics.Tests.Rendering;

public class HtmlReportBuilderTests
{
    [Fact]
    public void ToHtml_FullPage_ParsesWithKpisSectionsAndSettingsInOrder()
    {
        var html = new HtmlReportBuilder("Retention report")
            .AddParagraph("CDNOW sample, as of 1998-06-30.")
            .AddKpi("Customers", "2,357")
            .AddKpi("Repeat rate", "38.1%", "customers with a second purchase")
            .AddSection("Cohorts", HtmlViews.ToHtml(RenderingData.Cohorts))
            .AddSection("RFM segments", HtmlViews.ToHtml(RenderingData.Rfm), HtmlFragment.FromText("Scores by quintile."))
            .AddSettings([new("input", "CDNOW_sample.txt"), new("as of", "1998-06-30")])
            .ToHtml();

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var page = Markup.ParsePage(html);
        Markup.AssertSafe(page);
        var main = Assert.Single(Markup.WithClass(page, "rm-report"));
        Assert.Equal("Retention report", main.Elements().First().Value);
        Assert.Equal(2, Markup.Count(page, "rm-kpi"));
        Assert.Single(Markup.WithClass(page, "rm-kpi-detail"));
        Assert.Equal(["cohorts", "rfm-segments"], Markup.WithClass(page, "rm-section").Select(s => (string?)s.Attribute("data-section")));
        Markup.Chart(page, "cohort-heatmap");
        Markup.Chart(page, "rfm-grid");
        Assert.Equal(["input", "as of"], Markup.TableRows(page, "settings").Select(r => r.Elements().First().Value));
        var head = page.Root!.Elements().First();
        Assert.Equal(["meta", "meta", "title"], head.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void ToHtml_NoKpisOrSettings_LeavesThoseBlocksOut()
    {
        var page = Markup.ParsePage(new HtmlReportBuilder("Empty").ToHtml());

        Assert.Empty(Markup.WithClass(page, "rm-kpis"));
        Assert.Empty(Markup.WithClass(page, "rm-settings"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_EmptyTitle_ThrowsWithTheMessage(string title)
    {
        var exception = Assert.Throws<ArgumentException>(() => new HtmlReportBuilder(title));
        Assert.Equal("title", exception.ParamName);
        Assert.StartsWith(RenderingErrorMessages.TextEmpty, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSection_NullFragment_ThrowsNamingTheContent() =>
        Assert.Equal("content", Assert.Throws<ArgumentNullException>(() => new HtmlReportBuilder("t").AddSection("s", null!)).ParamName);

    [Theory]
    [InlineData("Cohorts", "cohorts")]
    [InlineData("RFM & clusters!", "rfm-clusters")]
    [InlineData("<<>>", "section")]
    public void Slug_Headings_LowerCaseWordsJoinedByHyphens(string heading, string slug) =>
        Assert.Equal(slug, HtmlReportBuilder.Slug(heading));

    [Property(MaxTest = 200)]
    public bool ToHtml_HostileTexts_StayWellFormedAndRoundTrip(NonEmptyString title, NonNull<string> value, NonNull<string> setting)
    {
        if (string.IsNullOrWhiteSpace(title.Get))
        {
            return true;
        }

        var html = new HtmlReportBuilder(title.Get).AddKpi("k", value.Get).AddSettings([new(setting.Get, value.Get)]).AddParagraph(value.Get).ToHtml();
        var page = Markup.ParsePage(html);
        Markup.AssertSafe(page);
        return Assert.Single(Markup.WithClass(page, "rm-kpi-value")).Value == SvgChartsTests.Sanitised(value.Get)
            && page.Descendants().First(e => e.Name.LocalName == "title").Value == SvgChartsTests.Sanitised(title.Get)
            && Markup.TableRows(page, "settings").Single().Elements().First().Value == SvgChartsTests.Sanitised(setting.Get);
    }
}
