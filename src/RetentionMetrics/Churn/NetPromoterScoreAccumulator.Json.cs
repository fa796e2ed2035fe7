namespace RetentionMetrics.Churn;

// Restore for RetentionMetrics.Serialization.
public sealed partial class NetPromoterScoreAccumulator
{
    internal void Restore(long promoters, long passives, long detractors)
    {
        Promoters = promoters;
        Passives = passives;
        Detractors = detractors;
    }
}
