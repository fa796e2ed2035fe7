namespace RetentionMetrics.Cli.Output;

/// <summary>How a verb writes its result.</summary>
internal enum OutputFormat
{
    /// <summary>An aligned table for people (the default).</summary>
    Table,

    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,

    /// <summary>A JSON array of objects with camelCase fields.</summary>
    Json,

    /// <summary>A Markdown pipe table.</summary>
    Md,
}
