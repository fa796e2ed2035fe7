using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary><c>shiftedBetaGeometricModel</c> version 1: the parameters (alpha, beta) and the fit diagnostics (null for a model built from known parameters).</summary>
internal sealed class ShiftedBetaGeometricModelJsonConverter : StateJsonConverter<ShiftedBetaGeometricModel>
{
    protected override string TypeName => "shiftedBetaGeometricModel";

    protected override void WriteBody(Utf8JsonWriter writer, ShiftedBetaGeometricModel value, JsonSerializerOptions options)
    {
        writer.WriteNumber("alpha", value.Alpha);
        writer.WriteNumber("beta", value.Beta);
        LifetimeJson.WriteDiagnostics(writer, value.Diagnostics);
    }

    protected override ShiftedBetaGeometricModel Read(JsonNode root, JsonSerializerOptions options)
    {
        var diagnostics = LifetimeJson.ReadDiagnostics(root);
        return Checked(root, () => ShiftedBetaGeometricModel.Restore(Parameter(root, "alpha"), Parameter(root, "beta"), diagnostics));
    }

    private static double Parameter(JsonNode root, string name) => root.Property(name).Double();
}
