using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>Percentile rank over a population: the position is (values below x + ½ · values equal to x) ÷ n.</summary>
/// <remarks>
/// This mid-rank definition treats ties symmetrically, is monotone in x, and stays inside 0..1 (a population of one
/// gives 0.5 to its own value). The normaliser is always fitted: it keeps the sorted observed values (8 bytes each).
/// Equal when both hold the same sorted population.
/// </remarks>
public sealed record PercentileNormaliser : HealthNormaliser
{
    private readonly double[]? population;

    /// <summary>Creates an unfitted normaliser.</summary>
    public PercentileNormaliser()
    {
    }

    /// <summary>Creates a normaliser fitted on the given population (any order).</summary>
    /// <param name="population">The finite values of the population.</param>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null.</exception>
    /// <exception cref="ArgumentException">The population is empty or holds a value that is not finite.</exception>
    public PercentileNormaliser(IEnumerable<double> population)
    {
        ArgumentNullException.ThrowIfNull(population);
        var values = population.ToArray();
        if (values.Length == 0 || !Array.TrueForAll(values, double.IsFinite))
        {
            throw new ArgumentException("Expected at least one value, all finite.", nameof(population));
        }

        Array.Sort(values);
        this.population = values;
    }

    private PercentileNormaliser(double[] sorted) => population = sorted;

    /// <summary>A fitted normaliser that takes ownership of <paramref name="values"/> and sorts it in place.</summary>
    internal static PercentileNormaliser FromValues(double[] values)
    {
        Array.Sort(values);
        return new PercentileNormaliser(values);
    }

    /// <summary>The sorted population the ranks are taken in; empty before fitting.</summary>
    public IReadOnlyList<double> Population => population ?? [];

    /// <inheritdoc/>
    public override bool IsFitted => population is not null;

    /// <inheritdoc/>
    public override string TypeName => "percentile";

    /// <summary>Whether both normalisers hold the same sorted population.</summary>
    /// <param name="other">The other normaliser.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(PercentileNormaliser? other) =>
        other is not null && (ReferenceEquals(population, other.population)
            || (population is not null && other.population is not null && population.AsSpan().SequenceEqual(other.population)));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(population?.Length ?? -1);
        if (population is { Length: > 0 })
        {
            hash.Add(population[0]);
            hash.Add(population[^1]);
        }

        return hash.ToHashCode();
    }

    internal override double Goodness(double value, HealthDirection direction)
    {
        var sorted = population!;
        var below = Bound(sorted, value, inclusive: false);
        var upTo = Bound(sorted, value, inclusive: true);

        var position = (below + 0.5 * (upTo - below)) / sorted.Length;
        return Orient(position, direction);
    }


    /// <summary>The number of values below <paramref name="value"/> (or not above it, when inclusive).</summary>
    private static int Bound(double[] sorted, double value, bool inclusive)
    {
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (sorted[middle] < value || (inclusive && sorted[middle] == value))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
