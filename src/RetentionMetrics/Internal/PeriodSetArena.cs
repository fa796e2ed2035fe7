using System.Numerics;

namespace RetentionMetrics.Internal;

/// <summary>
/// Per-customer sets of period numbers as chains of 64-period bitmap chunks in one shared array, so counting
/// distinct purchase periods costs memory per distinct block of 64 periods, never per record, and two sets merge
/// with a bitwise OR.
/// </summary>
/// <remarks>
/// A customer's chain is identified by the index of its head chunk (-1 = empty). New chunks go to the front, so
/// time-ordered input finds its chunk at the head.
/// </remarks>
internal sealed class PeriodSetArena
{
    private Chunk[] chunks = new Chunk[1024];
    private int count;

    public const int Empty = -1;

    /// <summary>The number of chunks in use (for memory reporting).</summary>
    public int ChunkCount => count;

    /// <summary>Adds <paramref name="period"/> to the set at <paramref name="head"/>; true when it was not there.</summary>
    public bool Add(ref int head, int period)
    {
        var block = period >> 6;
        var bit = 1UL << (period & 63);
        for (var i = head; i != Empty; i = chunks[i].Next)
        {
            ref var chunk = ref chunks[i];
            if (chunk.Block == block)
            {
                var had = (chunk.Bits & bit) != 0;
                chunk.Bits |= bit;
                return !had;
            }
        }

        head = NewChunk(block, bit, head);
        return true;
    }

    /// <summary>Adds every period of <paramref name="otherHead"/> in <paramref name="other"/> to the set at <paramref name="head"/>.</summary>
    public void UnionWith(ref int head, PeriodSetArena other, int otherHead)
    {
        for (var j = otherHead; j != Empty; j = other.chunks[j].Next)
        {
            var source = other.chunks[j];
            var found = false;
            for (var i = head; i != Empty; i = chunks[i].Next)
            {
                if (chunks[i].Block == source.Block)
                {
                    chunks[i].Bits |= source.Bits;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                head = NewChunk(source.Block, source.Bits, head);
            }
        }
    }

    public int Count(int head)
    {
        var total = 0;
        for (var i = head; i != Empty; i = chunks[i].Next)
        {
            total += BitOperations.PopCount(chunks[i].Bits);
        }

        return total;
    }

    /// <summary>Whether <paramref name="period"/> is in the set at <paramref name="head"/>.</summary>
    public bool Contains(int head, int period)
    {
        var block = period >> 6;
        for (var i = head; i != Empty; i = chunks[i].Next)
        {
            if (chunks[i].Block == block)
            {
                return (chunks[i].Bits & (1UL << (period & 63))) != 0;
            }
        }

        return false;
    }

    /// <summary>The periods of the set at <paramref name="head"/>, in ascending order.</summary>
    public int[] ToArray(int head)
    {
        var result = new int[Count(head)];
        var n = 0;
        for (var i = head; i != Empty; i = chunks[i].Next)
        {
            var bits = chunks[i].Bits;
            while (bits != 0)
            {
                result[n++] = (chunks[i].Block << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }

        Array.Sort(result);
        return result;
    }

    private int NewChunk(int block, ulong bits, int next)
    {
        if (count == chunks.Length)
        {
            Array.Resize(ref chunks, checked(chunks.Length * 2));
        }

        chunks[count] = new Chunk { Block = block, Bits = bits, Next = next };
        return count++;
    }

    private struct Chunk
    {
        public ulong Bits;
        public int Block;
        public int Next;
    }
}
