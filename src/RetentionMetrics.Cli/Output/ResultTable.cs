namespace RetentionMetrics.Cli.Output;

/// <summary>A rectangular result ready to render: named columns and rows of typed cells.</summary>
/// <remarks>
/// Cells are <see langword="null"/> (absent), <see cref="string"/>, <see cref="bool"/>, integers, <see cref="double"/>
/// or <see cref="decimal"/>; numbers print in invariant culture and as JSON numbers, text as JSON strings.
/// Column names are the JSON field names (camelCase).
/// </remarks>
internal sealed class ResultTable(IReadOnlyList<string> columns)
{
    private readonly List<object?[]> rows = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<object?[]> Rows => rows;

    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Expected {Columns.Count} cells, got {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
    }
}
