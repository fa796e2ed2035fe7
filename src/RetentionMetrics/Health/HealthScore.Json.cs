namespace RetentionMetrics.Health;

// Restore for RetentionMetrics.Serialization: a score with its band and contributions as written.
public sealed partial class HealthScore
{
    internal static HealthScore Restore(double score, HealthBand band, HealthContribution[] contributions, bool hasEvidence) =>
        new(score, band, contributions, hasEvidence);
}
