namespace RetentionMetrics.Clustering;

/// <summary>The wording of the errors raised by the clustering types, in one place.</summary>
public static class ClusteringErrorMessages
{
    /// <summary>A feature value is NaN or infinite; {0} is the column index, {1} the value.</summary>
    public const string NonFiniteFeature = "Feature {0} is {1}; every feature must be a finite number.";

    /// <summary>More clusters were asked for than there are points; {0} is the number of clusters, {1} the number of points.</summary>
    public const string MoreClustersThanPoints = "Cannot form {0} clusters from {1} point(s): the number of clusters must not exceed the number of points.";

    /// <summary>A matrix was given with no columns.</summary>
    public const string NoColumns = "A feature matrix needs at least one column.";

    /// <summary>The values do not fill the matrix; {0} is the number of values, {1} the rows and {2} the columns.</summary>
    public const string ShapeMismatch = "{0} value(s) do not fill a matrix of {1} row(s) by {2} column(s).";

    /// <summary>Rows of different lengths; {0} is the row, {1} its length, {2} the expected length.</summary>
    public const string RaggedRow = "Row {0} has {1} value(s); the first row has {2}.";

    /// <summary>Points and centroids disagree in dimension; {0} is the points' dimension, {1} the centroids'.</summary>
    public const string DimensionMismatch = "The points have {0} feature(s) but the centroids have {1}.";

    /// <summary>An assignment list does not match the points; {0} is its length, {1} the number of points.</summary>
    public const string AssignmentCountMismatch = "There are {0} assignment(s) for {1} point(s).";

    /// <summary>An assignment is outside the clusters; {0} is the point, {1} the assignment.</summary>
    public const string AssignmentOutOfRange = "Point {0} is assigned to cluster {1}, which does not exist.";

    /// <summary>A stream of batches held no point.</summary>
    public const string EmptyStream = "The stream held no point to cluster.";

    /// <summary>A value cannot be log-transformed; {0} is the column, {1} the value.</summary>
    public const string LogOfValueBelowMinusOne = "Feature {0} is {1}; log1p needs values greater than -1.";
}
