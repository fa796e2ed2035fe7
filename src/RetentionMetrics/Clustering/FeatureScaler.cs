namespace RetentionMetrics.Clustering;

/// <summary>A fitted rescaling of features (log1p and/or standardisation) with its inverse, for reporting centroids in original units.</summary>
/// <remarks>
/// <para>An immutable value. Standardising uses each feature's mean and population standard deviation (as
/// scikit-learn's <c>StandardScaler</c>); a feature with zero variance gets scale 1, so it becomes all zeros rather
/// than NaN. <see cref="FeatureScaling.LogStandard"/> applies ln(1 + x) first, so its means and scales are those
/// of the logged values, and the inverse applies exp(x) − 1 last.</para>
/// </remarks>
public sealed partial class FeatureScaler
{
    private readonly double[] means;
    private readonly double[] scales;

    private FeatureScaler(FeatureScaling scaling, double[] means, double[] scales)
    {
        Scaling = scaling;
        this.means = means;
        this.scales = scales;
    }

    /// <summary>The kind of rescaling.</summary>
    public FeatureScaling Scaling { get; }

    /// <summary>The mean subtracted from each feature (after log1p when logging; 0 for <see cref="FeatureScaling.None"/>).</summary>
    public IReadOnlyList<double> Means => means;

    /// <summary>The scale each feature is divided by (1 for zero-variance features and for <see cref="FeatureScaling.None"/>).</summary>
    public IReadOnlyList<double> Scales => scales;

    /// <summary>Learns the means and scales of <paramref name="features"/>.</summary>
    /// <param name="features">The features to learn from.</param>
    /// <param name="scaling">The kind of rescaling.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scaling"/> is not a defined value.</exception>
    /// <exception cref="RetentionDataException">With <see cref="FeatureScaling.LogStandard"/>, a value is −1 or less; the position is the row.</exception>
    public static FeatureScaler Fit(FeatureMatrix features, FeatureScaling scaling)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!Enum.IsDefined(scaling))
        {
            throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Expected None, Standard or LogStandard.");
        }

        var d = features.Columns;
        var means = new double[d];
        var scales = new double[d];
        Array.Fill(scales, 1d);
        if (scaling == FeatureScaling.None || features.Rows == 0)
        {
            return new FeatureScaler(scaling, means, scales);
        }

        var values = scaling == FeatureScaling.LogStandard ? Log(features) : features.Values;
        var n = features.Rows;
        for (var j = 0; j < d; j++)
        {
            var mean = 0d;
            for (var i = 0; i < n; i++)
            {
                mean += values[(i * d) + j];
            }

            mean /= n;
            var variance = 0d;
            for (var i = 0; i < n; i++)
            {
                var difference = values[(i * d) + j] - mean;
                variance += difference * difference;
            }

            var deviation = Math.Sqrt(variance / n);
            means[j] = mean;
            scales[j] = deviation > 0 && double.IsFinite(deviation) ? deviation : 1d;
        }

        return new FeatureScaler(scaling, means, scales);
    }

    /// <summary>Rescales features: log1p when logging, then (x − mean) / scale.</summary>
    /// <param name="features">Features with the fitted number of columns.</param>
    /// <returns>The rescaled features.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> has a different number of columns.</exception>
    /// <exception cref="RetentionDataException">When logging, a value is −1 or less; the position is the row.</exception>
    public FeatureMatrix Transform(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        CheckColumns(features);
        var values = Scaling == FeatureScaling.LogStandard ? Log(features) : (double[])features.Values.Clone();
        var d = means.Length;
        for (var i = 0; i < values.Length; i++)
        {
            var j = i % d;
            values[i] = (values[i] - means[j]) / scales[j];
        }

        return FeatureMatrix.Wrap(features.Rows, d, values);
    }

    /// <summary>Maps rescaled values (such as centroids) back to the original units: x × scale + mean, then exp(x) − 1 when logging.</summary>
    /// <param name="scaled">Rescaled values with the fitted number of columns.</param>
    /// <returns>The values in original units.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scaled"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="scaled"/> has a different number of columns.</exception>
    /// <exception cref="RetentionDataException">A value maps back beyond the range of a double.</exception>
    public FeatureMatrix InverseTransform(FeatureMatrix scaled)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        CheckColumns(scaled);
        var values = (double[])scaled.Values.Clone();
        var d = means.Length;
        for (var i = 0; i < values.Length; i++)
        {
            var j = i % d;
            var value = (values[i] * scales[j]) + means[j];
            if (Scaling == FeatureScaling.LogStandard)
            {
                value = Math.Exp(value) - 1;
            }

            values[i] = value;
        }

        return new FeatureMatrix(scaled.Rows, d, values);
    }

    private void CheckColumns(FeatureMatrix features)
    {
        if (features.Columns != means.Length)
        {
            throw new ArgumentException(FeatureMatrix.Format(ClusteringErrorMessages.DimensionMismatch, features.Columns, means.Length), nameof(features));
        }
    }

    private static double[] Log(FeatureMatrix features)
    {
        var source = features.Values;
        var d = features.Columns;
        var values = new double[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] <= -1)
            {
                throw new RetentionDataException(FeatureMatrix.Format(ClusteringErrorMessages.LogOfValueBelowMinusOne, i % d, source[i]), null, i / d);
            }

            values[i] = Math.Log(1 + source[i]);
        }

        return values;
    }
}
