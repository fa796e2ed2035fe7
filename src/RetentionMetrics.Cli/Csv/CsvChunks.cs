namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// Splits a large CSV file into byte ranges that start and end on line boundaries, so each core can parse its own
/// range, and maps a range's line numbers back to the file's.
/// </summary>
/// <remarks>
/// A quoted field may hold a line break, so boundaries are chosen outside quotes (see <see cref="RowStartsAfter"/>).
/// Files smaller than two chunks of 16 MiB (<see cref="DefaultMinimumChunkBytes"/>) are read as one range.
/// </remarks>
internal sealed class CsvChunks
{
    /// <summary>The smallest range worth a core of its own: smaller files are read in one pass.</summary>
    public const long DefaultMinimumChunkBytes = 16L << 20;
    private readonly string path;

    private CsvChunks(string path, IReadOnlyList<(long Start, long Length)> ranges, bool isExact)
    {
        this.path = path;
        Ranges = ranges;
        IsExact = isExact;
    }

    public IReadOnlyList<(long Start, long Length)> Ranges { get; }

    /// <summary>
    /// True when the ranges start on row boundaries found outside quotes; false when they start after any line feed,
    /// which are row boundaries only if no range holds a double quote (<see cref="CsvReader.SawQuote"/>).
    /// </summary>
    public bool IsExact { get; }

    /// <summary>Ranges for up to <paramref name="parts"/> workers, or null when the file should be read whole.</summary>
    /// <param name="path">The file.</param>
    /// <param name="parts">The most ranges wanted.</param>
    /// <param name="minimumChunkBytes">The smallest range; tests lower it to split small files.</param>
    /// <param name="exact">
    /// True to find row boundaries outside quotes (one pass over the file); false to split after the first line feed
    /// past each target, reading a few bytes there: right for files without quotes, which readers of the ranges check.
    /// </param>
    public static CsvChunks? TrySplit(string path, int parts, long minimumChunkBytes = DefaultMinimumChunkBytes, bool exact = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumChunkBytes, 1);
        var file = new FileInfo(path);
        if (parts < 2 || !file.Exists || file.Length < 2 * minimumChunkBytes)
        {
            return null;
        }

        var dataStart = CsvReader.HeaderLength(path);
        var size = file.Length;
        parts = (int)Math.Max(1, Math.Min(parts, (size - dataStart) / minimumChunkBytes));
        var targets = new long[parts - 1];
        for (var i = 1; i < parts; i++)
        {
            targets[i - 1] = dataStart + ((size - dataStart) / parts * i);
        }

        var ranges = new List<(long, long)>();
        var start = dataStart;
        foreach (var end in exact ? RowStartsAfter(path, targets) : LineStartsAfter(path, targets))
        {
            if (end > start)
            {
                ranges.Add((start, end - start));
                start = end;
            }
        }

        if (size > start)
        {
            ranges.Add((start, size - start));
        }

        return ranges.Count < 2 ? null : new CsvChunks(path, ranges, exact);
    }

    /// <summary>
    /// For each target offset, the byte after the first line feed at or after it (the file's length when there is
    /// none), reading only around the targets: the starts of rows when the file holds no quotes.
    /// </summary>
    internal static long[] LineStartsAfter(string path, IReadOnlyList<long> targets)
    {
        var starts = new long[targets.Count];
        using var handle = File.OpenHandle(path);
        var size = RandomAccess.GetLength(handle);
        var buffer = new byte[1 << 16];
        for (var t = 0; t < targets.Count; t++)
        {
            var offset = Math.Max(targets[t], t > 0 ? starts[t - 1] : 0);
            starts[t] = size;
            while (offset < size)
            {
                var read = RandomAccess.Read(handle, buffer, offset);
                if (read == 0)
                {
                    break;
                }

                var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    starts[t] = offset + newline + 1;
                    break;
                }

                offset += read;
            }
        }

        return starts;
    }

    /// <summary>
    /// For each target offset, the start of the first row at or after it: the byte after a line feed that lies
    /// outside quotes. One sequential pass over the file counts quotes (a <c>""</c> escape toggles twice, so the
    /// parity says whether a byte is inside a quoted field, as the reader sees it); blocks without quotes are
    /// skipped with vectorised searches.
    /// </summary>
    internal static long[] RowStartsAfter(string path, IReadOnlyList<long> targets)
    {
        var starts = new long[targets.Count];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[4 << 20];
        var offset = 0L;
        var inQuotes = false;
        var next = 0;
        int read;
        while (next < targets.Count && (read = file.Read(buffer)) > 0)
        {
            var block = buffer.AsSpan(0, read);
            var hasQuotes = block.Contains((byte)'"');
            var i = 0;
            while (next < targets.Count)
            {
                var from = Math.Max(i, (int)Math.Min(read, Math.Max(0, targets[next] - offset)));
                if (from >= read)
                {
                    break;
                }

                if (!hasQuotes && !inQuotes)
                {
                    var newline = block[from..].IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    i = from + newline + 1;
                    starts[next++] = offset + i;
                    continue;
                }

                // Quotes in this block: walk it byte by byte from where the parity is known.
                var found = false;
                for (; i < read; i++)
                {
                    var b = block[i];
                    if (b == (byte)'"')
                    {
                        inQuotes = !inQuotes;
                    }
                    else if (b == (byte)'\n' && !inQuotes && i >= from)
                    {
                        i++;
                        starts[next++] = offset + i;
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    break;
                }
            }

            // The parity at the end of the block, for the next one.
            if (hasQuotes)
            {
                for (; i < read; i++)
                {
                    if (block[i] == (byte)'"')
                    {
                        inQuotes = !inQuotes;
                    }
                }
            }

            offset += read;
        }

        for (; next < targets.Count; next++)
        {
            starts[next] = offset;
        }

        return starts;
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
}
