using System.Globalization;
using NodaTime;

namespace RetentionMetrics.AotSample;

/// <summary>Reads an orders CSV with the columns <c>customer_id</c>, <c>date</c> (yyyy-MM-dd) and <c>amount</c>.</summary>
/// <remarks>Unquoted fields only; other columns are ignored. No reflection, so it is safe under Native AOT.</remarks>
public static class OrdersCsv
{
    /// <summary>The name of the bundled CDNOW sample, embedded in the assembly.</summary>
    public const string BundledSampleName = "bundled CDNOW sample";

    /// <summary>Opens the bundled CDNOW sample (the file the <c>retention</c> tool bundles).</summary>
    /// <returns>A readable stream of the CSV text.</returns>
    public static Stream OpenBundledSample() =>
        typeof(OrdersCsv).Assembly.GetManifestResourceStream("RetentionMetrics.AotSample.cdnow-sample-orders.csv")
        ?? throw new InvalidOperationException("The bundled CDNOW sample is missing from the assembly.");

    /// <summary>Reads every order of the CSV text.</summary>
    /// <param name="csv">The CSV text, headed.</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <returns>The orders in file order.</returns>
    /// <exception cref="FormatException">A header or a field cannot be read; the message names the line and column.</exception>
    public static SampleOrder[] Read(Stream csv, string source)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StreamReader(csv);
        var header = reader.ReadLine() ?? throw new FormatException($"{source}: the file is empty; expected a header line.");
        var names = header.Split(',');
        var customer = Column(names, "customer_id", source);
        var date = Column(names, "date", source);
        var amount = Column(names, "amount", source);
        var orders = new List<SampleOrder>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != names.Length)
            {
                throw new FormatException($"{source}:{lineNumber}: expected {names.Length} fields, found {fields.Length}.");
            }

            orders.Add(new SampleOrder(fields[customer], ParseDate(fields[date], source, lineNumber, date + 1), ParseAmount(fields[amount], source, lineNumber, amount + 1)));
        }

        return [.. orders];
    }

    private static int Column(string[] names, string name, string source)
    {
        var index = Array.IndexOf(names, name);
        return index >= 0 ? index : throw new FormatException($"{source}:1: the header has no column '{name}'.");
    }

    private static LocalDate ParseDate(string text, string source, int line, int column)
    {
        var span = text.AsSpan();
        if (span.Length == 10 && span[4] == '-' && span[7] == '-'
            && int.TryParse(span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(span[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(span[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return new LocalDate(year, month, day);
        }

        throw new FormatException($"{source}:{line}:{column}: '{text}' is not a date (expected yyyy-MM-dd).");
    }

    private static decimal ParseAmount(string text, string source, int line, int column) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new FormatException($"{source}:{line}:{column}: '{text}' is not an amount.");
}
