using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RetentionMetrics.Cli.Output;

/// <summary>Writes a <see cref="ResultTable"/> as an aligned table, CSV, JSON or Markdown.</summary>
internal static class TableRenderer
{
    public static void Write(ResultTable table, OutputFormat format, TextWriter output)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                WriteCsv(table, output);
                break;
            case OutputFormat.Json:
                WriteJson(table, output);
                break;
            case OutputFormat.Md:
                WriteMarkdown(table, output);
                break;
            default:
                WriteAligned(table, output);
                break;
        }
    }

    /// <summary>A cell as text: invariant numbers, empty for absent.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static bool IsNumber(object? cell) => cell is int or long or double or decimal;

    private static void WriteAligned(ResultTable table, TextWriter output)
    {
        var widths = table.Columns.Select(c => c.Length).ToArray();
        var texts = table.Rows.Select(r => r.Select(Text).ToArray()).ToList();
        foreach (var row in texts)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var numeric = Enumerable.Range(0, table.Columns.Count)
            .Select(i => table.Rows.Count > 0 && table.Rows.All(r => r[i] is null || IsNumber(r[i])))
            .ToArray();
        var line = new StringBuilder();
        void Emit(IReadOnlyList<string> cells)
        {
            line.Clear();
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    line.Append("  ");
                }

                line.Append(numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
            }

            output.WriteLine(line.ToString().TrimEnd());
        }

        Emit(table.Columns);
        Emit(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in texts)
        {
            Emit(row);
        }
    }

    private static void WriteCsv(ResultTable table, TextWriter output)
    {
        output.WriteLine(string.Join(',', table.Columns.Select(Quote)));
        foreach (var row in table.Rows)
        {
            output.WriteLine(string.Join(',', row.Select(c => Quote(Text(c)))));
        }
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static void WriteMarkdown(ResultTable table, TextWriter output)
    {
        output.WriteLine("| " + string.Join(" | ", table.Columns) + " |");
        output.WriteLine("|" + string.Join("|", table.Columns.Select((_, i) =>
            table.Rows.Count > 0 && table.Rows.All(r => r[i] is null || IsNumber(r[i])) ? "---:" : "---")) + "|");
        foreach (var row in table.Rows)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select(c => Text(c).Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }
    }

    private static void WriteJson(ResultTable table, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < row.Length; i++)
                {
                    json.WritePropertyName(table.Columns[i]);
                    WriteValue(json, row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Writes one cell as a JSON value; shared with verbs that write their own JSON shapes.</summary>
    public static void WriteValue(Utf8JsonWriter json, object? cell)
    {
        switch (cell)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int n:
                json.WriteNumberValue(n);
                break;
            case long n:
                json.WriteNumberValue(n);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case IReadOnlyList<double> list:
                json.WriteStartArray();
                foreach (var d in list)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Text(cell));
                break;
        }
    }
}
