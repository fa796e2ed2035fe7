using System.Globalization;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Streaming;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Customers;

/// <summary>
/// The CDNOW sample summarised with the published calibration conventions must reproduce the published summary
/// (Fader, Hardie &amp; Lee 2005; the file of the lifetimes repository): x, t_x and T in weeks = days / 7 rounded to
/// two decimals, and zbar, the mean value of the repeat purchase days, to within 0.01.
/// </summary>
public class CdnowSummaryTests
{
    private static readonly LocalDate CalibrationEnd = new(1997, 9, 30);

    [Fact]
    public void Summaries_OfCdnowSample_ReproduceThePublishedCalibrationSummary()
    {
        var summaries = ReadSample().ToCustomerSummaries(
            r => r.Customer, r => r.Date, r => r.Amount, new CustomerSummaryOptions { AsOf = CalibrationEnd });
        var published = TestData.ReadCsv("cdnow", "cdnow_customers_summary_with_transactions.csv");

        Assert.Equal(2357, summaries.Count);
        Assert.Equal(1959, summaries.RecordsAfterAsOf);
        Assert.Equal(2457, summaries.Sum(s => s.Frequency));
        foreach (var row in published)
        {
            Assert.True(summaries.TryGet(int.Parse(row[0], CultureInfo.InvariantCulture), out var s), $"customer {row[0]}");
            Assert.Equal(int.Parse(row[1], CultureInfo.InvariantCulture), s.Frequency);
            Assert.Equal(double.Parse(row[2], CultureInfo.InvariantCulture), Math.Round(s.Recency / 7.0, 2));
            Assert.Equal(double.Parse(row[3], CultureInfo.InvariantCulture), Math.Round(s.T / 7.0, 2));
            Assert.InRange(s.MonetaryValue - decimal.Parse(row[4], CultureInfo.InvariantCulture), -0.01m, 0.01m);
        }
    }

    [Fact]
    public async Task Summaries_OfCdnowSample_AgreeOnEveryInputPath()
    {
        var records = ReadSample();
        var options = new CustomerSummaryOptions { AsOf = CalibrationEnd };
        var parallel = records.ToCustomerSummaries(r => r.Customer, r => r.Date, r => r.Amount, options);
        var sequential = records.Select(r => r).ToCustomerSummaries(r => r.Customer, r => r.Date, r => r.Amount, options with { MaximumDegreeOfParallelism = 1 });
        var streamed = await records.ToAsyncSequence().ToCustomerSummariesAsync(r => r.Customer, r => r.Date, r => r.Amount, options);
        var batched = await records.Chunk(1000).Select(c => (ReadOnlyMemory<SampleRow>)c).ToAsyncSequence()
            .ToCustomerSummariesAsync(r => r.Customer, r => r.Date, r => r.Amount, options);

        Assert.Equal(parallel, sequential);
        Assert.Equal(parallel, streamed);
        Assert.Equal(parallel, batched);
    }

    internal static SampleRow[] ReadSample() =>
        File.ReadLines(TestData.PathOf("cdnow", "CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 5)
            .Select(fields => new SampleRow(
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                new LocalDate(int.Parse(fields[2][..4], CultureInfo.InvariantCulture), int.Parse(fields[2][4..6], CultureInfo.InvariantCulture), int.Parse(fields[2][6..], CultureInfo.InvariantCulture)),
                decimal.Parse(fields[4], CultureInfo.InvariantCulture)))
            .ToArray();

    internal sealed record SampleRow(int Customer, LocalDate Date, decimal Amount);
}
