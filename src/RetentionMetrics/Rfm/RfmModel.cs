using System.Globalization;
using NodaTime;
using RetentionMetrics.Customers;

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
    /// <b>Aggregates</b>: reads the summaries once into per-customer columns. The exact scorings sort each dimension once
    /// (a histogram for small ranges, else a radix sort); <see cref="RfmScoring.Sketch"/> never sorts.
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
        var names = options.Segments.Names.ToArray();
        if (count == 0 || summaries.AsOf is not { } asOf)
        {
            return new RfmTable<TKey>(summaries, new RfmColumns(0), names, summaries.AsOf, options, [], 0);
        }

        var columns = new RfmColumns(count);
        Extract(summaries, options, asOf, columns);
        var bins = options.Bins;
        long rankErrorBound = 0;
        switch (options.Scoring)
        {
            case RfmScoring.CountBelow:
                // The three dimensions are independent: ranked side by side on the available cores.
                Parallel.Invoke(
                    () => RfmRanking.ScoreCountBelow(RecencyKeys(columns.Recency), bins, columns.RecencyScores),
                    () => RfmRanking.ScoreCountBelow(FrequencyKeys(columns.Frequency), bins, columns.FrequencyScores),
                    () => RfmRanking.ScoreCountBelow(RfmRanking.DecimalKeys(columns.Monetary), bins, columns.MonetaryScores));
                break;
            case RfmScoring.EqualCount:
                var byCustomer = CustomerOrder(summaries);
                Parallel.Invoke(
                    () => RfmRanking.ScoreEqualCount(RecencyKeys(columns.Recency), bins, columns.RecencyScores, byCustomer),
                    () => RfmRanking.ScoreEqualCount(FrequencyKeys(columns.Frequency), bins, columns.FrequencyScores, byCustomer),
                    () => RfmRanking.ScoreEqualCount(RfmRanking.DecimalKeys(columns.Monetary), bins, columns.MonetaryScores, byCustomer));
                break;
            case RfmScoring.Breakpoints:
                var breakpoints = options.Breakpoints!;
                ForEachRange(count, (start, end) =>
                {
                    for (var i = start; i < end; i++)
                    {
                        columns.RecencyScores[i] = breakpoints.ScoreRecency(columns.Recency[i]);
                        columns.FrequencyScores[i] = breakpoints.ScoreFrequency(columns.Frequency[i]);
                        columns.MonetaryScores[i] = breakpoints.ScoreMonetary(columns.Monetary[i]);
                    }
                });

                break;
            default:
                rankErrorBound = ScoreBySketch(columns, options);
                break;
        }

        var grid = AssignSegments(summaries, options, names, columns);
        return new RfmTable<TKey>(summaries, columns, names, asOf, options, grid, rankErrorBound);
    }

    /// <summary>Below this many customers every pass runs on one thread.</summary>
    private const int ParallelThreshold = 65_536;

    /// <summary>Runs <paramref name="body"/> over consecutive ranges of <c>0..count</c>, on all cores for large counts.</summary>
    private static void ForEachRange(int count, Action<int, int> body)
    {
        var ranges = count < ParallelThreshold ? 1 : Math.Min(Environment.ProcessorCount * 4, count / (ParallelThreshold / 4));
        if (ranges <= 1)
        {
            body(0, count);
            return;
        }

        var size = (count + ranges - 1) / ranges;
        Parallel.For(0, ranges, r => body(r * size, Math.Min(count, (r + 1) * size)));
    }

    private static void Extract<TKey>(CustomerSummaries<TKey> summaries, RfmOptions options, LocalDate asOf, RfmColumns columns)
        where TKey : notnull
    {
        var purchaseDays = options.Frequency == RfmFrequency.PurchaseDays;
        var meanSpend = options.Monetary == RfmMonetary.MeanSpend;
        var recency = columns.Recency;
        var frequency = columns.Frequency;
        var monetary = columns.Monetary;
        var asOfDay = Internal.PeriodCalendar.DayNumber(asOf);
        var firstError = int.MaxValue;
        ForEachRange(recency.Length, (start, end) =>
        {
            var rows = summaries.AsSpan();
            for (var i = start; i < end; i++)
            {
                ref readonly var s = ref rows[i];
                var days = asOfDay - Internal.PeriodCalendar.DayNumber(s.LastPurchase.Date);
                if (days < 0 || (meanSpend && s.Transactions <= 0))
                {
                    // Leave the message to the sequential check below, which names the earliest bad customer.
                    InterlockedMin(ref firstError, i);
                    return;
                }

                recency[i] = days;
                frequency[i] = purchaseDays ? s.PurchasePeriods : s.Transactions;
                monetary[i] = meanSpend ? s.TotalSpend / s.Transactions : s.TotalSpend;
            }
        });
        if (firstError == int.MaxValue)
        {
            return;
        }

        var all = summaries.AsSpan();
        for (var i = 0; i < all.Length; i++)
        {
            ref readonly var s = ref all[i];
            var last = s.LastPurchase.Date;
            if (Period.DaysBetween(last, asOf) < 0)
            {
                throw new RetentionDataException(
                    string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.LastPurchaseAfterAsOf, last, asOf), s.CustomerId.ToString(), i);
            }

            if (meanSpend && s.Transactions <= 0)
            {
                throw new RetentionDataException(RfmErrorMessages.NoTransactions, s.CustomerId.ToString(), i);
            }
        }
    }

    private static void InterlockedMin(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static long[] RecencyKeys(int[] days)
    {
        // Fewer days is better: the key is the negated day count.
        var keys = new long[days.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = -(long)days[i];
        }

        return keys;
    }

    private static long[] FrequencyKeys(int[] frequency)
    {
        var keys = new long[frequency.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = frequency[i];
        }

        return keys;
    }

    private static long ScoreBySketch(RfmColumns columns, RfmOptions options)
    {
        var count = columns.Recency.Length;
        var sketch = new RfmSketch(options.SketchCapacity, options.SketchSeed);
        for (var i = 0; i < count; i++)
        {
            sketch.Add(columns.Recency[i], columns.Frequency[i], columns.Monetary[i]);
        }

        for (var i = 0; i < count; i++)
        {
            var score = sketch.Score(columns.Recency[i], columns.Frequency[i], columns.Monetary[i], options.Bins);
            columns.RecencyScores[i] = score.Recency;
            columns.FrequencyScores[i] = score.Frequency;
            columns.MonetaryScores[i] = score.Monetary;
        }

        return sketch.RankErrorBound;
    }

    private static List<RfmSegmentSummary> AssignSegments<TKey>(CustomerSummaries<TKey> summaries, RfmOptions options, string[] names, RfmColumns columns)
        where TKey : notnull
    {
        var count = columns.Recency.Length;
        var bins = options.Bins;
        var map = options.Segments;
        var nameIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < names.Length; s++)
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

        var segmentCustomers = new int[names.Length];
        var segmentRevenue = new decimal[names.Length];
        var segmentRecency = new long[names.Length];
        var segmentFrequency = new long[names.Length];
        var segmentMonetary = new decimal[names.Length];
        var meanSpend = options.Monetary == RfmMonetary.MeanSpend;
        var (recency, frequency, monetary) = (columns.Recency, columns.Frequency, columns.Monetary);
        var (recencyScores, frequencyScores, monetaryScores, segments) = (columns.RecencyScores, columns.FrequencyScores, columns.MonetaryScores, columns.Segments);
        var gate = new object();
        var partials = new List<(int Start, int[] Customers, decimal[] Revenue, long[] Recency, long[] Frequency, decimal[] Monetary)>();
        ForEachRange(count, (start, end) =>
        {
            // Each range sums into its own arrays; the ranges are added up afterwards.
            var rows = summaries.AsSpan();
            var customers = new int[names.Length];
            var revenue = new decimal[names.Length];
            var recencySum = new long[names.Length];
            var frequencySum = new long[names.Length];
            var monetarySum = new decimal[names.Length];
            for (var i = start; i < end; i++)
            {
                var segment = lookup is not null
                    ? lookup[(((recencyScores[i] - 1) * bins) + frequencyScores[i] - 1) * bins + monetaryScores[i] - 1]
                    : nameIndex[map.Assign(new RfmScore(recencyScores[i], frequencyScores[i], monetaryScores[i]), bins)];
                segments[i] = segment;
                customers[segment]++;
                revenue[segment] += rows[i].TotalSpend;
                recencySum[segment] += recency[i];
                frequencySum[segment] += frequency[i];
                if (meanSpend)
                {
                    monetarySum[segment] += monetary[i];
                }
            }

            lock (gate)
            {
                partials.Add((start, customers, revenue, recencySum, frequencySum, monetarySum));
            }
        });

        // Added in range order, so that mean-spend sums (decimals of any scale) round the same way on every run.
        foreach (var (_, customers, revenue, recencySum, frequencySum, monetarySum) in partials.OrderBy(p => p.Start))
        {
            for (var s = 0; s < names.Length; s++)
            {
                segmentCustomers[s] += customers[s];
                segmentRevenue[s] += revenue[s];
                segmentRecency[s] += recencySum[s];
                segmentFrequency[s] += frequencySum[s];
                segmentMonetary[s] += monetarySum[s];
            }
        }

        var totalRevenue = 0m;
        foreach (var revenue in segmentRevenue)
        {
            totalRevenue += revenue;
        }

        var grid = new List<RfmSegmentSummary>();
        for (var s = 0; s < names.Length; s++)
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
                AverageMonetary: (double)((meanSpend ? segmentMonetary[s] : segmentRevenue[s]) / n),
                CustomerShare: (double)n / count,
                RevenueShare: totalRevenue > 0 ? (double)(segmentRevenue[s] / totalRevenue) : 0d));
        }

        return grid;
    }

    /// <summary>Positions ordered by customer key ascending (ordinal for strings): the tie order of equal-count bins.</summary>
    private static int[] CustomerOrder<TKey>(CustomerSummaries<TKey> summaries)
        where TKey : notnull
    {
        var rows = summaries.AsSpan();
        var keys = new TKey[rows.Length];
        var order = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            keys[i] = rows[i].CustomerId;
            order[i] = i;
        }

        IComparer<TKey> comparer = typeof(TKey) == typeof(string) ? (IComparer<TKey>)StringComparer.Ordinal : Comparer<TKey>.Default;
        Array.Sort(keys, order, comparer);
        return order;
    }
}
