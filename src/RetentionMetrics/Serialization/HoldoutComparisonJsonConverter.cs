using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>holdoutComparison</c> version 1: <c>customers</c> (customerId, calibrationFrequency, predicted, actual),
/// <c>byFrequency</c> (frequency, andAbove, customers, meanPredicted, meanActual), meanAbsoluteError,
/// rootMeanSquaredError, totalPredicted and totalActual.
/// </summary>
internal sealed class HoldoutComparisonJsonConverter : StateJsonConverter<HoldoutComparison>
{
    protected override string TypeName => "holdoutComparison";

    protected override void WriteBody(Utf8JsonWriter writer, HoldoutComparison value, JsonSerializerOptions options)
    {
        writer.WriteStartArray("customers");
        foreach (var row in value.Customers)
        {
            writer.WriteStartObject();
            writer.WriteString("customerId", row.CustomerId);
            writer.WriteNumber("calibrationFrequency", row.CalibrationFrequency);
            writer.WriteNumber("predicted", row.Predicted);
            writer.WriteNumber("actual", row.Actual);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("byFrequency");
        foreach (var group in value.ByFrequency)
        {
            writer.WriteStartObject();
            writer.WriteNumber("frequency", group.Frequency);
            writer.WriteBoolean("andAbove", group.AndAbove);
            writer.WriteNumber("customers", group.Customers);
            writer.WriteNumber("meanPredicted", group.MeanPredicted);
            writer.WriteNumber("meanActual", group.MeanActual);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("meanAbsoluteError", value.MeanAbsoluteError);
        writer.WriteNumber("rootMeanSquaredError", value.RootMeanSquaredError);
        writer.WriteNumber("totalPredicted", value.TotalPredicted);
        writer.WriteNumber("totalActual", value.TotalActual);
    }

    protected override HoldoutComparison Read(JsonNode root, JsonSerializerOptions options)
    {
        var customers = root.Property("customers").Items().Select(row =>
        {
            row.ExpectObject();
            return new HoldoutPrediction(
                row.Property("customerId").String(), row.Property("calibrationFrequency").Double(0), row.Property("predicted").Double(0), row.Property("actual").Double(0));
        }).ToArray();
        var groups = root.Property("byFrequency").Items().Select(group =>
        {
            group.ExpectObject();
            return new HoldoutFrequencyGroup(
                group.Property("frequency").Int32(0), group.Property("andAbove").Boolean(), group.Property("customers").Double(0),
                group.Property("meanPredicted").Double(0), group.Property("meanActual").Double(0));
        }).ToArray();
        return new HoldoutComparison(
            customers, groups, root.Property("meanAbsoluteError").Double(0), root.Property("rootMeanSquaredError").Double(0),
            root.Property("totalPredicted").Double(0), root.Property("totalActual").Double(0));
    }
}
