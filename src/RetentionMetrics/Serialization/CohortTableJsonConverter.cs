using System.Text.Json;
using RetentionMetrics.Cohorts;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>cohortTable</c> version 1: period, measure, as-of date, the cohorts (group, start, label, size), the columns
/// (offset brackets from–to) and the cells, one row per cohort, null where a cell cannot be observed yet.
/// </summary>
internal sealed class CohortTableJsonConverter : StateJsonConverter<CohortTable>
{
    protected override string TypeName => "cohortTable";

    protected override void WriteBody(Utf8JsonWriter writer, CohortTable value, JsonSerializerOptions options)
    {
        writer.WriteEnum("period", value.Period);
        writer.WriteEnum("measure", value.Measure);
        writer.WriteDate("asOf", value.AsOf);
        writer.WriteStartArray("cohorts");
        foreach (var cohort in value.Cohorts)
        {
            writer.WriteStartObject();
            writer.WriteNullableString("group", cohort.Group);
            writer.WriteDate("start", cohort.Start);
            writer.WriteString("label", cohort.Label);
            writer.WriteNumber("size", cohort.Size);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("columns");
        foreach (var column in value.Columns)
        {
            writer.WriteStartObject();
            writer.WriteNumber("from", column.From);
            writer.WriteNumber("to", column.To);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("cells");
        for (var r = 0; r < value.Cohorts.Count; r++)
        {
            writer.WriteStartArray();
            for (var c = 0; c < value.Columns.Count; c++)
            {
                if (value[r, c] is { } cell)
                {
                    writer.WriteNumberValue(cell);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    protected override CohortTable Read(JsonNode root, JsonSerializerOptions options)
    {
        var cohorts = root.Property("cohorts").Items().Select(cohort => new Cohort(
            cohort.TryProperty("group", out var group) ? group.String() : null, cohort.Property("start").Date(),
            cohort.Property("label").String(), cohort.Property("size").Int32(0))).ToArray();
        var columns = root.Property("columns").Items().Select(column =>
        {
            var from = column.Property("from").Int32(0);
            return new OffsetBracket(from, column.Property("to").Int32(from));
        }).ToArray();
        var cellsNode = root.Property("cells");
        if (cellsNode.ArrayLength() != cohorts.Length)
        {
            throw cellsNode.Error(SerializationErrorMessages.Inconsistent, "one row of cells per cohort");
        }

        var values = new double[cohorts.Length * columns.Length];
        var observable = new bool[values.Length];
        var r = 0;
        foreach (var row in cellsNode.Items())
        {
            if (row.ArrayLength() != columns.Length)
            {
                throw row.Error(SerializationErrorMessages.Inconsistent, "one cell per column");
            }

            var c = 0;
            foreach (var cell in row.Items())
            {
                var i = r * columns.Length + c;
                observable[i] = !cell.IsNull;
                values[i] = cell.IsNull ? 0d : cell.Double();
                c++;
            }

            r++;
        }

        return new CohortTable(
            root.Property("period").Enum<CohortPeriod>(), root.Property("measure").Enum<CohortMeasure>(), OptionsJson.OptionalDate(root, "asOf"),
            cohorts, columns, values, observable);
    }
}
