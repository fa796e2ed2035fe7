namespace RetentionMetrics.Clustering;

// Restore for RetentionMetrics.Serialization: a scaler from its means and scales as written.
public sealed partial class FeatureScaler
{
    internal static FeatureScaler Restore(FeatureScaling scaling, double[] means, double[] scales) => new(scaling, means, scales);
}
