using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary><c>paretoNbdModel</c> version 1: the parameters (r, alpha, s, beta) and the fit diagnostics (null for a model built from known parameters).</summary>
internal sealed class ParetoNbdModelJsonConverter : StateJsonConverter<ParetoNbdModel>
{
    protected override string TypeName => "paretoNbdModel";

    protected override void WriteBody(Utf8JsonWriter writer, ParetoNbdModel value, JsonSerializerOptions options)
    {
        writer.WriteNumber("r", value.R);
        writer.WriteNumber("alpha", value.Alpha);
        writer.WriteNumber("s", value.S);
        writer.WriteNumber("beta", value.Beta);
        LifetimeJson.WriteDiagnostics(writer, value.Diagnostics);
    }

    protected override ParetoNbdModel Read(JsonNode root, JsonSerializerOptions options)
    {
        var diagnostics = LifetimeJson.ReadDiagnostics(root);
        return Checked(root, () => ParetoNbdModel.Restore(Parameter(root, "r"), Parameter(root, "alpha"), Parameter(root, "s"), Parameter(root, "beta"), diagnostics));
    }

    private static double Parameter(JsonNode root, string name) => root.Property(name).Double();
}
