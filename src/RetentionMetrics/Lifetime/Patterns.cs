namespace RetentionMetrics.Lifetime;

/// <summary>
/// Repeat-purchase rows with identical (frequency, recency, T, monetary value) merged and their weights summed, plus
/// the distinct frequencies, so a likelihood evaluates each pattern and each frequency-only term once.
/// </summary>
internal sealed class Patterns
{
    private const int ChunkSize = 8_192;

    private Patterns(double[] x, double[] recency, double[] t, double[] monetary, double[] weight, int[] frequencyIndex, double[] frequencies)
    {
        (AgeIndex, Ages) = Distinct(t);
        (RecencyIndex, Recencies) = Distinct(recency);
        X = x;
        Recency = recency;
        T = t;
        Monetary = monetary;
        Weight = weight;
        FrequencyIndex = frequencyIndex;
        Frequencies = frequencies;
    }

    public double[] X { get; }

    public double[] Recency { get; }

    public double[] T { get; }

    public double[] Monetary { get; }

    public double[] Weight { get; }

    /// <summary>For each pattern, the index of its frequency in <see cref="Frequencies"/>.</summary>
    public int[] FrequencyIndex { get; }

    public double[] Frequencies { get; }

    /// <summary>For each pattern, the index of its T in <see cref="Ages"/> (few distinct values in real data).</summary>
    public int[] AgeIndex { get; }

    public double[] Ages { get; }

    /// <summary>For each pattern, the index of its recency in <see cref="Recencies"/>.</summary>
    public int[] RecencyIndex { get; }

    public double[] Recencies { get; }

    public int Count => X.Length;

    /// <summary>ln(<paramref name="shift"/> + v) for each distinct value v, so a likelihood takes each logarithm once.</summary>
    public static double[] LogShifted(double[] values, double shift)
    {
        var logs = new double[values.Length];
        for (var i = 0; i < logs.Length; i++)
        {
            logs[i] = Math.Log(shift + values[i]);
        }

        return logs;
    }

    public double TotalWeight => Weight.Sum();

    /// <summary>Groups the rows; <paramref name="keepMonetary"/> false ignores monetary values (transaction models).</summary>
    public static Patterns From(RepeatPurchaseData data, bool keepMonetary, Func<RepeatPurchaseSummary, bool>? include = null)
    {
        var index = new Dictionary<(double, double, double, double), int>();
        var x = new List<double>();
        var recency = new List<double>();
        var t = new List<double>();
        var monetary = new List<double>();
        var weight = new List<double>();
        foreach (var row in data.AsSpan())
        {
            if (include is not null && !include(row))
            {
                continue;
            }

            var key = (row.Frequency, row.Recency, row.T, keepMonetary ? row.MonetaryValue : 0d);
            if (index.TryGetValue(key, out var at))
            {
                weight[at] += row.Weight;
                continue;
            }

            index[key] = x.Count;
            x.Add(row.Frequency);
            recency.Add(row.Recency);
            t.Add(row.T);
            monetary.Add(key.Item4);
            weight.Add(row.Weight);
        }

        var frequencies = x.Distinct().Order().ToArray();
        var position = new Dictionary<double, int>(frequencies.Length);
        for (var i = 0; i < frequencies.Length; i++)
        {
            position[frequencies[i]] = i;
        }

        var frequencyIndex = x.Select(v => position[v]).ToArray();
        return new Patterns([.. x], [.. recency], [.. t], [.. monetary], [.. weight], frequencyIndex, frequencies);
    }

    /// <summary>
    /// Σ over patterns of <paramref name="term"/>(i) · weight, in fixed chunks summed in order, in parallel when large:
    /// the result does not depend on thread timing.
    /// </summary>
    public double WeightedSum(Func<int, double> term)
    {
        var chunks = (Count + ChunkSize - 1) / ChunkSize;
        if (chunks <= 1)
        {
            return Chunk(0, term);
        }

        var partial = new double[chunks];
        Parallel.For(0, chunks, c => partial[c] = Chunk(c, term));
        var total = 0d;
        foreach (var value in partial)
        {
            total += value;
        }

        return total;
    }

    private static (int[] Index, double[] Values) Distinct(double[] values)
    {
        var distinct = values.Distinct().Order().ToArray();
        var position = new Dictionary<double, int>(distinct.Length);
        for (var i = 0; i < distinct.Length; i++)
        {
            position[distinct[i]] = i;
        }

        return (values.Select(v => position[v]).ToArray(), distinct);
    }

    private double Chunk(int chunk, Func<int, double> term)
    {
        var end = Math.Min(Count, (chunk + 1) * ChunkSize);
        var sum = 0d;
        for (var i = chunk * ChunkSize; i < end; i++)
        {
            sum += term(i) * Weight[i];
        }

        return sum;
    }
}
