namespace RetentionMetrics.Cohorts;

/// <summary>
/// Per-customer chains of 64-period bitmap chunks in one shared array, for the blocks a customer's inline block does
/// not cover. Unlike a list of periods, memory grows with distinct blocks of 64 periods, never with records.
/// </summary>
internal sealed class ActivityBlocks
{
    public const int Empty = -1;

    private Chunk[] chunks = new Chunk[256];
    private int count;

    /// <summary>The number of chunks in use (for memory reporting).</summary>
    public int ChunkCount => count;

    /// <summary>Sets <paramref name="bits"/> of <paramref name="block"/> in the chain at <paramref name="head"/>; true when any was not set.</summary>
    public bool Add(ref int head, int block, ulong bits)
    {
        for (var i = head; i != Empty; i = chunks[i].Next)
        {
            if (chunks[i].Block == block)
            {
                var added = (chunks[i].Bits & bits) != bits;
                chunks[i].Bits |= bits;
                return added;
            }
        }

        if (count == chunks.Length)
        {
            Array.Resize(ref chunks, checked(chunks.Length * 2));
        }

        chunks[count] = new Chunk { Block = block, Bits = bits, Next = head };
        head = count++;
        return true;
    }

    public int Next(int chunk) => chunks[chunk].Next;

    public int Block(int chunk) => chunks[chunk].Block;

    public ulong Bits(int chunk) => chunks[chunk].Bits;

    private struct Chunk
    {
        public ulong Bits;
        public int Block;
        public int Next;
    }
}
