using System.Text.Json;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>calibrationHoldoutSplit</c> version 1: <c>calibration</c> (a <c>repeatPurchaseData</c> document),
/// <c>holdoutPurchases</c> (one count of zero or more per calibration customer, in the same order) and
/// <c>holdoutLength</c> (in the calibration data's time unit, more than zero).
/// </summary>
internal sealed class CalibrationHoldoutSplitJsonConverter : StateJsonConverter<CalibrationHoldoutSplit>
{
    protected override string TypeName => "calibrationHoldoutSplit";

    protected override void WriteBody(Utf8JsonWriter writer, CalibrationHoldoutSplit value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("calibration");
        RepeatPurchaseDataJsonConverter.WriteDocument(writer, value.Calibration);
        writer.WriteStartArray("holdoutPurchases");
        foreach (var purchases in value.HoldoutPurchases)
        {
            writer.WriteNumberValue(purchases);
        }

        writer.WriteEndArray();
        writer.WriteNumber("holdoutLength", value.HoldoutLength);
    }

    protected override CalibrationHoldoutSplit Read(JsonNode root, JsonSerializerOptions options)
    {
        var calibration = RepeatPurchaseDataJsonConverter.ReadDocument(root.Property("calibration"));
        var holdoutNode = root.Property("holdoutPurchases");
        if (holdoutNode.ArrayLength() != calibration.Count)
        {
            throw holdoutNode.Error(SerializationErrorMessages.Inconsistent, "one hold-out count per calibration customer");
        }

        var holdout = holdoutNode.Items().Select(item => item.Double(0)).ToArray();
        var lengthNode = root.Property("holdoutLength");
        var length = lengthNode.Double(0);
        if (length <= 0)
        {
            throw lengthNode.Error(SerializationErrorMessages.Inconsistent, "the hold-out period must be longer than zero");
        }

        return CalibrationHoldoutSplit.Restore(calibration, holdout, length);
    }
}
