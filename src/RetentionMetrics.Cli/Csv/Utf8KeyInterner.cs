using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// Numbers repeated UTF-8 keys (customer ids) densely, 0, 1, 2, … in order of first appearance, without building a
/// string per row: the CSV summary path keeps per-customer state in an array indexed by that number.
/// </summary>
/// <remarks>
/// Open addressing with linear probing over 16-byte slots; the top bits of a multiplicative hash pick the slot.
/// Keys of up to eight bytes (most ids) are packed in the slot itself, so a lookup reads one slot and nothing else;
/// longer keys keep their hash in the slot and are compared against a copy in a shared byte buffer.
/// </remarks>
internal sealed class Utf8KeyInterner
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private const double MaximumLoad = 0.7;
    private Slot[] slots;
    private int shift;
    private int[] offsets;
    private byte[] longKeys = new byte[1 << 12];
    private int longKeysUsed;

    /// <param name="expectedKeys">A capacity hint (for instance from the file's length); the table grows as needed.</param>
    public Utf8KeyInterner(int expectedKeys = 1024)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp((long)(expectedKeys / MaximumLoad) + 1, 16, 1 << 30));
        slots = new Slot[capacity];
        shift = 64 - BitOperations.Log2((uint)capacity);
        offsets = new int[Math.Max(16, Math.Min(expectedKeys, 1 << 28))];
    }

    /// <summary>The number of distinct keys seen.</summary>
    public int Count { get; private set; }

    /// <summary>The number of <paramref name="utf8"/>, a new one (equal to the previous <see cref="Count"/>) when first seen.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> utf8, out bool added) => GetOrAdd(utf8, Hash(utf8), out added);

    /// <summary>The hash that <see cref="GetOrAdd(ReadOnlySpan{byte}, ulong, out bool)"/> and <see cref="Touch"/> take.</summary>
    public static ulong Hash(ReadOnlySpan<byte> utf8) => utf8.Length <= 8 ? ShortKeyHash(Pack(utf8), utf8.Length) : LongKeyHash(utf8);

    /// <summary>
    /// Reads the slot a key with this hash starts probing at, so that a caller looking up a group of keys can start
    /// all their cache misses at once before it uses any of them; the value is meaningless.
    /// </summary>
    public long Touch(ulong hash) => slots[(int)(hash >> shift)].IndexPlusOne;

    /// <summary>As <see cref="GetOrAdd(ReadOnlySpan{byte}, out bool)"/> with the key's <see cref="Hash"/> known.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> utf8, ulong hash, out bool added)
    {
        var isShort = utf8.Length <= 8;
        var stored = isShort ? Pack(utf8) : hash;
        var mask = slots.Length - 1;
        var slot = (int)(hash >> shift);
        while (true)
        {
            ref var entry = ref slots[slot];
            if (entry.IndexPlusOne == 0)
            {
                added = true;
                return Insert(ref entry, utf8, stored);
            }

            if (entry.Packed == stored && entry.Length == utf8.Length
                && (isShort || longKeys.AsSpan(offsets[entry.IndexPlusOne - 1], utf8.Length).SequenceEqual(utf8)))
            {
                added = false;
                return entry.IndexPlusOne - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    private int Insert(ref Slot entry, ReadOnlySpan<byte> utf8, ulong stored)
    {
        var index = Count;
        if (utf8.Length > 8)
        {
            if (index >= offsets.Length)
            {
                // Short keys take numbers without an offset, so the number can be far past the array's end.
                Array.Resize(ref offsets, Math.Max(checked(offsets.Length * 2), index + 1));
            }

            offsets[index] = StoreLongKey(utf8);
        }

        entry = new Slot { Packed = stored, Length = utf8.Length, IndexPlusOne = index + 1 };
        Count = index + 1;
        if (Count > slots.Length * MaximumLoad)
        {
            Grow();
        }

        return index;
    }

    /// <summary>A key of up to eight bytes packed in a ulong, as the slots hold it.</summary>
    internal static ulong Pack(ReadOnlySpan<byte> utf8)
    {
        // Little-endian, byte i at bits 8i, as a copy into the ulong would leave it; two overlapping reads instead
        // of a copy of variable length (the overlapping bytes are the same in both).
        ref var first = ref MemoryMarshal.GetReference(utf8);
        var length = utf8.Length;
        if (length >= 4)
        {
            var low = (ulong)Unsafe.ReadUnaligned<uint>(ref first);
            var high = (ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, length - 4));
            return low | (high << ((length - 4) * 8));
        }

        return length switch
        {
            0 => 0,
            1 => first,
            2 => Unsafe.ReadUnaligned<ushort>(ref first),
            _ => Unsafe.ReadUnaligned<ushort>(ref first) | ((ulong)Unsafe.Add(ref first, 2) << 16),
        };
    }

    /// <summary>The <see cref="Hash"/> of a key of <paramref name="length"/> (at most eight) bytes packed by <see cref="Pack"/>.</summary>
    internal static ulong ShortKeyHash(ulong packed, int length) => unchecked((packed ^ (ulong)length << 59) * Multiplier);

    /// <summary>The <see cref="Hash"/> of a key of more than eight bytes.</summary>
    internal static ulong LongKeyHash(ReadOnlySpan<byte> utf8)
    {
        var hash = (ulong)utf8.Length;
        for (var i = 0; i < utf8.Length; i += 8)
        {
            var chunk = Pack(utf8.Slice(i, Math.Min(8, utf8.Length - i)));
            hash = unchecked(BitOperations.RotateLeft((hash ^ chunk) * Multiplier, 29));
        }

        return unchecked(hash * Multiplier);
    }

    private int StoreLongKey(ReadOnlySpan<byte> utf8)
    {
        if (longKeysUsed + utf8.Length > longKeys.Length)
        {
            Array.Resize(ref longKeys, Math.Max(checked(longKeys.Length * 2), longKeysUsed + utf8.Length));
        }

        utf8.CopyTo(longKeys.AsSpan(longKeysUsed));
        longKeysUsed += utf8.Length;
        return longKeysUsed - utf8.Length;
    }

    private void Grow()
    {
        var old = slots;
        slots = new Slot[checked(old.Length * 2)];
        shift--;
        var mask = slots.Length - 1;
        foreach (var entry in old)
        {
            if (entry.IndexPlusOne == 0)
            {
                continue;
            }

            var hash = entry.Length <= 8 ? ShortKeyHash(entry.Packed, entry.Length) : entry.Packed;
            var slot = (int)(hash >> shift);
            while (slots[slot].IndexPlusOne != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }
    }

    /// <summary>A short key packed in 8 bytes (a long key's hash), its length, and its number + 1 (0 = empty).</summary>
    private struct Slot
    {
        public ulong Packed;
        public int Length;
        public int IndexPlusOne;
    }
}
