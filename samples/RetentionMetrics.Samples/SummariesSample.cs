using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Samples;

/// <summary>The worked example of docs/summaries.md, and a merge of two partitions.</summary>
public static class SummariesSample
{
    public static async Task RunAsync(TextWriter output)
    {
        Purchase[] purchases =
        [
            new("a", new LocalDate(2024, 1, 1), 10.00m),
            new("a", new LocalDate(2024, 1, 1), 5.00m),
            new("a", new LocalDate(2024, 1, 11), 20.00m),
            new("a", new LocalDate(2024, 1, 31), 40.00m),
            new("b", new LocalDate(2024, 2, 1), 7.00m),
        ];
        var options = new CustomerSummaryOptions { AsOf = new LocalDate(2024, 2, 10) };

        // One pass over a stream of the caller's own records.
        var summaries = await ToStream(purchases).ToCustomerSummariesAsync(p => p.Customer, p => p.Date, p => p.Amount, options);
        foreach (var s in summaries)
        {
            output.WriteLine($"{s.CustomerId}: frequency {s.Frequency}, recency {s.Recency}, T {s.T}, monetary {s.MonetaryValue:0.00}, spend {s.TotalSpend:0.00}");
        }

        // The same result from two partitions summarised apart and merged.
        var first = new CustomerSummaryAccumulator<string>(options);
        var second = new CustomerSummaryAccumulator<string>(options);
        foreach (var (p, i) in purchases.Select((p, i) => (p, i)))
        {
            (i % 2 == 0 ? first : second).Add(p.Customer, p.Date, p.Amount);
        }

        first.Merge(second);
        output.WriteLine($"merged partitions equal the single pass: {first.ToSummaries().Equals(summaries)}");
    }

    private static async IAsyncEnumerable<Purchase> ToStream(IEnumerable<Purchase> purchases)
    {
        foreach (var purchase in purchases)
        {
            await Task.Yield();
            yield return purchase;
        }
    }

    private sealed record Purchase(string Customer, LocalDate Date, decimal Amount);
}
