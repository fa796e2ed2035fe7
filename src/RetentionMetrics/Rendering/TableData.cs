using System.Text;

namespace RetentionMetrics.Rendering;

/// <summary>A small table of display text that the HTML views write as <c>&lt;table class="rm-table"&gt;</c> and the text views as aligned columns.</summary>
internal sealed class TableData
{
    internal TableData(string name, string[] headers, bool[] numeric)
    {
        Name = name;
        Headers = headers;
        Numeric = numeric;
    }

    internal string Name { get; }

    internal string[] Headers { get; }

    internal bool[] Numeric { get; }

    internal List<string[]> Rows { get; } = [];

    /// <summary>A note under the table (for example "first 20 of 2,357").</summary>
    internal string? Note { get; set; }

    internal TableData Add(params string[] cells)
    {
        Rows.Add(cells);
        return this;
    }

    /// <summary>Writes <c>&lt;table class="rm-table" data-table="NAME"&gt;</c>: a header row, then one <c>&lt;tr class="rm-row"&gt;</c> per row.</summary>
    internal void WriteHtml(MarkupWriter w)
    {
        w.Start("table").Attr("class", "rm-table").Attr("data-table", Name).Attr("style", Styles.Table).EndStart();
        w.Start("thead").EndStart().Start("tr").EndStart();
        for (var c = 0; c < Headers.Length; c++)
        {
            w.Start("th").Attr("style", Numeric[c] ? Styles.HeaderCell + ";text-align:right" : Styles.HeaderCell).EndStart().Text(Headers[c]).Close("th");
        }

        w.Close("tr").Close("thead").Start("tbody").EndStart();
        foreach (var row in Rows)
        {
            w.Start("tr").Attr("class", "rm-row").EndStart();
            for (var c = 0; c < Headers.Length; c++)
            {
                w.Start("td").Attr("style", Numeric[c] ? Styles.NumberCell : Styles.Cell).EndStart().Text(c < row.Length ? row[c] : string.Empty).Close("td");
            }

            w.Close("tr");
        }

        w.Close("tbody").Close("table");
        if (Note is not null)
        {
            w.Element("p", Note, Styles.Paragraph + ";color:#52606d;font-size:11px");
        }
    }

    /// <summary>Aligned plain text: numbers right-aligned, text left-aligned, cells of at most 40 characters, a rule under the header.</summary>
    internal void WriteText(StringBuilder sb)
    {
        var cells = new List<string[]> { Headers.Select(h => Clean(h)).ToArray() };
        cells.AddRange(Rows.Select(r => Enumerable.Range(0, Headers.Length).Select(c => Clean(c < r.Length ? r[c] : string.Empty)).ToArray()));
        var widths = new int[Headers.Length];
        foreach (var row in cells)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        for (var r = 0; r < cells.Count; r++)
        {
            var line = new StringBuilder();
            for (var c = 0; c < widths.Length; c++)
            {
                if (c > 0)
                {
                    line.Append("  ");
                }

                line.Append(Numeric[c] ? cells[r][c].PadLeft(widths[c]) : cells[r][c].PadRight(widths[c]));
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
            if (r == 0)
            {
                sb.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
            }
        }

        if (Note is not null)
        {
            sb.Append(Note).Append('\n');
        }
    }

    /// <summary>One line of at most 40 characters with control characters replaced, so columns stay aligned.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return MarkupWriter.Shorten(sb.ToString(), 40);
    }
}
