namespace RetentionMetrics.Lifetime;

// Restore for RetentionMetrics.Serialization: a model with the diagnostics of the fit that produced it.
public sealed partial class BetaGeometricBetaBinomialModel
{
    internal static BetaGeometricBetaBinomialModel Restore(double alpha, double beta, double gamma, double delta, LifetimeFitDiagnostics? diagnostics) =>
        diagnostics is null ? new(alpha, beta, gamma, delta) : new(alpha, beta, gamma, delta, diagnostics);
}
