namespace RetentionMetrics.Clustering;

/// <summary>How features are rescaled before clustering.</summary>
public enum FeatureScaling
{
    /// <summary>The features as they are.</summary>
    None,

    /// <summary>Each feature standardised: minus its mean, divided by its population standard deviation (1 when that is 0).</summary>
    Standard,

    /// <summary>Each feature through log1p (ln(1 + x), for x &gt; −1), then standardised; for skewed counts and amounts.</summary>
    LogStandard,
}
