namespace RetentionMetrics.Lifetime;

// Restore for RetentionMetrics.Serialization: a model with the diagnostics of the fit that produced it.
public sealed partial class ParetoNbdModel
{
    internal static ParetoNbdModel Restore(double r, double alpha, double s, double beta, LifetimeFitDiagnostics? diagnostics) =>
        diagnostics is null ? new(r, alpha, s, beta) : new(r, alpha, s, beta, diagnostics);
}
