using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary><c>betaGeometricNbdModel</c> version 1: the parameters (r, alpha, a, b) and the fit diagnostics (null for a model built from known parameters).</summary>
internal sealed class BetaGeometricNbdModelJsonConverter : StateJsonConverter<BetaGeometricNbdModel>
{
    protected override string TypeName => "betaGeometricNbdModel";

    protected override void WriteBody(Utf8JsonWriter writer, BetaGeometricNbdModel value, JsonSerializerOptions options)
    {
        writer.WriteNumber("r", value.R);
        writer.WriteNumber("alpha", value.Alpha);
        writer.WriteNumber("a", value.A);
        writer.WriteNumber("b", value.B);
        LifetimeJson.WriteDiagnostics(writer, value.Diagnostics);
    }

    protected override BetaGeometricNbdModel Read(JsonNode root, JsonSerializerOptions options)
    {
        var diagnostics = LifetimeJson.ReadDiagnostics(root);
        return Checked(root, () => BetaGeometricNbdModel.Restore(Parameter(root, "r"), Parameter(root, "alpha"), Parameter(root, "a"), Parameter(root, "b"), diagnostics));
    }

    private static double Parameter(JsonNode root, string name) => root.Property(name).Double();
}
