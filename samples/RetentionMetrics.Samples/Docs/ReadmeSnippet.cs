// snippet: readme-in-code
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;

// end-snippet

namespace RetentionMetrics.Samples.Docs;

/// <summary>The "In code" example of README.md.</summary>
public static class ReadmeSnippet
{
    /// <summary>An order of the caller's own type.</summary>
    public sealed record Purchase(string CustomerId, LocalDate Date, decimal Amount);

    /// <summary>Summarises <paramref name="orders"/> and prints one line per customer.</summary>
    public static async Task RunAsync(IAsyncEnumerable<Purchase> orders, CancellationToken token)
    {
        // snippet: readme-in-code
        // Your own record type; selectors say where the customer, the time and the amount are.
        var options = new CustomerSummaryOptions { Period = PurchasePeriod.Day, AsOf = new LocalDate(1997, 9, 30) };
        var summaries = await orders.ToCustomerSummariesAsync(
            o => o.CustomerId, o => o.Date, o => o.Amount, options, cancellationToken: token);

        foreach (var s in summaries)
        {
            Console.WriteLine($"{s.CustomerId}: frequency {s.Frequency}, recency {s.Recency}, T {s.T}, monetary {s.MonetaryValue}");
        }
        // end-snippet
    }
}
