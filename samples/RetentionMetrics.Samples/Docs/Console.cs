namespace RetentionMetrics.Samples.Docs;

/// <summary>
/// Stands in for <see cref="System.Console"/> inside the documentation snippets, so the snippets read exactly as the
/// docs print them (<c>Console.WriteLine(...)</c>) while the tests capture what they write.
/// </summary>
public static class Console
{
    private static readonly AsyncLocal<TextWriter?> Writer = new();

    /// <summary>Sends what the snippets write on this async flow to <paramref name="output"/> until disposed.</summary>
    public static IDisposable Capture(TextWriter output)
    {
        var previous = Writer.Value;
        Writer.Value = output;
        return new Restore(previous);
    }

    /// <summary>Writes a line to the captured writer, or to the real console.</summary>
    public static void WriteLine(string? text) => (Writer.Value ?? System.Console.Out).WriteLine(text);

    /// <summary>Writes text to the captured writer, or to the real console.</summary>
    public static void Write(string? text) => (Writer.Value ?? System.Console.Out).Write(text);

    private sealed class Restore(TextWriter? previous) : IDisposable
    {
        public void Dispose() => Writer.Value = previous;
    }
}
