namespace RetentionMetrics.Tests.Support;

/// <summary>Paths of the reference data copied under Data/ (see Data/README.md for provenance).</summary>
public static class TestData
{
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);

    /// <summary>Reads a headed CSV file into rows of fields (the reference files have no quoted fields).</summary>
    public static List<string[]> ReadCsv(params string[] parts) =>
        File.ReadLines(PathOf(parts))
            .Skip(1)
            .Where(line => line.Trim().Length > 0)
            .Select(line => line.Trim().Split(','))
            .ToList();
}
