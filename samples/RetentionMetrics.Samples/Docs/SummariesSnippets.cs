using NodaTime;
// snippet: summaries-in-code
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;

// end-snippet

namespace RetentionMetrics.Samples.Docs;

/// <summary>The code examples of docs/summaries.md.</summary>
public static class SummariesSnippets
{
    /// <summary>An order of the caller's own type, keyed by a number.</summary>
    public sealed record NumberedOrder(int CustomerId, LocalDate Date, decimal Amount);

    /// <summary>Summarises <paramref name="orders"/> and prints one line per customer.</summary>
    public static async Task<CustomerSummaries<int>> InCodeAsync(
        IAsyncEnumerable<NumberedOrder> orders, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
    {
        // snippet: summaries-in-code
        // Any record type, through selectors; instants or dates.
        var options = new CustomerSummaryOptions { Period = PurchasePeriod.Day, AsOf = new LocalDate(1997, 9, 30) };
        CustomerSummaries<int> summaries = await orders.ToCustomerSummariesAsync(
            o => o.CustomerId, o => o.Date, o => o.Amount, options, progress, cancellationToken);

        foreach (var s in summaries)
        {
            Console.WriteLine($"{s.CustomerId}: x={s.Frequency} t_x={s.Recency} T={s.T} m={s.MonetaryValue}");
        }
        // end-snippet
        return summaries;
    }

    /// <summary>Summarises two days apart and merges them.</summary>
    public static CustomerSummaries<string> Merge(
        CustomerSummaryOptions options, IEnumerable<Order> mondayOrders, IEnumerable<Order> tuesdayOrders)
    {
        // snippet: summaries-merge
        var monday = new CustomerSummaryAccumulator<string>(options);
        var tuesday = new CustomerSummaryAccumulator<string>(options);
        // … Add(customer, time, amount) to each …
        // end-snippet
        foreach (var o in mondayOrders)
        {
            monday.Add(o.CustomerId, o.Time, o.Amount);
        }

        foreach (var o in tuesdayOrders)
        {
            tuesday.Add(o.CustomerId, o.Time, o.Amount);
        }

        // snippet: summaries-merge
        monday.Merge(tuesday);                 // equals one pass over both days' records
        var result = monday.ToSummaries();
        // end-snippet
        return result;
    }
}
