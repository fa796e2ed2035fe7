using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// Turns repeated UTF-8 keys (customer ids) into one shared string each, so a file of ten million rows for a million
/// customers allocates a million strings, not ten million.
/// </summary>
/// <remarks>
/// Open addressing with linear probing; the top bits of a multiplicative hash pick the slot. Keys of up to eight
/// bytes (most ids) are kept packed in the slot itself, so a lookup reads one slot; longer keys are compared against
/// a copy in a shared byte buffer.
/// </remarks>
internal sealed class Utf8StringPool
{
    private Entry[] entries = new Entry[1 << 12];
    private int shift = 64 - 12;
    private int count;
    private byte[] longKeys = new byte[1 << 12];
    private int longKeysUsed;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var packed = utf8.Length <= 8 ? Pack(utf8) : 0UL;
        var hash = Hash(utf8, packed);
        var mask = entries.Length - 1;
        var slot = (int)(hash >> shift);
        while (entries[slot].Value is { } value)
        {
            ref var entry = ref entries[slot];
            if (entry.Length == utf8.Length && (utf8.Length <= 8
                ? entry.Packed == packed
                : entry.Packed == hash && longKeys.AsSpan(entry.Offset, entry.Length).SequenceEqual(utf8)))
            {
                return value;
            }

            slot = (slot + 1) & mask;
        }

        var created = Encoding.UTF8.GetString(utf8);
        entries[slot] = utf8.Length <= 8
            ? new Entry { Packed = packed, Length = utf8.Length, Value = created }
            : new Entry { Packed = hash, Length = utf8.Length, Offset = StoreLongKey(utf8), Value = created };
        if (++count > entries.Length / 2)
        {
            Grow();
        }

        return created;
    }

    private static ulong Pack(ReadOnlySpan<byte> utf8)
    {
        var packed = 0UL;
        utf8.CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref packed)));
        return packed;
    }

    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    private static ulong Hash(ReadOnlySpan<byte> utf8, ulong packed)
    {
        if (utf8.Length <= 8)
        {
            return ShortKeyHash(packed, utf8.Length);
        }

        var hash = (ulong)utf8.Length;
        for (var i = 0; i < utf8.Length; i += 8)
        {
            var chunk = Pack(utf8.Slice(i, Math.Min(8, utf8.Length - i)));
            hash = unchecked(BitOperations.RotateLeft((hash ^ chunk) * Multiplier, 29));
        }

        return unchecked(hash * Multiplier);
    }

    private static ulong ShortKeyHash(ulong packed, int length) => unchecked((packed ^ (ulong)length << 59) * Multiplier);

    private int StoreLongKey(ReadOnlySpan<byte> utf8)
    {
        if (longKeysUsed + utf8.Length > longKeys.Length)
        {
            Array.Resize(ref longKeys, Math.Max(longKeys.Length * 2, longKeysUsed + utf8.Length));
        }

        utf8.CopyTo(longKeys.AsSpan(longKeysUsed));
        longKeysUsed += utf8.Length;
        return longKeysUsed - utf8.Length;
    }

    private void Grow()
    {
        var old = entries;
        entries = new Entry[old.Length * 2];
        shift--;
        var mask = entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Value is null)
            {
                continue;
            }

            var hash = entry.Length <= 8 ? ShortKeyHash(entry.Packed, entry.Length) : entry.Packed;
            var slot = (int)(hash >> shift);
            while (entries[slot].Value is not null)
            {
                slot = (slot + 1) & mask;
            }

            entries[slot] = entry;
        }
    }

    /// <summary>A key packed in 8 bytes (or, for longer keys, its hash), its length, where a long key's bytes are, and the string.</summary>
    private struct Entry
    {
        public ulong Packed;
        public int Length;
        public int Offset;
        public string? Value;
    }
}
