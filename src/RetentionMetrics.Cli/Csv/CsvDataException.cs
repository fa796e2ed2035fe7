namespace RetentionMetrics.Cli.Csv;

/// <summary>A CSV file that cannot be read as asked: the message names the file, the line and the column.</summary>
public sealed class CsvDataException : Exception
{
    /// <summary>Creates the exception for a place in a file.</summary>
    /// <param name="file">The file's name as the user gave it.</param>
    /// <param name="line">The 1-based line number, or 0 for the file as a whole.</param>
    /// <param name="column">The column's name, or null when the problem is the whole line.</param>
    /// <param name="reason">What is wrong, as a whole sentence.</param>
    public CsvDataException(string file, long line, string? column, string reason)
        : base(Describe(file, line, column, reason))
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file's name as the user gave it.</summary>
    public string File { get; }

    /// <summary>The 1-based line number, or 0 for the file as a whole.</summary>
    public long Line { get; }

    /// <summary>The column's name, when the problem is in one field.</summary>
    public string? Column { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    private static string Describe(string file, long line, string? column, string reason) =>
        (line, column) switch
        {
            (0, _) => $"{file}: {reason}",
            (_, null) => $"{file}, line {line}: {reason}",
            _ => $"{file}, line {line}, column '{column}': {reason}",
        };
}
