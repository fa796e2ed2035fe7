using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary><c>gammaGammaModel</c> version 1: the parameters (p, q, gamma) and the fit diagnostics (null for a model built from known parameters).</summary>
internal sealed class GammaGammaModelJsonConverter : StateJsonConverter<GammaGammaModel>
{
    protected override string TypeName => "gammaGammaModel";

    protected override void WriteBody(Utf8JsonWriter writer, GammaGammaModel value, JsonSerializerOptions options)
    {
        writer.WriteNumber("p", value.P);
        writer.WriteNumber("q", value.Q);
        writer.WriteNumber("gamma", value.Gamma);
        LifetimeJson.WriteDiagnostics(writer, value.Diagnostics);
    }

    protected override GammaGammaModel Read(JsonNode root, JsonSerializerOptions options)
    {
        var diagnostics = LifetimeJson.ReadDiagnostics(root);
        return Checked(root, () => GammaGammaModel.Restore(Parameter(root, "p"), Parameter(root, "q"), Parameter(root, "gamma"), diagnostics));
    }

    private static double Parameter(JsonNode root, string name) => root.Property(name).Double();
}
