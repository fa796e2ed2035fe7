using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>
/// Learns a model's population normalisers in one pass: min–max bounds and z-score moments are aggregated as values
/// arrive (constant memory); a percentile rank keeps the observed values (it needs the whole population).
/// </summary>
internal sealed class HealthModelFitter
{
    private readonly HealthScoreModel model;
    private readonly Kind[] kinds;
    private readonly double[]?[] observed;
    private readonly int[] observedCount;
    private readonly long[] count;
    private readonly double[] first;
    private readonly double[] second;

    /// <param name="model">The model to fit.</param>
    /// <param name="expectedRows">How many rows will come, when known, to size the percentile buffers once.</param>
    public HealthModelFitter(HealthScoreModel model, int expectedRows = 0)
    {
        this.model = model;
        var k = model.Components.Count;
        kinds = new Kind[k];
        observed = new double[]?[k];
        observedCount = new int[k];
        count = new long[k];
        first = new double[k];
        second = new double[k];
        for (var i = 0; i < k; i++)
        {
            kinds[i] = model.Components[i].Normaliser switch
            {
                PercentileNormaliser => Kind.Percentile,
                MinMaxNormaliser m when !m.IsFitted || m.IsFittedOnPopulation => Kind.MinMax,
                ZScoreNormaliser z when !z.IsFitted || z.IsFittedOnPopulation => Kind.ZScore,
                _ => Kind.None,
            };
            if (kinds[i] == Kind.Percentile)
            {
                observed[i] = new double[Math.Max(expectedRows, 16)];
            }
        }
    }

    private enum Kind
    {
        None,
        Percentile,
        MinMax,
        ZScore,
    }

    public void Add(ReadOnlySpan<double> values, long position, string? customer)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (double.IsNaN(value))
            {
                continue;
            }

            if (!double.IsFinite(value))
            {
                throw new RetentionDataException(
                    string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ValueNotFinite, model.Components[i].Name, value), customer, position);
            }

            switch (kinds[i])
            {
                case Kind.Percentile:
                    var buffer = observed[i]!;
                    if (observedCount[i] == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                        observed[i] = buffer;
                    }

                    buffer[observedCount[i]++] = value;
                    break;
                case Kind.MinMax:
                    first[i] = count[i] == 0 ? value : Math.Min(first[i], value);
                    second[i] = count[i] == 0 ? value : Math.Max(second[i], value);
                    count[i]++;
                    break;
                case Kind.ZScore:
                    // Welford's update: mean in first, sum of squared deviations in second.
                    count[i]++;
                    var delta = value - first[i];
                    first[i] += delta / count[i];
                    second[i] += delta * (value - first[i]);
                    break;
            }
        }
    }

    public HealthScoreModel ToModel()
    {
        var components = new HealthComponent[kinds.Length];
        for (var i = 0; i < components.Length; i++)
        {
            var component = model.Components[i];
            components[i] = kinds[i] switch
            {
                Kind.None => component,
                Kind.Percentile => component.WithNormaliser(PercentileNormaliser.FromValues(Observed(i))),
                Kind.MinMax => component.WithNormaliser(MinMaxNormaliser.Fitted(Require(i, first[i]), second[i])),
                _ => component.WithNormaliser(ZScoreNormaliser.Fitted(
                    Require(i, double.IsFinite(first[i]) ? first[i] : 0d),
                    Math.Sqrt(Math.Max(second[i], 0d) / count[i]) is var deviation && double.IsFinite(deviation) ? deviation : double.MaxValue)),
            };
        }

        return new HealthScoreModel(components, model.Bands);
    }

    private double[] Observed(int i)
    {
        if (observedCount[i] == 0)
        {
            throw NoValues(i);
        }

        var values = observed[i]!;
        Array.Resize(ref values, observedCount[i]);
        return values;
    }

    private double Require(int i, double value) => count[i] > 0 ? value : throw NoValues(i);

    private RetentionDataException NoValues(int i) =>
        new(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.NoPopulationValues, model.Components[i].Name));
}
