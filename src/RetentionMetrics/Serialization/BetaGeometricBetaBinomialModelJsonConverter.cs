using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary><c>betaGeometricBetaBinomialModel</c> version 1: the parameters (alpha, beta, gamma, delta) and the fit diagnostics (null for a model built from known parameters).</summary>
internal sealed class BetaGeometricBetaBinomialModelJsonConverter : StateJsonConverter<BetaGeometricBetaBinomialModel>
{
    protected override string TypeName => "betaGeometricBetaBinomialModel";

    protected override void WriteBody(Utf8JsonWriter writer, BetaGeometricBetaBinomialModel value, JsonSerializerOptions options)
    {
        writer.WriteNumber("alpha", value.Alpha);
        writer.WriteNumber("beta", value.Beta);
        writer.WriteNumber("gamma", value.Gamma);
        writer.WriteNumber("delta", value.Delta);
        LifetimeJson.WriteDiagnostics(writer, value.Diagnostics);
    }

    protected override BetaGeometricBetaBinomialModel Read(JsonNode root, JsonSerializerOptions options)
    {
        var diagnostics = LifetimeJson.ReadDiagnostics(root);
        return Checked(root, () => BetaGeometricBetaBinomialModel.Restore(Parameter(root, "alpha"), Parameter(root, "beta"), Parameter(root, "gamma"), Parameter(root, "delta"), diagnostics));
    }

    private static double Parameter(JsonNode root, string name) => root.Property(name).Double();
}
