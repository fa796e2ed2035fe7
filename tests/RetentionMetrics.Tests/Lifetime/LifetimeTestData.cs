using System.Globalization;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Lifetime;

/// <summary>The published reference data sets as model inputs (see Data/cdnow/README.md and Data/sbg/README.md).</summary>
internal static class LifetimeTestData
{
    private static readonly Lazy<RepeatPurchaseData> CdnowData = new(() => RepeatPurchaseData.Create(
        TestData.ReadCsv("cdnow", "cdnow_customers_summary_with_transactions.csv").Select(f =>
            new RepeatPurchaseSummary(f[0], Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4])))));

    private static readonly Lazy<RepeatPurchaseData> DonationData = new(() => RepeatPurchaseData.Create(
        TestData.ReadCsv("cdnow", "donations.csv").Select((f, i) =>
            new RepeatPurchaseSummary($"pattern {i + 1}", Number(f[0]), Number(f[1]), Number(f[2]), 0d, Number(f[3])))));

    /// <summary>The CDNOW sample's calibration summary (x, t_x, T in weeks, zbar): 2,357 customers.</summary>
    public static RepeatPurchaseData Cdnow => CdnowData.Value;

    /// <summary>The BG/BB donations pattern table: 22 patterns, 11,104 donors.</summary>
    public static RepeatPurchaseData Donations => DonationData.Value;

    /// <summary>Customers alive at the start of years 0..<paramref name="lastYear"/> for "regular" or "high end".</summary>
    public static long[] Survival(bool highEnd, int lastYear) =>
        TestData.ReadCsv("sbg", "survival.csv")
            .Where(f => int.Parse(f[0], CultureInfo.InvariantCulture) <= lastYear)
            .Select(f => long.Parse(f[highEnd ? 2 : 1], CultureInfo.InvariantCulture))
            .ToArray();

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
