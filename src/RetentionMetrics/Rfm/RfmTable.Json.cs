using NodaTime;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Rfm;

// Snapshot and restore for RetentionMetrics.Serialization. A table reads only the key and the total spend of each
// summary it was made from, so a restored table holds summaries with those two fields (and neutral values for the
// others, which nothing reads).
public sealed partial class RfmTable<TKey>
{
    internal static RfmTable<TKey> Restore(
        RfmCustomer<TKey>[] rows, int[] segmentIndexes, LocalDate? asOf, RfmOptions options, IReadOnlyList<RfmSegmentSummary> segments,
        long rankErrorBound)
    {
        var columns = new RfmColumns(rows.Length);
        var summaries = new CustomerSummary<TKey>[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            summaries[i] = new CustomerSummary<TKey>(row.CustomerId, 1, row.Revenue, default, default, 0, 0, 0, 0m);
            columns.Recency[i] = row.Recency;
            columns.Frequency[i] = row.Frequency;
            columns.Monetary[i] = row.Monetary;
            columns.RecencyScores[i] = row.Score.Recency;
            columns.FrequencyScores[i] = row.Score.Frequency;
            columns.MonetaryScores[i] = row.Score.Monetary;
            columns.Segments[i] = segmentIndexes[i];
        }

        var source = new CustomerSummaries<TKey>(summaries, PurchasePeriod.Day, DateTimeZone.Utc, asOf, rows.Length, 0, 0);
        return new RfmTable<TKey>(source, columns, [.. options.Segments.Names], asOf, options, segments, rankErrorBound);
    }
}
