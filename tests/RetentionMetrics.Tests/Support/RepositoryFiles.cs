namespace RetentionMetrics.Tests.Support;

/// <summary>Files of the repository itself (docs, samples), found from the test binaries upwards.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RetentionMetrics.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RetentionMetrics.sln was not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository's root folder (the one holding RetentionMetrics.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The full path of a file given relative to the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
