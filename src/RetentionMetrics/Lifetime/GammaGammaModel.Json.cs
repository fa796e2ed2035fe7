namespace RetentionMetrics.Lifetime;

// Restore for RetentionMetrics.Serialization: a model with the diagnostics of the fit that produced it.
public sealed partial class GammaGammaModel
{
    internal static GammaGammaModel Restore(double p, double q, double gamma, LifetimeFitDiagnostics? diagnostics) =>
        diagnostics is null ? new(p, q, gamma) : new(p, q, gamma, diagnostics);
}
