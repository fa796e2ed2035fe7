using RetentionMetrics.Rendering;

namespace RetentionMetrics.Tests.Rendering;

public class ChartOptionsTests
{
    [Fact]
    public void Default_HasTheDocumentedValues()
    {
        var o = ChartOptions.Default;

        Assert.Equal((640, 320, 2_000, 20, 20, 0.99), (o.Width, o.Height, o.MaximumPoints, o.Bins, o.MaximumRows, o.HistogramUpperQuantile));
        Assert.Null(o.Title);
    }

    public static TheoryData<ChartOptions, string> BadOptions => new()
    {
        { new ChartOptions { MaximumPoints = 0 }, RenderingErrorMessages.MaximumPointsOutOfRange },
        { new ChartOptions { Bins = 0 }, RenderingErrorMessages.BinsOutOfRange },
        { new ChartOptions { Bins = 201 }, RenderingErrorMessages.BinsOutOfRange },
        { new ChartOptions { MaximumRows = 0 }, RenderingErrorMessages.MaximumRowsOutOfRange },
        { new ChartOptions { HistogramUpperQuantile = 0 }, RenderingErrorMessages.UpperQuantileOutOfRange },
        { new ChartOptions { HistogramUpperQuantile = double.NaN }, RenderingErrorMessages.UpperQuantileOutOfRange },
        { new ChartOptions { Width = 4_001 }, RenderingErrorMessages.WidthOutOfRange },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_OutOfRange_ThrowsTheMessageNamingTheParameter(ChartOptions options, string message)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SvgCharts.Histogram([1d], "x", options));
        Assert.Equal("options", exception.ParamName);
        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
    }
}
