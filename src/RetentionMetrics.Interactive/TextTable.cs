using System.Globalization;
using System.Text;

namespace RetentionMetrics.Interactive;

/// <summary>A fixed-width text table: a header, a rule, rows; numbers right-aligned, text left-aligned.</summary>
internal sealed class TextTable(params string[] columns)
{
    private readonly List<string[]> rows = [];
    private readonly bool[] numeric = new bool[columns.Length];

    public int Count => rows.Count;

    public TextTable Add(params object?[] cells)
    {
        var texts = new string[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : null;
            texts[i] = Text(cell);
            numeric[i] |= cell is double or float or decimal or int or long;
        }

        rows.Add(texts);
        return this;
    }

    public void WriteTo(StringBuilder text)
    {
        var widths = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            widths[i] = columns[i].Length;
            foreach (var row in rows)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        Line(text, columns, widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
        foreach (var row in rows)
        {
            Line(text, row, widths);
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        WriteTo(text);
        return text.ToString();
    }

    /// <summary>A value as invariant text: up to four decimals for ratios and models, two for money, "-" for none.</summary>
    public static string Text(object? value) => value switch
    {
        null => "-",
        double d when !double.IsFinite(d) => "-",
        double d => d.ToString(Math.Abs(d) >= 1_000 ? "#,0.##" : "0.####", CultureInfo.InvariantCulture),
        float f => Text((double)f),
        decimal m => m.ToString("#,0.00", CultureInfo.InvariantCulture),
        int i => i.ToString("#,0", CultureInfo.InvariantCulture),
        long l => l.ToString("#,0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A share as a percentage with one decimal: 0.4213 → 42.1%.</summary>
    public static string Percent(double? share) =>
        share is { } s && double.IsFinite(s) ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private void Line(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        text.AppendLine(line.ToString().TrimEnd());
    }
}
