namespace RetentionMetrics.Rendering;

/// <summary>Size and limits of the charts and tables the views draw.</summary>
/// <remarks>An immutable options record; every view validates it where it is used and names the bad property.</remarks>
public sealed record ChartOptions
{
    /// <summary>The default options.</summary>
    public static ChartOptions Default { get; } = new();

    /// <summary>The width of a chart in pixels, from 200 to 4,000. 640 by default.</summary>
    public int Width { get; init; } = 640;

    /// <summary>The height of a chart's plot area in pixels, from 120 to 4,000. 320 by default; heatmaps and grids grow with their rows.</summary>
    public int Height { get; init; } = 320;

    /// <summary>The title drawn above the chart; <see langword="null"/> for each view's own title.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// The most points a scatter draws, 1 or more. 2,000 by default. Above it the points are down-sampled
    /// deterministically: each cluster keeps a share proportional to its size, taken at an even stride.
    /// </summary>
    public int MaximumPoints { get; init; } = 2_000;

    /// <summary>The number of bars of a histogram, from 1 to 200. 20 by default.</summary>
    public int Bins { get; init; } = 20;

    /// <summary>The most rows a table lists (first customers, top customers, survival steps), 1 or more. 20 by default.</summary>
    public int MaximumRows { get; init; } = 20;

    /// <summary>
    /// The quantile, above 0 and at most 1, where a histogram of long-tailed values (spend, lifetime value) stops:
    /// values above it are counted in the last bar, labelled as open-ended. 0.99 by default; 1 shows the full range.
    /// </summary>
    public double HistogramUpperQuantile { get; init; } = 0.99;

    internal ChartOptions Validate(string parameterName)
    {
        Check(Width is >= 200 and <= 4_000, RenderingErrorMessages.WidthOutOfRange, parameterName);
        Check(Height is >= 120 and <= 4_000, RenderingErrorMessages.HeightOutOfRange, parameterName);
        Check(MaximumPoints >= 1, RenderingErrorMessages.MaximumPointsOutOfRange, parameterName);
        Check(Bins is >= 1 and <= 200, RenderingErrorMessages.BinsOutOfRange, parameterName);
        Check(MaximumRows >= 1, RenderingErrorMessages.MaximumRowsOutOfRange, parameterName);
        Check(HistogramUpperQuantile is > 0d and <= 1d, RenderingErrorMessages.UpperQuantileOutOfRange, parameterName);
        return this;
    }

    private static void Check(bool condition, string message, string parameterName)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(parameterName, message);
        }
    }
}
