namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// Splits a large CSV file into byte ranges that start and end on line boundaries, so each core can parse its own
/// range, and maps a range's line numbers back to the file's.
/// </summary>
/// <remarks>
/// Only files without any double quote are split: a quoted field may hold a line break, and a range boundary
/// inside it would cut a row in two. Such files, and small ones, are read as one range.
/// </remarks>
internal sealed class CsvChunks
{
    private const long MinimumChunkBytes = 16L << 20;
    private readonly string path;

    private CsvChunks(string path, IReadOnlyList<(long Start, long Length)> ranges)
    {
        this.path = path;
        Ranges = ranges;
    }

    public IReadOnlyList<(long Start, long Length)> Ranges { get; }

    /// <summary>Ranges for up to <paramref name="parts"/> workers, or null when the file should be read whole.</summary>
    public static CsvChunks? TrySplit(string path, int parts)
    {
        var file = new FileInfo(path);
        if (parts < 2 || !file.Exists || file.Length < 2 * MinimumChunkBytes || ContainsQuote(path))
        {
            return null;
        }

        var dataStart = CsvReader.HeaderLength(path);
        var size = file.Length;
        parts = (int)Math.Max(1, Math.Min(parts, (size - dataStart) / MinimumChunkBytes));
        var ranges = new List<(long, long)>();
        using var stream = File.OpenRead(path);
        var probe = new byte[1 << 16];
        var start = dataStart;
        for (var i = 1; i <= parts; i++)
        {
            var end = i == parts ? size : Math.Max(start, NextLineStart(stream, dataStart + (size - dataStart) / parts * i, probe));
            if (end > start)
            {
                ranges.Add((start, end - start));
            }

            start = end;
        }

        return ranges.Count < 2 ? null : new CsvChunks(path, ranges);
    }

    /// <summary>
    /// About how many rows the byte range holds, from the length of the rows in its first 64 KiB: a capacity hint
    /// for the tables a reader sizes up front.
    /// </summary>
    public static long EstimateRows(string path, long start, long length)
    {
        try
        {
            using var file = File.OpenRead(path);
            file.Position = start;
            var probe = new byte[(int)Math.Min(1 << 16, Math.Max(0, length))];
            var read = file.ReadAtLeast(probe, probe.Length, throwOnEndOfStream: false);
            var lines = probe.AsSpan(0, read).Count((byte)'\n');
            return lines == 0 ? 1 : Math.Max(1, length * lines / Math.Max(1, read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The reader reports the file's problem with its name; a hint is not worth a second message.
            return 1;
        }
    }

    /// <summary>The file line of line <paramref name="lineInRange"/> of range <paramref name="range"/>.</summary>
    public long FileLine(int range, long lineInRange)
    {
        // Only called on the error path: counting line feeds before the range is cheap next to parsing it.
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        var remaining = Ranges[range].Start;
        var newlines = 0L;
        while (remaining > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                break;
            }

            newlines += buffer.AsSpan(0, read).Count((byte)'\n');
            remaining -= read;
        }

        return newlines + lineInRange;
    }

    private static long NextLineStart(FileStream file, long from, byte[] probe)
    {
        file.Position = from;
        var offset = from;
        while (true)
        {
            var read = file.Read(probe);
            if (read == 0)
            {
                return offset;
            }

            var newline = probe.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return offset + newline + 1;
            }

            offset += read;
        }
    }

    private static bool ContainsQuote(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[4 << 20];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            if (buffer.AsSpan(0, read).Contains((byte)'"'))
            {
                return true;
            }
        }

        return false;
    }
}
