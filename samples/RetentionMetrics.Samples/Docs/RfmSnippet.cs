using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Samples.Docs;

/// <summary>The code example of docs/rfm.md.</summary>
public static class RfmSnippet
{
    /// <summary>A purchase of the caller's own type.</summary>
    public sealed record Purchase(string Id, Instant Time, decimal Amount);

    /// <summary>Scores <paramref name="orders"/> in memory and <paramref name="stream"/> as a stream; prints the rows and segments.</summary>
    public static async Task<(RfmTable<string> InMemory, RfmTable<string> Streamed)> RunAsync(IEnumerable<Order> orders, IAsyncEnumerable<Purchase> stream)
    {
        // snippet: rfm-in-code
        var summaries = orders.ToCustomerSummaries(new CustomerSummaryOptions { AsOf = new LocalDate(2024, 1, 31) });
        RfmTable<string> table = RfmModel.Score(summaries);                 // or summaries.ToRfmTable(options)
        RfmTable<string> streamed = await stream.ToRfmTableAsync(o => o.Id, o => o.Time, o => o.Amount);
        foreach (var row in table) Console.WriteLine($"{row.CustomerId} {row.Score} {row.Segment}");   // "c5 333 Potential Loyalists"
        foreach (var segment in table.Segments) Console.WriteLine($"{segment.Segment}: {segment.Customers}, {segment.Revenue}");
        // end-snippet
        return (table, streamed);
    }
}
