namespace RetentionMetrics.Rfm;

// Restore for RetentionMetrics.Serialization.
public sealed partial class RfmSketch
{
    internal RfmSketch(QuantileSketch recency, QuantileSketch frequency, QuantileSketch monetary)
    {
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
    }
}
