namespace RetentionMetrics.Lifetime;

// Restore for RetentionMetrics.Serialization: a model with the diagnostics of the fit that produced it.
public sealed partial class ShiftedBetaGeometricModel
{
    internal static ShiftedBetaGeometricModel Restore(double alpha, double beta, LifetimeFitDiagnostics? diagnostics) =>
        diagnostics is null ? new(alpha, beta) : new(alpha, beta, diagnostics);
}
