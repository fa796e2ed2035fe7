using System.Globalization;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Lifetime;

/// <summary>The CDNOW sample transaction log (Data/cdnow/CDNOW_sample.txt) summarised with the foundation's accumulator.</summary>
internal static class CdnowOrders
{
    public static readonly LocalDate CalibrationEnd = new(1997, 9, 30);
    public static readonly LocalDate HoldoutEnd = new(1998, 6, 30);

    /// <summary>(sample id, date, dollar value) per line; whitespace-separated columns as the README describes.</summary>
    public static IReadOnlyList<(string Customer, LocalDate Date, decimal Amount)> Rows { get; } =
        File.ReadLines(TestData.PathOf("cdnow", "CDNOW_sample.txt"))
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => (int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                new LocalDate(int.Parse(f[2][..4], CultureInfo.InvariantCulture), int.Parse(f[2][4..6], CultureInfo.InvariantCulture), int.Parse(f[2][6..], CultureInfo.InvariantCulture)),
                decimal.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();

    public static CustomerSummaries<string> Summaries(LocalDate asOf)
    {
        var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { AsOf = asOf, Period = PurchasePeriod.Day });
        foreach (var (customer, date, amount) in Rows)
        {
            accumulator.Add(customer, date, amount);
        }

        return accumulator.ToSummaries();
    }
}
