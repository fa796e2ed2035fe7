using RetentionMetrics.Clustering;

namespace RetentionMetrics.Tests.Clustering;

public class FeatureMatrixTests
{
    [Fact]
    public void Constructor_RowMajorValues_AreReadBack()
    {
        var matrix = new FeatureMatrix(2, 3, [1, 2, 3, 4, 5, 6]);

        Assert.Equal((2, 3), (matrix.Rows, matrix.Columns));
        Assert.Equal(6.0, matrix[1, 2]);
        Assert.Equal([4.0, 5, 6], matrix.Row(1).ToArray());
    }

    [Fact]
    public void Constructor_CopiesItsInput()
    {
        var values = new double[] { 1, 2 };
        var matrix = new FeatureMatrix(2, 1, values);
        values[0] = 99;

        Assert.Equal(1.0, matrix[0, 0]);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Constructor_NonFiniteValue_ThrowsNamingTheRow(double bad, string shown)
    {
        var error = Assert.Throws<RetentionDataException>(() => new FeatureMatrix(3, 2, [1, 2, 3, 4, 5, bad]));

        Assert.Equal(2, error.Position);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, ClusteringErrorMessages.NonFiniteFeature, 1, shown), error.Reason);
    }

    [Fact]
    public void Constructor_WrongCount_ThrowsArgumentException() =>
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new FeatureMatrix(2, 2, [1, 2, 3])).ParamName);

    [Fact]
    public void Constructor_NoColumns_Throws() =>
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureMatrix(0, 0, [])).ParamName);

    [Fact]
    public void FromRows_RaggedRows_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureMatrix.FromRows([[1.0, 2], [3.0]]));
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, ClusteringErrorMessages.RaggedRow, 1, 1, 2), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRows_NaN_ThrowsRetentionDataExceptionNamingTheRow() =>
        Assert.Equal(1, Assert.Throws<RetentionDataException>(() => FeatureMatrix.FromRows([[1.0, 2], [3.0, double.NaN]])).Position);

    [Fact]
    public void SelectRows_ReordersAndRepeats()
    {
        var matrix = FeatureMatrix.FromRows([[1.0], [2.0], [3.0]]);

        Assert.Equal(FeatureMatrix.FromRows([[3.0], [1.0], [3.0]]), matrix.SelectRows([2, 0, 2]));
    }

    [Fact]
    public void Equals_SameShapeAndValues_AreEqual()
    {
        var a = new FeatureMatrix(2, 1, [1, 2]);
        var b = new FeatureMatrix(1, 2, [1, 2]);

        Assert.Equal(a, new FeatureMatrix(2, 1, [1, 2]));
        Assert.Equal(a.GetHashCode(), new FeatureMatrix(2, 1, [1, 2]).GetHashCode());
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Indexer_OutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureMatrix(1, 1, [1])[1, 0]);
}
