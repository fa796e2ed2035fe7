namespace RetentionMetrics.Streaming;

/// <summary>How far a long pass over a stream has come, reported through <see cref="IProgress{T}"/>.</summary>
/// <remarks>Reported every 65,536 records and once at the end. Equal when both counts are equal.</remarks>
/// <param name="RecordsRead">Records read so far.</param>
/// <param name="Customers">Distinct customers seen so far.</param>
public readonly record struct StreamProgress(long RecordsRead, int Customers)
{
    /// <summary>How many records pass between two reports.</summary>
    public const int ReportInterval = 65_536;
}
