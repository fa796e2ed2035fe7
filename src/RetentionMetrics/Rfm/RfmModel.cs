using System.Globalization;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Rfm;

/// <summary>Scores customers by recency, frequency and monetary value and names their segments.</summary>
/// <remarks>
/// Recency is the number of days from the customer's last purchase to the summaries' as-of date; frequency the number
/// of transactions or purchase days; monetary the total or mean spend. See <c>docs/rfm.md</c> for the scoring rules.
/// </remarks>
public static class RfmModel
{
    /// <summary>Scores every customer of <paramref name="summaries"/>.</summary>
    /// <remarks>
    /// <b>Aggregates</b>: reads the summaries once into three key arrays. The exact scorings sort each dimension once
    /// (a radix sort, or a histogram for small ranges); <see cref="RfmScoring.Sketch"/> never sorts.
    /// </remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="summaries">The customer summaries; their as-of date is the date recency is measured to.</param>
    /// <param name="options">The scoring options; <see cref="RfmOptions.Default"/> when null.</param>
    /// <returns>The RFM table.</returns>
    /// <example>
    /// Ten customers with transactions 1, 1, 1, 2, 2, 3, 4, 4, 6, 9 and 5 bins: the customers with 2 transactions have
    /// 3 customers strictly below them, so their frequency score is 1 + ⌊5 · 3 / 10⌋ = 2.
    /// </example>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or purchase days were asked of summaries not grouped by day.</exception>
    public static RfmTable<TKey> Score<TKey>(CustomerSummaries<TKey> summaries, RfmOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(summaries);
        options ??= RfmOptions.Default;
        options.Validate(nameof(options));
        if (options.Frequency == RfmFrequency.PurchaseDays && summaries.Period != PurchasePeriod.Day)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.PurchaseDaysNeedDailySummaries, summaries.Period), nameof(summaries));
        }

        var count = summaries.Count;
        if (count == 0 || summaries.AsOf is not { } asOf)
        {
            return new RfmTable<TKey>([], summaries.AsOf, options, [], 0);
        }

        var rows = summaries.AsSpan();
        var asOfDay = PeriodCalendar.DayNumber(asOf);
        var recency = new int[count];
        var frequency = new int[count];
        var monetary = new decimal[count];
        for (var i = 0; i < count; i++)
        {
            ref readonly var s = ref rows[i];
            var days = asOfDay - PeriodCalendar.DayNumber(s.LastPurchase.Date);
            if (days < 0)
            {
                throw new RetentionDataException(
                    string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.LastPurchaseAfterAsOf, s.LastPurchase.Date, asOf),
                    s.CustomerId.ToString(), i);
            }

            recency[i] = days;
            frequency[i] = options.Frequency == RfmFrequency.PurchaseDays ? s.PurchasePeriods : s.Transactions;
            monetary[i] = options.Monetary == RfmMonetary.MeanSpend ? MeanSpend(s, i) : s.TotalSpend;
        }

        var recencyScores = new int[count];
        var frequencyScores = new int[count];
        var monetaryScores = new int[count];
        var bins = options.Bins;
        long rankErrorBound = 0;
        switch (options.Scoring)
        {
            case RfmScoring.CountBelow:
            case RfmScoring.EqualCount:
                var recencyKeys = new long[count];
                var frequencyKeys = new long[count];
                for (var i = 0; i < count; i++)
                {
                    recencyKeys[i] = -(long)recency[i];
                    frequencyKeys[i] = frequency[i];
                }

                var monetaryKeys = RfmRanking.DecimalKeys(monetary);
                if (options.Scoring == RfmScoring.CountBelow)
                {
                    RfmRanking.ScoreCountBelow(recencyKeys, bins, recencyScores);
                    RfmRanking.ScoreCountBelow(frequencyKeys, bins, frequencyScores);
                    RfmRanking.ScoreCountBelow(monetaryKeys, bins, monetaryScores);
                }
                else
                {
                    var tieBreak = CustomerOrder(summaries);
                    RfmRanking.ScoreEqualCount(recencyKeys, bins, recencyScores, tieBreak);
                    RfmRanking.ScoreEqualCount(frequencyKeys, bins, frequencyScores, tieBreak);
                    RfmRanking.ScoreEqualCount(monetaryKeys, bins, monetaryScores, tieBreak);
                }

                break;
            case RfmScoring.Breakpoints:
                var breakpoints = options.Breakpoints!;
                for (var i = 0; i < count; i++)
                {
                    recencyScores[i] = breakpoints.ScoreRecency(recency[i]);
                    frequencyScores[i] = breakpoints.ScoreFrequency(frequency[i]);
                    monetaryScores[i] = breakpoints.ScoreMonetary(monetary[i]);
                }

                break;
            default:
                var sketch = new RfmSketch(options.SketchCapacity, options.SketchSeed);
                for (var i = 0; i < count; i++)
                {
                    sketch.Add(recency[i], frequency[i], monetary[i]);
                }

                for (var i = 0; i < count; i++)
                {
                    var score = sketch.Score(recency[i], frequency[i], monetary[i], bins);
                    recencyScores[i] = score.Recency;
                    frequencyScores[i] = score.Frequency;
                    monetaryScores[i] = score.Monetary;
                }

                rankErrorBound = sketch.RankErrorBound;
                break;
        }

        return Build(summaries, options, asOf, recency, frequency, monetary, recencyScores, frequencyScores, monetaryScores, rankErrorBound);
    }

    private static RfmTable<TKey> Build<TKey>(
        CustomerSummaries<TKey> summaries, RfmOptions options, NodaTime.LocalDate asOf, int[] recency, int[] frequency, decimal[] monetary,
        int[] recencyScores, int[] frequencyScores, int[] monetaryScores, long rankErrorBound)
        where TKey : notnull
    {
        var count = summaries.Count;
        var bins = options.Bins;
        var map = options.Segments;
        var names = map.Names;
        var nameIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < names.Count; s++)
        {
            nameIndex[names[s]] = s;
        }

        // Small bin counts: every score triple's segment looked up once.
        int[]? lookup = null;
        if (bins <= 16)
        {
            lookup = new int[bins * bins * bins];
            for (var r = 1; r <= bins; r++)
            {
                for (var f = 1; f <= bins; f++)
                {
                    for (var m = 1; m <= bins; m++)
                    {
                        lookup[(((r - 1) * bins) + f - 1) * bins + m - 1] = nameIndex[map.Assign(new RfmScore(r, f, m), bins)];
                    }
                }
            }
        }

        var segmentCustomers = new int[names.Count];
        var segmentRevenue = new decimal[names.Count];
        var segmentRecency = new long[names.Count];
        var segmentFrequency = new long[names.Count];
        var segmentMonetary = new decimal[names.Count];
        var rows = new RfmCustomer<TKey>[count];
        var source = summaries.AsSpan();
        var totalRevenue = 0m;
        for (var i = 0; i < count; i++)
        {
            var score = new RfmScore(recencyScores[i], frequencyScores[i], monetaryScores[i]);
            var segment = lookup is not null
                ? lookup[(((score.Recency - 1) * bins) + score.Frequency - 1) * bins + score.Monetary - 1]
                : nameIndex[map.Assign(score, bins)];
            var revenue = source[i].TotalSpend;
            rows[i] = new RfmCustomer<TKey>(source[i].CustomerId, recency[i], frequency[i], monetary[i], revenue, score, names[segment]);
            segmentCustomers[segment]++;
            segmentRevenue[segment] += revenue;
            segmentRecency[segment] += recency[i];
            segmentFrequency[segment] += frequency[i];
            segmentMonetary[segment] += monetary[i];
            totalRevenue += revenue;
        }

        var grid = new List<RfmSegmentSummary>();
        for (var s = 0; s < names.Count; s++)
        {
            var n = segmentCustomers[s];
            if (n == 0)
            {
                continue;
            }

            grid.Add(new RfmSegmentSummary(
                names[s], n, segmentRevenue[s],
                AverageRecency: (double)segmentRecency[s] / n,
                AverageFrequency: (double)segmentFrequency[s] / n,
                AverageMonetary: (double)(segmentMonetary[s] / n),
                CustomerShare: (double)n / count,
                RevenueShare: totalRevenue > 0 ? (double)(segmentRevenue[s] / totalRevenue) : 0d));
        }

        return new RfmTable<TKey>(rows, asOf, options, grid, rankErrorBound);
    }

    private static decimal MeanSpend<TKey>(in CustomerSummary<TKey> summary, int position)
        where TKey : notnull =>
        summary.Transactions > 0
            ? summary.TotalSpend / summary.Transactions
            : throw new RetentionDataException(RfmErrorMessages.NoTransactions, summary.CustomerId.ToString(), position);

    private static Comparison<int> CustomerOrder<TKey>(CustomerSummaries<TKey> summaries)
        where TKey : notnull
    {
        if (typeof(TKey) == typeof(string))
        {
            var strings = (CustomerSummaries<string>)(object)summaries;
            return (a, b) => string.CompareOrdinal(strings[a].CustomerId, strings[b].CustomerId);
        }

        var comparer = Comparer<TKey>.Default;
        return (a, b) => comparer.Compare(summaries[a].CustomerId, summaries[b].CustomerId);
    }
}
