using System.Globalization;
using RetentionMetrics.Streaming;

namespace RetentionMetrics.Health;

/// <summary>
/// A health score as a value: weighted components, each normalised to a goodness from 0 to 1, summed to a score from
/// 0 to 100 and placed in a band.
/// </summary>
/// <remarks>
/// <para>
/// For a customer, let <i>S</i> be the components that count (a value, or a missing-value policy other than skip) and
/// <i>W</i> the sum of their weights. Component <i>i</i> contributes 100 · wᵢ ÷ W · gᵢ points, where gᵢ is its goodness;
/// the score is the sum of the contributions. Only ratios between weights matter. A score that rounding would push a
/// hair above 100 is trimmed from its largest contribution, so the sum stays exact and the score stays in 0..100.
/// </para>
/// <para>
/// Models are immutable and compare by value (components in order, bands). <see cref="Fit(ReadOnlySpan{double})"/>
/// returns a new model whose population normalisers are learned from a population, so a model fitted on one
/// population can score another. Build one with <see cref="CreateBuilder"/> or <see cref="FromJson(string)"/>.
/// Instances are safe to use from several threads.
/// </para>
/// </remarks>
public sealed class HealthScoreModel : IEquatable<HealthScoreModel>
{
    private readonly HealthComponent[] components;
    private readonly HealthBand[] bands;
    private readonly double[] weights;

    /// <summary>Creates a model from components and bands.</summary>
    /// <param name="components">The components, at least one; names unique (ignoring case); weights not all zero.</param>
    /// <param name="bands">Bands covering 0..100 without gaps or overlaps (any order); <see cref="HealthBands.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="components"/> is null or holds null.</exception>
    /// <exception cref="ArgumentException">The configuration is invalid; the message names the component or band.</exception>
    public HealthScoreModel(IEnumerable<HealthComponent> components, IEnumerable<HealthBand>? bands = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        var componentArray = components.ToArray();
        var bandArray = (bands ?? HealthBands.Default).ToArray();
        foreach (var component in componentArray)
        {
            ArgumentNullException.ThrowIfNull(component, nameof(components));
        }

        foreach (var band in bandArray)
        {
            ArgumentNullException.ThrowIfNull(band, nameof(bands));
        }

        if (CheckComponents(componentArray) is { } problem)
        {
            throw new ArgumentException(problem.Message, nameof(components));
        }

        if (HealthBands.Check(bandArray) is { } bandProblem)
        {
            throw new ArgumentException(bandProblem.Message, nameof(bands));
        }

        this.components = componentArray;
        this.bands = [.. bandArray.OrderBy(b => b.From)];
        weights = componentArray.Select(c => c.Weight).ToArray();
    }

    /// <summary>The components, in order; values are given to the model in this order.</summary>
    public IReadOnlyList<HealthComponent> Components => components;

    /// <summary>The bands, lowest scores first.</summary>
    public IReadOnlyList<HealthBand> Bands => bands;

    /// <summary>Whether every normaliser can score (population normalisers are fitted).</summary>
    public bool IsFitted => Array.TrueForAll(components, c => c.Normaliser.IsFitted);

    /// <summary>Starts a fluent builder.</summary>
    /// <returns>An empty builder with the default bands.</returns>
    public static HealthScoreModelBuilder CreateBuilder() => new();

    /// <summary>Reads a model from its JSON configuration (schema in docs/health.md).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="HealthConfigurationException">The text is not valid JSON or not a valid configuration; the message
    /// gives the JSON path and names the component or band.</exception>
    public static HealthScoreModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return HealthModelJson.Read(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a model from its JSON configuration as UTF-8 bytes.</summary>
    /// <param name="utf8Json">The JSON bytes.</param>
    /// <returns>The model.</returns>
    /// <exception cref="HealthConfigurationException">The bytes are not valid JSON or not a valid configuration.</exception>
    public static HealthScoreModel FromJson(ReadOnlySpan<byte> utf8Json) => HealthModelJson.Read(utf8Json);

    /// <summary>Writes the model as its JSON configuration, fitted parameters included; <see cref="FromJson(string)"/> reads it back to an equal model.</summary>
    /// <returns>Indented JSON text.</returns>
    public string ToJson() => HealthModelJson.Write(this);

    /// <summary>Learns the population normalisers from a population given row by row.</summary>
    /// <param name="rows">One row per customer, one value per component in component order; NaN means missing.</param>
    /// <returns>A new model with fitted normalisers; this model is unchanged.</returns>
    /// <remarks>
    /// Only observed values are fitted on: missing values are left out whatever the component's missing-value policy.
    /// Normalisers with fixed parameters are kept as they are; ones fitted before are fitted again.
    /// </remarks>
    /// <exception cref="ArgumentException">The length of <paramref name="rows"/> is not a multiple of the component count.</exception>
    /// <exception cref="RetentionDataException">A value is infinite, or a population normaliser has no value to learn from.</exception>
    public HealthScoreModel Fit(ReadOnlySpan<double> rows)
    {
        if (rows.Length % components.Length != 0)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ValueCountMismatch, components.Length, rows.Length), nameof(rows));
        }

        var count = rows.Length / components.Length;
        var fitter = new HealthModelFitter(this, count);
        for (var row = 0; row < count; row++)
        {
            fitter.Add(rows.Slice(row * components.Length, components.Length), row, null);
        }

        return fitter.ToModel();
    }

    /// <summary>Learns the population normalisers from a population of the caller's rows.</summary>
    /// <typeparam name="T">The caller's row type.</typeparam>
    /// <param name="population">One row per customer.</param>
    /// <param name="selectors">For each component name, reads its value from a row (null or NaN for missing).</param>
    /// <returns>A new model with fitted normalisers.</returns>
    /// <remarks><b>Buffers</b> the observed values of percentile components (8 bytes per customer per such component);
    /// min–max and z-score parameters are aggregated in constant memory; rows are not kept.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A component has no selector, or a selector names no component.</exception>
    /// <exception cref="RetentionDataException">A value is infinite (the message gives the position), or a population normaliser has no value.</exception>
    public HealthScoreModel Fit<T>(IEnumerable<T> population, IReadOnlyDictionary<string, Func<T, double?>> selectors)
    {
        ArgumentNullException.ThrowIfNull(population);
        var resolved = ResolveSelectors(selectors);
        var fitter = new HealthModelFitter(this);
        Span<double> values = stackalloc double[components.Length];
        var position = 0L;
        foreach (var row in population)
        {
            Read(row, resolved, values);
            fitter.Add(values, position++, null);
        }

        return fitter.ToModel();
    }

    /// <summary>Learns the population normalisers from a stream of the caller's rows.</summary>
    /// <typeparam name="T">The caller's row type.</typeparam>
    /// <param name="population">One row per customer.</param>
    /// <param name="selectors">For each component name, reads its value from a row (null or NaN for missing).</param>
    /// <param name="progress">Receives progress every 65,536 rows and at the end; optional.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>A new model with fitted normalisers.</returns>
    /// <remarks><b>Buffers</b> the observed values of percentile components (8 bytes per customer per such component:
    /// a percentile rank needs the whole population); min–max and z-score parameters are aggregated in constant memory
    /// (a model without percentile components <b>Aggregates</b>); rows are not kept.
    /// Arguments are checked before the stream is read; cancellation is checked every 65,536 rows.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A component has no selector, or a selector names no component.</exception>
    /// <exception cref="RetentionDataException">A value is infinite (the message gives the position), or a population normaliser has no value.</exception>
    /// <exception cref="OperationCanceledException">The pass was cancelled.</exception>
    public ValueTask<HealthScoreModel> FitAsync<T>(IAsyncEnumerable<T> population, IReadOnlyDictionary<string, Func<T, double?>> selectors,
        IProgress<StreamProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(population);
        var resolved = ResolveSelectors(selectors);
        return FitCoreAsync(population, resolved, progress, cancellationToken);
    }

    /// <summary>Scores one customer, with explanations.</summary>
    /// <param name="values">One value per component in component order; NaN means missing.</param>
    /// <returns>The score, band and contributions.</returns>
    /// <exception cref="ArgumentException">The number of values is not the number of components.</exception>
    /// <exception cref="InvalidOperationException">A population normaliser is not fitted.</exception>
    /// <exception cref="RetentionDataException">A value is infinite; the message names the component.</exception>
    public HealthScore Score(ReadOnlySpan<double> values)
    {
        CheckCount(values.Length);
        EnsureFitted();
        Span<double> points = stackalloc double[components.Length];
        Span<double> maxima = stackalloc double[components.Length];
        var score = ScoreCore(values, points, maxima, out var evidence);
        var contributions = new HealthContribution[components.Length];
        for (var i = 0; i < contributions.Length; i++)
        {
            contributions[i] = new HealthContribution(components[i].Name, points[i], maxima[i], double.IsNaN(values[i]));
        }

        return new HealthScore(score, BandOf(score), contributions, evidence);
    }

    /// <summary>Scores many customers at once, without explanations (the fast path).</summary>
    /// <param name="rows">One row per customer, one value per component in component order; NaN means missing.</param>
    /// <param name="scores">Receives one score per row.</param>
    /// <exception cref="ArgumentException">The rows are not a whole number of customers, or <paramref name="scores"/> is too short.</exception>
    /// <exception cref="InvalidOperationException">A population normaliser is not fitted.</exception>
    /// <exception cref="RetentionDataException">A value is infinite; the message names the component and the row.</exception>
    public void ScoreBatch(ReadOnlySpan<double> rows, Span<double> scores)
    {
        var k = components.Length;
        if (rows.Length % k != 0)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ValueCountMismatch, k, rows.Length), nameof(rows));
        }

        var count = rows.Length / k;
        if (scores.Length < count)
        {
            throw new ArgumentException($"Expected room for {count} scores, got {scores.Length}.", nameof(scores));
        }

        EnsureFitted();
        Span<double> points = stackalloc double[k];
        Span<double> maxima = stackalloc double[k];
        for (var row = 0; row < count; row++)
        {
            try
            {
                scores[row] = ScoreCore(rows.Slice(row * k, k), points, maxima, out _);
            }
            catch (RetentionDataException e)
            {
                throw new RetentionDataException(e.Reason, null, row);
            }
        }
    }

    /// <summary>The band a score falls in.</summary>
    /// <param name="score">A score from 0 to 100.</param>
    /// <returns>The band whose range holds the score (the top band holds 100).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 0..100 or NaN.</exception>
    public HealthBand BandOf(double score)
    {
        Internal.Preconditions.CheckInRange(score, 0d, 100d);
        for (var i = bands.Length - 1; i > 0; i--)
        {
            if (score >= bands[i].From)
            {
                return bands[i];
            }
        }

        return bands[0];
    }

    /// <summary>A copy with other bands.</summary>
    /// <param name="newBands">Bands covering 0..100 without gaps or overlaps.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="newBands"/> is null.</exception>
    /// <exception cref="ArgumentException">The bands are invalid; the message names the band.</exception>
    public HealthScoreModel WithBands(IEnumerable<HealthBand> newBands)
    {
        ArgumentNullException.ThrowIfNull(newBands);
        return new HealthScoreModel(components, newBands);
    }

    /// <inheritdoc/>
    public bool Equals(HealthScoreModel? other) =>
        other is not null && components.AsSpan().SequenceEqual(other.components) && bands.AsSpan().SequenceEqual(other.bands);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HealthScoreModel);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var component in components)
        {
            hash.Add(component);
        }

        return hash.ToHashCode();
    }

    /// <summary>The component names and weights, such as <c>logins×3, tickets×1</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Join(", ", components.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name}×{c.Weight}")));

    /// <summary>Checks components: not empty, unique names, weights not all zero. Returns the problem and the index at fault.</summary>
    internal static (string Message, int Index)? CheckComponents(IReadOnlyList<HealthComponent> components)
    {
        if (components.Count == 0)
        {
            return (HealthErrorMessages.NoComponents, -1);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < components.Count; i++)
        {
            if (!names.Add(components[i].Name))
            {
                return (string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.DuplicateComponentName, components[i].Name), i);
            }
        }

        return components.All(c => c.Weight == 0d) ? (HealthErrorMessages.AllWeightsZero, -1) : null;
    }

    /// <summary>Scores one row into points and maxima; returns the score.</summary>
    internal double ScoreCore(ReadOnlySpan<double> values, Span<double> points, Span<double> maxima, out bool evidence)
    {
        var k = components.Length;
        var total = 0d;
        for (var i = 0; i < k; i++)
        {
            var goodness = components[i].GoodnessOf(values[i]);
            points[i] = goodness;
            if (goodness >= 0d)
            {
                total += weights[i];
            }
        }

        evidence = total > 0d;
        if (!evidence)
        {
            points.Clear();
            maxima.Clear();
            return 0d;
        }

        var score = 0d;
        for (var i = 0; i < k; i++)
        {
            var goodness = points[i];
            if (goodness < 0d)
            {
                points[i] = 0d;
                maxima[i] = 0d;
            }
            else
            {
                var share = 100d * (weights[i] / total);
                maxima[i] = share;
                points[i] = share * goodness;
            }

            score += points[i];
        }

        while (score > 100d)
        {
            // Rounding put the sum a hair above 100: take the excess from the largest contribution.
            var largest = 0;
            for (var i = 1; i < k; i++)
            {
                if (points[i] > points[largest])
                {
                    largest = i;
                }
            }

            points[largest] = Math.Max(0d, Math.Min(points[largest] - (score - 100d), Math.BitDecrement(points[largest])));
            score = 0d;
            for (var i = 0; i < k; i++)
            {
                score += points[i];
            }
        }

        return score;
    }

    /// <summary>Resolves a name → selector map to an array in component order.</summary>
    internal Func<T, double?>[] ResolveSelectors<T>(IReadOnlyDictionary<string, Func<T, double?>> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        var resolved = new Func<T, double?>[components.Length];
        foreach (var (name, selector) in selectors)
        {
            var index = Array.FindIndex(components, c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.UnknownSelector, name), nameof(selectors));
            }

            resolved[index] = selector ?? throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.MissingSelector, name), nameof(selectors));
        }

        for (var i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] is null)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.MissingSelector, components[i].Name), nameof(selectors));
            }
        }

        return resolved;
    }

    /// <summary>Reads a row's values through the selectors (null becomes NaN, the missing marker).</summary>
    internal static void Read<T>(T row, Func<T, double?>[] selectors, Span<double> values)
    {
        for (var i = 0; i < selectors.Length; i++)
        {
            values[i] = selectors[i](row) ?? double.NaN;
        }
    }

    /// <summary>Throws when a population normaliser still needs fitting.</summary>
    internal void EnsureFitted()
    {
        foreach (var component in components)
        {
            if (!component.Normaliser.IsFitted)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.NotFitted, component.Name));
            }
        }
    }

    private void CheckCount(int count)
    {
        if (count != components.Length)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ValueCountMismatch, components.Length, count), "values");
        }
    }

    private async ValueTask<HealthScoreModel> FitCoreAsync<T>(
        IAsyncEnumerable<T> population, Func<T, double?>[] selectors, IProgress<StreamProgress>? progress, CancellationToken cancellationToken)
    {
        var fitter = new HealthModelFitter(this);
        var values = new double[components.Length];
        var position = 0L;
        await foreach (var row in population.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Read(row, selectors, values);
            fitter.Add(values, position++, null);
            if (position % StreamProgress.ReportInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new StreamProgress(position, (int)Math.Min(position, int.MaxValue)));
            }
        }

        progress?.Report(new StreamProgress(position, (int)Math.Min(position, int.MaxValue)));
        return fitter.ToModel();
    }
}
