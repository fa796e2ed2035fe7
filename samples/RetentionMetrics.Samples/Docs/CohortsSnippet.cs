using NodaTime;
using RetentionMetrics.Cohorts;

namespace RetentionMetrics.Samples.Docs;

/// <summary>The "From code" example of docs/cohorts.md.</summary>
public static class CohortsSnippet
{
    /// <summary>An activity record of the caller's own type.</summary>
    public sealed record Activity(string CustomerId, Instant Time, decimal Amount, string Channel);

    /// <summary>Builds monthly cohorts by channel in Paris time, prints the table and returns it.</summary>
    public static async Task<CohortTable> RunAsync(IAsyncEnumerable<Activity> orders)
    {
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        // snippet: cohorts-from-code
        var table = await orders.ToCohortTableAsync(
            o => o.CustomerId, o => o.Time, o => o.Amount,
            new CohortOptions { Period = CohortPeriod.Month, Zone = paris, AsOf = new LocalDate(2024, 12, 31) },
            group: o => o.Channel);                       // optional; signup: o => o.SignupDate also optional
        Console.Write(table.ToText());                  // or ToMarkdown(), ToCsv(), ToJson()
        double? juneRetention = table[0, 5];            // null when not yet observable
        // end-snippet
        Console.WriteLine($"first cohort at offset 5: {juneRetention}");
        return table;
    }
}
