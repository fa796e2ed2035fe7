namespace RetentionMetrics.Lifetime;

// Restore for RetentionMetrics.Serialization: a model with the diagnostics of the fit that produced it.
public sealed partial class ModifiedBetaGeometricNbdModel
{
    internal static ModifiedBetaGeometricNbdModel Restore(double r, double alpha, double a, double b, LifetimeFitDiagnostics? diagnostics) =>
        diagnostics is null ? new(r, alpha, a, b) : new(r, alpha, a, b, diagnostics);
}
