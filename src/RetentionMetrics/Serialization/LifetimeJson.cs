using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary>The fit diagnostics shared by the lifetime model documents.</summary>
internal static class LifetimeJson
{
    public static void WriteDiagnostics(Utf8JsonWriter writer, LifetimeFitDiagnostics? diagnostics)
    {
        if (diagnostics is null)
        {
            writer.WriteNull("diagnostics");
            return;
        }

        writer.WriteStartObject("diagnostics");
        writer.WriteNumber("logLikelihood", diagnostics.LogLikelihood);
        writer.WriteNumber("customers", diagnostics.Customers);
        writer.WriteNumber("iterations", diagnostics.Iterations);
        writer.WriteNumber("functionEvaluations", diagnostics.FunctionEvaluations);
        writer.WriteBoolean("converged", diagnostics.Converged);
        writer.WriteNullableString("reason", diagnostics.Reason);
        writer.WriteNumber("simplexSize", diagnostics.SimplexSize);
        writer.WriteNumber("gradientNorm", diagnostics.GradientNorm);
        writer.WriteStartObject("standardErrors");
        foreach (var (name, error) in diagnostics.StandardErrors)
        {
            writer.WriteNumber(name, error);
        }

        writer.WriteEndObject();
        writer.WriteNullableString("standardErrorNote", diagnostics.StandardErrorNote);
        writer.WriteEndObject();
    }

    public static LifetimeFitDiagnostics? ReadDiagnostics(JsonNode root)
    {
        if (!root.TryProperty("diagnostics", out var node))
        {
            return null;
        }

        node.ExpectObject();
        var errorsNode = node.Property("standardErrors").ExpectObject();
        var errors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in errorsNode.Element.EnumerateObject())
        {
            errors[property.Name] = new JsonNode(property.Value, errorsNode.Path + "." + property.Name).Double(0);
        }

        return new LifetimeFitDiagnostics(
            node.Property("logLikelihood").Double(),
            node.Property("customers").Double(0),
            node.Property("iterations").Int32(0),
            node.Property("functionEvaluations").Int32(0),
            node.Property("converged").Boolean(),
            node.TryProperty("reason", out var reason) ? reason.String() : null,
            node.Property("simplexSize").Double(0),
            node.Property("gradientNorm").Double(0),
            errors,
            node.TryProperty("standardErrorNote", out var note) ? note.String() : null);
    }
}
