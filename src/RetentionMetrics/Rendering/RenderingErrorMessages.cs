namespace RetentionMetrics.Rendering;

/// <summary>The wording of every error the rendering views raise, so callers and tests can compare against it.</summary>
public static class RenderingErrorMessages
{
    /// <summary>The chart width is outside its range.</summary>
    public const string WidthOutOfRange = "The chart width must be from 200 to 4000 pixels.";

    /// <summary>The chart height is outside its range.</summary>
    public const string HeightOutOfRange = "The chart height must be from 120 to 4000 pixels.";

    /// <summary>The point limit is below 1.</summary>
    public const string MaximumPointsOutOfRange = "The maximum number of points must be at least 1.";

    /// <summary>The histogram bin count is outside its range.</summary>
    public const string BinsOutOfRange = "The number of histogram bins must be from 1 to 200.";

    /// <summary>The row limit is below 1.</summary>
    public const string MaximumRowsOutOfRange = "The maximum number of table rows must be at least 1.";

    /// <summary>The histogram upper quantile is outside (0, 1].</summary>
    public const string UpperQuantileOutOfRange = "The histogram upper quantile must be above 0 and at most 1.";

    /// <summary>A feature index is outside the feature matrix.</summary>
    public const string FeatureOutOfRange = "The feature index must be from 0 to the number of feature columns minus 1.";

    /// <summary>The assignments do not match the feature rows.</summary>
    public const string AssignmentCountMismatch = "There must be one cluster assignment per feature row.";

    /// <summary>An assignment names no centroid.</summary>
    public const string AssignmentOutOfRange = "Every cluster assignment must be from 0 to the number of centroids minus 1.";

    /// <summary>The centroids and the features have different columns.</summary>
    public const string CentroidColumnsMismatch = "The centroids must have as many columns as the features.";

    /// <summary>The feature names do not match the feature columns.</summary>
    public const string FeatureNamesMismatch = "There must be one feature name per feature column.";

    /// <summary>A value to plot is NaN or infinite.</summary>
    public const string ValueNotFinite = "Every value to plot must be a finite number.";

    /// <summary>The customers and their values do not pair up.</summary>
    public const string CustomerValueCountMismatch = "There must be one value per customer.";

    /// <summary>A survival series is too short or does not start with a positive count.</summary>
    public const string SurvivalCountsNotValid = "The alive counts need at least one period and a positive count at period 0.";

    /// <summary>A number of periods is negative.</summary>
    public const string PeriodsNegative = "The number of periods must not be negative.";

    /// <summary>A title or heading is empty.</summary>
    public const string TextEmpty = "The text must not be empty.";

    /// <summary>A list of curves or headers is empty.</summary>
    public const string NothingToDraw = "There must be at least one item to draw.";

    /// <summary>A table row has a different number of cells than the header.</summary>
    public const string RowWidthMismatch = "Every table row must have one cell per header.";
}
