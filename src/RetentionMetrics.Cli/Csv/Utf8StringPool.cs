using System.Text;

namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// Turns repeated UTF-8 keys (customer ids) into one shared string each, so a file of ten million rows for a million
/// customers allocates a million strings, not ten million.
/// </summary>
internal sealed class Utf8StringPool
{
    private Entry[] entries = new Entry[1024];
    private int count;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var mask = entries.Length - 1;
        var slot = hash & mask;
        while (entries[slot].Value is { } value)
        {
            if (entries[slot].Hash == hash && entries[slot].Bytes.AsSpan().SequenceEqual(utf8))
            {
                return value;
            }

            slot = (slot + 1) & mask;
        }

        var created = Encoding.UTF8.GetString(utf8);
        entries[slot] = new Entry(hash, utf8.ToArray(), created);
        if (++count > entries.Length / 2)
        {
            Grow();
        }

        return created;
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        // FNV-1a: short keys, no allocation, good enough spread for linear probing after the final mix.
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(unchecked(hash * 0x9E3779B9u) >> 1);
    }

    private void Grow()
    {
        var old = entries;
        entries = new Entry[old.Length * 2];
        var mask = entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Value is null)
            {
                continue;
            }

            var slot = entry.Hash & mask;
            while (entries[slot].Value is not null)
            {
                slot = (slot + 1) & mask;
            }

            entries[slot] = entry;
        }
    }

    private readonly record struct Entry(int Hash, byte[] Bytes, string? Value);
}
