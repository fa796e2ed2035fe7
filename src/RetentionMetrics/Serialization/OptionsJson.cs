using System.Text.Json;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Serialization;

/// <summary>Reads and writes the options records that states carry, checking them with the library's own rules.</summary>
internal static class OptionsJson
{
    public static void Write(Utf8JsonWriter writer, CustomerSummaryOptions options)
    {
        writer.WriteStartObject();
        writer.WriteEnum("period", options.Period);
        writer.WriteZone("zone", options.Zone);
        writer.WriteDate("asOf", options.AsOf);
        writer.WriteEnum("refunds", options.Refunds);
        if (options.MaximumDegreeOfParallelism is { } workers)
        {
            writer.WriteNumber("maximumDegreeOfParallelism", workers);
        }

        writer.WriteEndObject();
    }

    public static CustomerSummaryOptions ReadCustomerSummaryOptions(JsonNode node)
    {
        node.ExpectObject();
        var options = new CustomerSummaryOptions
        {
            Period = node.Property("period").Enum<PurchasePeriod>(),
            Zone = node.Property("zone").Zone(),
            AsOf = OptionalDate(node, "asOf"),
            Refunds = node.Property("refunds").Enum<RefundPolicy>(),
            MaximumDegreeOfParallelism = node.TryProperty("maximumDegreeOfParallelism", out var workers) ? workers.Int32(1) : null,
        };
        return Check(node, () => options.Validate(nameof(options)), options);
    }

    public static NodaTime.LocalDate? OptionalDate(JsonNode node, string name) =>
        node.TryProperty(name, out var value) ? PeriodJson.CheckedDate(value) : null;

    public static T Check<T>(JsonNode node, Action validate, T value)
    {
        try
        {
            validate();
            return value;
        }
        catch (ArgumentException e)
        {
            throw node.Error(SerializationErrorMessages.InvalidSettings, e.Message);
        }
    }
}
