using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace RetentionMetrics.Cohorts;

/// <summary>
/// A cohort table: one row per cohort (acquisition period, and group when grouped), one column per offset or
/// bracket of offsets, a measure in each cell, and which cells were observable at the as-of date.
/// </summary>
/// <remarks>
/// <para>An immutable value: two tables are equal when their period, measure, as-of date, cohorts, columns and every
/// cell (value and observability) are equal. Cells not yet observable at the as-of date have no value
/// (<see langword="null"/>), never zero, so curves are not biased downward at the right edge.</para>
/// <para>Renders to aligned text, Markdown, CSV and JSON; the JSON is the shape of <c>retention cohorts --format json</c>.</para>
/// </remarks>
public sealed class CohortTable : IEquatable<CohortTable>
{
    private readonly double[] values;
    private readonly bool[] observable;
    private readonly double?[] averages;

    /// <summary>Creates a table from its parts; a <see langword="null"/> cell is unobservable.</summary>
    /// <param name="period">The period of acquisition and offsets.</param>
    /// <param name="measure">What the cells hold.</param>
    /// <param name="asOf">The last day observed, or <see langword="null"/> for a table of no records.</param>
    /// <param name="cohorts">The rows.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="cells">One value per cohort and column; <see langword="null"/> when unobservable.</param>
    /// <exception cref="ArgumentNullException">An argument is null, or a cohort is.</exception>
    /// <exception cref="ArgumentException">The cells do not match the rows and columns, or a value is not finite.</exception>
    public CohortTable(
        CohortPeriod period, CohortMeasure measure, LocalDate? asOf, IReadOnlyList<Cohort> cohorts,
        IReadOnlyList<OffsetBracket> columns, double?[,] cells)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.GetLength(0) != cohorts.Count || cells.GetLength(1) != columns.Count)
        {
            throw new ArgumentException("The cells must have one row per cohort and one column per bracket.", nameof(cells));
        }

        var flat = new double[cohorts.Count * columns.Count];
        var seen = new bool[flat.Length];
        for (var r = 0; r < cohorts.Count; r++)
        {
            ArgumentNullException.ThrowIfNull(cohorts[r], nameof(cohorts));
            for (var c = 0; c < columns.Count; c++)
            {
                if (cells[r, c] is { } value)
                {
                    if (!double.IsFinite(value))
                    {
                        throw new ArgumentException("Every cell value must be a finite number.", nameof(cells));
                    }

                    flat[r * columns.Count + c] = value;
                    seen[r * columns.Count + c] = true;
                }
            }
        }

        Period = period;
        Measure = measure;
        AsOf = asOf;
        Cohorts = cohorts.ToArray();
        Columns = columns.ToArray();
        values = flat;
        observable = seen;
        averages = ComputeAverages();
    }

    internal CohortTable(
        CohortPeriod period, CohortMeasure measure, LocalDate? asOf, Cohort[] cohorts, OffsetBracket[] columns,
        double[] values, bool[] observable)
    {
        Period = period;
        Measure = measure;
        AsOf = asOf;
        Cohorts = cohorts;
        Columns = columns;
        this.values = values;
        this.observable = observable;
        averages = ComputeAverages();
    }

    /// <summary>The period of acquisition and offsets.</summary>
    public CohortPeriod Period { get; }

    /// <summary>What the cells hold.</summary>
    public CohortMeasure Measure { get; }

    /// <summary>The last day observed (included), or <see langword="null"/> for a table of no records.</summary>
    public LocalDate? AsOf { get; }

    /// <summary>The rows, ordered by group (ordinal, ungrouped first) and then acquisition period.</summary>
    public IReadOnlyList<Cohort> Cohorts { get; }

    /// <summary>The columns: single offsets 0, 1, 2, … or the custom brackets.</summary>
    public IReadOnlyList<OffsetBracket> Columns { get; }

    /// <summary>Whether any cohort has a group.</summary>
    public bool HasGroups => Cohorts.Any(c => c.Group is not null);

    /// <summary>The number of customers over all cohorts.</summary>
    public long TotalCustomers => Cohorts.Sum(c => (long)c.Size);

    /// <summary>
    /// The size-weighted average of each column over the cohorts whose cell is observable:
    /// Σ sizeᵢ · valueᵢ / Σ sizeᵢ. For retention measures this is the pooled share; <see langword="null"/> when no
    /// cohort has an observable, non-empty cell in the column.
    /// </summary>
    public IReadOnlyList<double?> Averages => averages;

    /// <summary>The value of a cell, or <see langword="null"/> when it was not observable at the as-of date.</summary>
    /// <param name="cohort">The row index.</param>
    /// <param name="column">The column index.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the table.</exception>
    public double? this[int cohort, int column]
    {
        get
        {
            var i = Index(cohort, column);
            return observable[i] ? values[i] : null;
        }
    }

    /// <summary>Whether a cell was observable at the as-of date.</summary>
    /// <param name="cohort">The row index.</param>
    /// <param name="column">The column index.</param>
    /// <returns><see langword="true"/> when the cell has a value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the table.</exception>
    public bool IsObservable(int cohort, int column) => observable[Index(cohort, column)];

    /// <summary>The cells of one row, <see langword="null"/> where unobservable.</summary>
    /// <param name="cohort">The row index.</param>
    /// <returns>A new array of the row's cells.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the table.</exception>
    public double?[] Row(int cohort)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cohort);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cohort, Cohorts.Count);
        var row = new double?[Columns.Count];
        for (var c = 0; c < row.Length; c++)
        {
            row[c] = this[cohort, c];
        }

        return row;
    }

    /// <summary>The table as aligned text with a size-weighted average row; shares print as percentages.</summary>
    /// <returns>The text, one line per cohort, ending with a newline.</returns>
    public string ToText()
    {
        var rows = TextRows(percent: true);
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var labelColumns = HasGroups ? 2 : 1;
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append("  ");
                }

                line.Append(i < labelColumns ? row[i].PadRight(widths[i]) : row[i].PadLeft(widths[i]));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The table as a Markdown pipe table with a size-weighted average row; shares print as percentages.</summary>
    /// <returns>The Markdown text, ending with a newline.</returns>
    public string ToMarkdown()
    {
        var rows = TextRows(percent: true);
        var labelColumns = HasGroups ? 2 : 1;
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append("| ").AppendJoin(" | ", rows[r].Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
            if (r == 0)
            {
                text.Append('|');
                for (var i = 0; i < rows[r].Length; i++)
                {
                    text.Append(i < labelColumns ? " --- |" : " ---: |");
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The table as CSV: a header row, then one row per cohort; unobservable cells are empty.</summary>
    /// <returns>The CSV text, ending with a newline.</returns>
    public string ToCsv()
    {
        var text = new StringBuilder();
        var header = new List<string>();
        if (HasGroups)
        {
            header.Add("group");
        }

        header.Add("cohort");
        header.Add("size");
        header.AddRange(Columns.Select(c => c.ToString()));
        text.AppendJoin(',', header.Select(Quote)).Append('\n');
        for (var r = 0; r < Cohorts.Count; r++)
        {
            var cells = new List<string>();
            if (HasGroups)
            {
                cells.Add(Quote(Cohorts[r].Group ?? string.Empty));
            }

            cells.Add(Quote(Cohorts[r].Label));
            cells.Add(Cohorts[r].Size.ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < Columns.Count; c++)
            {
                cells.Add(this[r, c] is { } v ? Number(v) : string.Empty);
            }

            text.AppendJoin(',', cells).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The table as a JSON array of <c>{ "cohort": "2024-01", "size": N, "values": [v0, v1, …] }</c>, with a
    /// <c>"group"</c> field first when grouped; unobservable cells are <c>null</c>.
    /// </summary>
    /// <param name="indented">Whether to indent the JSON.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartArray();
            for (var r = 0; r < Cohorts.Count; r++)
            {
                json.WriteStartObject();
                if (HasGroups)
                {
                    json.WriteString("group", Cohorts[r].Group);
                }

                json.WriteString("cohort", Cohorts[r].Label);
                json.WriteNumber("size", Cohorts[r].Size);
                json.WriteStartArray("values");
                for (var c = 0; c < Columns.Count; c++)
                {
                    if (this[r, c] is { } v)
                    {
                        json.WriteNumberValue(v);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The table as aligned text; see <see cref="ToText"/>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToText();

    /// <inheritdoc/>
    public bool Equals(CohortTable? other) =>
        other is not null
        && Period == other.Period
        && Measure == other.Measure
        && AsOf == other.AsOf
        && Cohorts.SequenceEqual(other.Cohorts)
        && Columns.SequenceEqual(other.Columns)
        && observable.AsSpan().SequenceEqual(other.observable)
        && ValuesEqual(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CohortTable);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Period);
        hash.Add(Measure);
        hash.Add(AsOf);
        foreach (var cohort in Cohorts)
        {
            hash.Add(cohort);
        }

        foreach (var column in Columns)
        {
            hash.Add(column);
        }

        return hash.ToHashCode();
    }

    /// <summary>Whether two tables are equal; see <see cref="Equals(CohortTable?)"/>.</summary>
    /// <param name="left">A table, or null.</param>
    /// <param name="right">A table, or null.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(CohortTable? left, CohortTable? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two tables differ; see <see cref="Equals(CohortTable?)"/>.</summary>
    /// <param name="left">A table, or null.</param>
    /// <param name="right">A table, or null.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(CohortTable? left, CohortTable? right) => !(left == right);

    private bool ValuesEqual(CohortTable other)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (observable[i] && values[i] != other.values[i])
            {
                return false;
            }
        }

        return true;
    }

    private int Index(int cohort, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cohort);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cohort, Cohorts.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns.Count);
        return cohort * Columns.Count + column;
    }

    private double?[] ComputeAverages()
    {
        var result = new double?[Columns.Count];
        for (var c = 0; c < Columns.Count; c++)
        {
            var weighted = 0d;
            var weight = 0L;
            for (var r = 0; r < Cohorts.Count; r++)
            {
                var i = r * Columns.Count + c;
                if (observable[i] && Cohorts[r].Size > 0)
                {
                    weighted += values[i] * Cohorts[r].Size;
                    weight += Cohorts[r].Size;
                }
            }

            result[c] = weight == 0 ? null : weighted / weight;
        }

        return result;
    }

    private bool IsShare => Measure is CohortMeasure.Retention or CohortMeasure.UnboundedRetention;

    private List<string[]> TextRows(bool percent)
    {
        var groups = HasGroups;
        var rows = new List<string[]>();
        var header = new List<string>();
        if (groups)
        {
            header.Add("group");
        }

        header.Add("cohort");
        header.Add("size");
        header.AddRange(Columns.Select(c => c.ToString()));
        rows.Add(header.ToArray());
        for (var r = 0; r < Cohorts.Count; r++)
        {
            var row = new List<string>();
            if (groups)
            {
                row.Add(Cohorts[r].Group ?? string.Empty);
            }

            row.Add(Cohorts[r].Label);
            row.Add(Cohorts[r].Size.ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < Columns.Count; c++)
            {
                row.Add(this[r, c] is { } v ? Display(v, percent) : string.Empty);
            }

            rows.Add(row.ToArray());
        }

        var average = new List<string>();
        if (groups)
        {
            average.Add(string.Empty);
        }

        average.Add("average");
        average.Add(TotalCustomers.ToString(CultureInfo.InvariantCulture));
        average.AddRange(averages.Select(a => a is { } v ? Display(v, percent, average: true) : string.Empty));
        rows.Add(average.ToArray());
        return rows;
    }

    private string Display(double value, bool percent, bool average = false)
    {
        if (IsShare && percent)
        {
            return (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        }

        return Measure is CohortMeasure.ActiveCustomers or CohortMeasure.UnboundedCustomers or CohortMeasure.ChurnedCustomers && !average
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
