using System.Buffers;
using System.Text;

namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// A streaming RFC 4180 reader over UTF-8 bytes: one row at a time, fields as byte spans, no string per field.
/// </summary>
/// <remarks>
/// Rows without quotes take a fast path that splits on commas with vectorised searches; quoted fields (with
/// <c>""</c> escapes and line breaks inside) are unescaped into a scratch buffer. A UTF-8 byte-order mark and
/// CRLF line ends are accepted. Blank lines are skipped.
/// </remarks>
internal sealed class CsvReader : IDisposable
{
    private const int InitialBufferSize = 1 << 20;
    private readonly Stream stream;
    // Pooled: the multi-core summary path opens a reader per range, and fresh 1 MiB buffers would be large-object
    // allocations that each cost zeroing, page faults and, together, full collections.
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int position;
    private int end;
    private bool endOfStream;
    private byte[] scratch = new byte[256];
    private int[] starts = new int[16];
    private int[] lengths = new int[16];
    private bool[] escaped = new bool[16];
    private long nextLine = 1;

    private CsvReader(Stream stream, string name, IReadOnlyList<string>? header = null)
    {
        this.stream = stream;
        Name = name;
        Fill();
        if (header is not null)
        {
            // A range of a file whose header was read separately: every row is data.
            Header = header;
            return;
        }

        if (end - position >= 3 && buffer[position] == 0xEF && buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF)
        {
            position += 3;
        }

        if (!Read())
        {
            throw new CsvDataException(name, 0, null, "The file is empty: expected a header row.");
        }

        var names = new string[FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Encoding.UTF8.GetString(this[i]).Trim();
        }

        Header = names;
    }

    /// <summary>The file's name as the user gave it, used in messages.</summary>
    public string Name { get; }

    /// <summary>The column names of the header row.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The number of fields in the current row.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The 1-based line on which the current row starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The bytes of field <paramref name="index"/> of the current row, unescaped.</summary>
    public ReadOnlySpan<byte> this[int index] =>
        escaped[index] ? scratch.AsSpan(starts[index], lengths[index]) : buffer.AsSpan(starts[index], lengths[index]);

    /// <summary>Opens a file for reading and reads its header.</summary>
    /// <exception cref="CsvDataException">The file does not exist, cannot be read, or is empty.</exception>
    public static CsvReader Open(string path)
    {
        try
        {
            return new CsvReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CsvDataException(path, 0, null, "The file does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CsvDataException(path, 0, null, $"The file cannot be read: {e.Message}");
        }
    }

    /// <summary>Reads CSV text from a stream (bundled data, tests).</summary>
    public static CsvReader FromStream(Stream stream, string name) => new(stream, name);

    /// <summary>
    /// Reads the rows of one byte range of a file whose header is already known. Line numbers count from 1 at the
    /// start of the range; <see cref="CsvChunks"/> turns them into file line numbers.
    /// </summary>
    public static CsvReader OpenRange(string path, long start, long length, IReadOnlyList<string> header)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        file.Position = start;
        return new CsvReader(new RangeStream(file, length), path, header);
    }

    /// <summary>
    /// Whether a row read so far (or being read) holds a double quote: a file split at line feeds without regard to
    /// quotes (<see cref="CsvChunks.TrySplit"/> with <c>exact: false</c>) was split on row boundaries if no range saw one.
    /// </summary>
    public bool SawQuote { get; private set; }

    /// <summary>The offset of the first byte after the header row (BOM included), for splitting a file into ranges.</summary>
    public static long HeaderLength(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        var total = 0L;
        while (true)
        {
            var read = file.Read(buffer);
            if (read == 0)
            {
                return total;
            }

            var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return total + newline + 1;
            }

            total += read;
        }
    }

    /// <summary>The index of a header column, compared without regard to case, or -1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of a column that must exist.</summary>
    /// <exception cref="CsvDataException">There is no such column; the message lists the columns there are.</exception>
    public int Require(string column, string optionName)
    {
        var index = IndexOf(column);
        return index >= 0 ? index
            : throw new CsvDataException(Name, 1, null,
                $"There is no column '{column}' (set it with {optionName}); the columns are {string.Join(", ", Header.Select(h => $"'{h}'"))}.");
    }

    /// <summary>The field of a required column as a span, failing with a positioned message when the row is short.</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        if (index >= FieldCount)
        {
            throw new CsvDataException(Name, LineNumber, Header[index], $"The row has {FieldCount} field(s); this column is field {index + 1}.");
        }

        return this[index];
    }

    /// <summary>The field as a string (empty when missing).</summary>
    public string FieldText(int index) => index < FieldCount ? Encoding.UTF8.GetString(this[index]) : string.Empty;

    /// <summary>Moves to the next non-blank row.</summary>
    /// <returns>False at the end of the file.</returns>
    public bool Read()
    {
        while (true)
        {
            var rowEnd = FindRowEnd(out var hasQuotes);
            if (rowEnd < 0)
            {
                return false;
            }

            LineNumber = nextLine;
            var row = buffer.AsSpan(position, rowEnd - position);
            var next = rowEnd < end ? rowEnd + 1 : rowEnd;
            if (!row.IsEmpty && row[^1] == (byte)'\r')
            {
                row = row[..^1];
            }

            if (row.IsEmpty)
            {
                nextLine++;
                position = next;
                continue;
            }

            if (hasQuotes)
            {
                nextLine += row.Count((byte)'\n');
                SplitQuoted(row, position);
            }
            else
            {
                Split(row, position);
            }

            nextLine++;
            position = next;
            return true;
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        if (buffer.Length > 0)
        {
            // The fields of the last row are views of the buffer: the reader is not used after it is disposed.
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            position = end = 0;
            endOfStream = true;
        }
    }

    /// <summary>The offset of the line feed that ends the row at <see cref="position"/> (or <see cref="end"/> for a last row without one), −1 at the end.</summary>
    private int FindRowEnd(out bool hasQuotes)
    {
        while (true)
        {
            var available = buffer.AsSpan(position, end - position);
            var newline = available.IndexOf((byte)'\n');
            var candidate = newline >= 0 ? available[..newline] : available;
            hasQuotes = candidate.Contains((byte)'"');
            SawQuote |= hasQuotes;
            if (newline >= 0 && !hasQuotes)
            {
                return position + newline;
            }

            if (hasQuotes)
            {
                var quotedEnd = FindQuotedRowEnd(available);
                if (quotedEnd >= 0)
                {
                    return position + quotedEnd;
                }
            }

            if (endOfStream)
            {
                if (available.IsEmpty)
                {
                    return -1;
                }

                if (hasQuotes && FindQuotedRowEnd(available) < 0 && CountQuotes(available) % 2 != 0)
                {
                    throw new CsvDataException(Name, nextLine, null, "A quoted field is not closed before the end of the file.");
                }

                return end;
            }

            Fill();
        }
    }

    /// <summary>The first line feed outside quotes, or −1 when the row continues past the data read so far.</summary>
    private static int FindQuotedRowEnd(ReadOnlySpan<byte> data)
    {
        var inQuotes = false;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (b == (byte)'\n' && !inQuotes)
            {
                return i;
            }
        }

        return -1;
    }

    private static int CountQuotes(ReadOnlySpan<byte> data) => data.Count((byte)'"');

    private void Split(ReadOnlySpan<byte> row, int offset)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var comma = row[start..].IndexOf((byte)',');
            EnsureFieldCapacity(count + 1);
            starts[count] = offset + start;
            escaped[count] = false;
            if (comma < 0)
            {
                lengths[count] = row.Length - start;
                count++;
                break;
            }

            lengths[count] = comma;
            count++;
            start += comma + 1;
        }

        FieldCount = count;
    }

    private void SplitQuoted(ReadOnlySpan<byte> row, int offset)
    {
        if (scratch.Length < row.Length)
        {
            scratch = new byte[Math.Max(row.Length, scratch.Length * 2)];
        }

        var count = 0;
        var written = 0;
        var i = 0;
        while (true)
        {
            EnsureFieldCapacity(count + 1);
            if (i < row.Length && row[i] == (byte)'"')
            {
                var fieldStart = written;
                i++;
                while (true)
                {
                    if (i >= row.Length)
                    {
                        throw new CsvDataException(Name, LineNumber, null, "A quoted field is not closed.");
                    }

                    if (row[i] == (byte)'"')
                    {
                        if (i + 1 < row.Length && row[i + 1] == (byte)'"')
                        {
                            scratch[written++] = (byte)'"';
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    scratch[written++] = row[i++];
                }

                if (i < row.Length && row[i] != (byte)',')
                {
                    throw new CsvDataException(Name, LineNumber, null, $"Unexpected text after the closing quote of field {count + 1}.");
                }

                starts[count] = fieldStart;
                lengths[count] = written - fieldStart;
                escaped[count] = true;
            }
            else
            {
                var comma = row[i..].IndexOf((byte)',');
                var length = comma < 0 ? row.Length - i : comma;
                starts[count] = offset + i;
                lengths[count] = length;
                escaped[count] = false;
                i += length;
            }

            count++;
            if (i >= row.Length)
            {
                break;
            }

            i++; // the comma
            if (i == row.Length)
            {
                EnsureFieldCapacity(count + 1);
                starts[count] = offset + i;
                lengths[count] = 0;
                escaped[count] = false;
                count++;
                break;
            }
        }

        FieldCount = count;
    }

    private void EnsureFieldCapacity(int count)
    {
        if (count > starts.Length)
        {
            Array.Resize(ref starts, starts.Length * 2);
            Array.Resize(ref lengths, lengths.Length * 2);
            Array.Resize(ref escaped, escaped.Length * 2);
        }
    }

    private void Fill()
    {
        if (position > 0)
        {
            buffer.AsSpan(position, end - position).CopyTo(buffer);
            end -= position;
            position = 0;
        }

        if (end == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        while (end < buffer.Length)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                endOfStream = true;
                break;
            }

            end += read;
        }
    }

    /// <summary>A read-only view of the next <c>length</c> bytes of a stream.</summary>
    private sealed class RangeStream(Stream inner, long length) : Stream
    {
        private long remaining = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (remaining <= 0)
            {
                return 0;
            }

            var read = inner.Read(buffer, offset, (int)Math.Min(count, remaining));
            remaining -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
