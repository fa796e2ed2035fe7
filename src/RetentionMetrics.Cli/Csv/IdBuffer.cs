namespace RetentionMetrics.Cli.Csv;

/// <summary>The UTF-8 customer ids of a batch of rows, copied end to end into one buffer that grows as needed.</summary>
internal sealed class IdBuffer(int rows, int expectedBytesPerId)
{
    private readonly int[] starts = new int[rows];
    private readonly int[] lengths = new int[rows];
    private byte[] bytes = new byte[rows * expectedBytesPerId];
    private int used;

    /// <summary>The id of row <paramref name="row"/>, valid until <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> this[int row] => bytes.AsSpan(starts[row], lengths[row]);

    /// <summary>Copies <paramref name="id"/> in as the id of row <paramref name="row"/>.</summary>
    public void Set(int row, ReadOnlySpan<byte> id)
    {
        if (used + id.Length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + id.Length));
        }

        id.CopyTo(bytes.AsSpan(used));
        starts[row] = used;
        lengths[row] = id.Length;
        used += id.Length;
    }

    /// <summary>Makes the whole buffer free for the next batch.</summary>
    public void Clear() => used = 0;
}
