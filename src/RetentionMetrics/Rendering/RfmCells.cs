using RetentionMetrics.Rfm;

namespace RetentionMetrics.Rendering;

/// <summary>The recency × frequency score grid of an RFM table: customers and summed monetary value per cell.</summary>
internal sealed class RfmCells
{
    private readonly int[] counts;
    private readonly decimal[] monetary;

    private RfmCells(int bins)
    {
        Bins = bins;
        counts = new int[bins * bins];
        monetary = new decimal[bins * bins];
    }

    internal int Bins { get; }

    internal IReadOnlyList<int> Counts => counts;

    internal static RfmCells From<TKey>(RfmTable<TKey> table)
        where TKey : notnull
    {
        var cells = new RfmCells(table.Bins);
        for (var i = 0; i < table.Count; i++)
        {
            var row = table[i];
            var r = Math.Clamp(row.Score.Recency, 1, table.Bins) - 1;
            var f = Math.Clamp(row.Score.Frequency, 1, table.Bins) - 1;
            cells.counts[r * table.Bins + f]++;
            cells.monetary[r * table.Bins + f] += row.Monetary;
        }

        return cells;
    }

    internal int Count(int recency, int frequency) => counts[(recency - 1) * Bins + frequency - 1];

    internal double MeanMonetary(int recency, int frequency)
    {
        var i = (recency - 1) * Bins + frequency - 1;
        return counts[i] == 0 ? 0d : (double)(monetary[i] / counts[i]);
    }
}
