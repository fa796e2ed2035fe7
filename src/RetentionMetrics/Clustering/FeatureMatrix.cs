using System.Globalization;

namespace RetentionMetrics.Clustering;

/// <summary>A dense matrix of finite <see cref="double"/> features, one row per point, stored row-major.</summary>
/// <remarks>
/// <para>An immutable value: the constructor copies its input and checks that every value is finite, so a matrix
/// never holds NaN or an infinity. Two matrices are equal when their shapes and every value are equal (bitwise, so
/// <c>0.0</c> and <c>-0.0</c> differ).</para>
/// </remarks>
public sealed class FeatureMatrix : IEquatable<FeatureMatrix>
{
    private readonly double[] values;

    /// <summary>Creates a matrix from row-major values.</summary>
    /// <param name="rows">The number of rows (points); zero is allowed.</param>
    /// <param name="columns">The number of columns (features); at least one.</param>
    /// <param name="values">The values, row after row; copied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative or <paramref name="columns"/> is below one.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold exactly <paramref name="rows"/> × <paramref name="columns"/> values.</exception>
    /// <exception cref="RetentionDataException">A value is NaN or infinite; the position is the row.</exception>
    public FeatureMatrix(int rows, int columns, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, ClusteringErrorMessages.NoColumns);
        }

        if ((long)rows * columns != values.Length)
        {
            throw new ArgumentException(Format(ClusteringErrorMessages.ShapeMismatch, values.Length, rows, columns), nameof(values));
        }

        CheckFinite(values, columns);
        Rows = rows;
        Columns = columns;
        this.values = values.ToArray();
    }

    private FeatureMatrix(int rows, int columns, double[] values)
    {
        Rows = rows;
        Columns = columns;
        this.values = values;
    }

    /// <summary>The number of rows (points).</summary>
    public int Rows { get; }

    /// <summary>The number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>The value at <paramref name="row"/>, <paramref name="column"/>.</summary>
    /// <param name="row">A 0-based row.</param>
    /// <param name="column">A 0-based column.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row or the column is outside the matrix.</exception>
    public double this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)Columns, nameof(column));
            return values[(row * Columns) + column];
        }
    }

    /// <summary>Creates a matrix from rows of equal length.</summary>
    /// <param name="rows">The rows; each is copied.</param>
    /// <returns>The matrix, with as many columns as the first row (one row at least is needed to know the width).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or one of its rows is null.</exception>
    /// <exception cref="ArgumentException">There are no rows, the first row is empty, or the rows differ in length.</exception>
    /// <exception cref="RetentionDataException">A value is NaN or infinite; the position is the row.</exception>
    public static FeatureMatrix FromRows(IEnumerable<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException(ClusteringErrorMessages.NoColumns, nameof(rows));
        }

        var columns = list[0]?.Count ?? throw new ArgumentNullException(nameof(rows));
        if (columns < 1)
        {
            throw new ArgumentException(ClusteringErrorMessages.NoColumns, nameof(rows));
        }

        var values = new double[list.Count * columns];
        for (var r = 0; r < list.Count; r++)
        {
            var row = list[r] ?? throw new ArgumentNullException(nameof(rows));
            if (row.Count != columns)
            {
                throw new ArgumentException(Format(ClusteringErrorMessages.RaggedRow, r, row.Count, columns), nameof(rows));
            }

            for (var c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = row[c];
            }
        }

        CheckFinite(values, columns);
        return new FeatureMatrix(list.Count, columns, values);
    }

    /// <summary>One row as a span.</summary>
    /// <param name="row">A 0-based row.</param>
    /// <returns>The row's values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the matrix.</exception>
    public ReadOnlySpan<double> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        return values.AsSpan(row * Columns, Columns);
    }

    /// <summary>Every value, row after row.</summary>
    /// <returns>A read-only view of the storage.</returns>
    public ReadOnlySpan<double> AsSpan() => values;

    /// <summary>A copy of the rows as arrays.</summary>
    /// <returns>One array per row.</returns>
    public double[][] ToRows()
    {
        var rows = new double[Rows][];
        for (var r = 0; r < Rows; r++)
        {
            rows[r] = values.AsSpan(r * Columns, Columns).ToArray();
        }

        return rows;
    }

    /// <summary>A new matrix holding the given rows, in the given order (rows may repeat).</summary>
    /// <param name="rows">0-based rows of this matrix.</param>
    /// <returns>The selected rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside the matrix.</exception>
    public FeatureMatrix SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var selected = new double[rows.Count * Columns];
        for (var i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(selected.AsSpan(i * Columns, Columns));
        }

        return new FeatureMatrix(rows.Count, Columns, selected);
    }

    /// <inheritdoc />
    public bool Equals(FeatureMatrix? other) =>
        other is not null && other.Rows == Rows && other.Columns == Columns
        && MemoryExtensions.SequenceEqual<double>(values, other.values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FeatureMatrix);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Rows);
        hash.Add(Columns);
        foreach (var value in values.AsSpan(0, Math.Min(values.Length, 16)))
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Wraps an array the caller hands over and will not change; the values must already be finite.</summary>
    internal static FeatureMatrix Wrap(int rows, int columns, double[] values) => new(rows, columns, values);

    /// <summary>The storage, for the algorithms of this namespace (never handed to callers).</summary>
    internal double[] Values => values;

    internal static string Format(string template, params object[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, template, arguments);

    private static void CheckFinite(ReadOnlySpan<double> values, int columns)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new RetentionDataException(
                    Format(ClusteringErrorMessages.NonFiniteFeature, i % columns, values[i]), null, i / columns);
            }
        }
    }
}
