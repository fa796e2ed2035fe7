using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Health;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention health</c>: per-customer health scores, bands and contributions from a metrics CSV and a JSON configuration.</summary>
internal static class HealthVerb
{
    public static readonly string[] Columns = ["customerId", "score", "band", "contributions"];

    public static readonly string[] ComparisonColumns = ["previousScore", "previousBand", "transition"];

    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input", "-i") { Description = "CSV of per-customer metrics: a customer id column and one column per component (an empty cell is a missing value).", Required = true };
        var config = new Option<string>("--config", "-c") { Description = "JSON health-score configuration (components, normalisers, weights, bands); see docs/health.md.", Required = true };
        var previous = new Option<string?>("--previous") { Description = "CSV of the same metrics at an earlier date: adds the previous score and band, and lists band transitions." };
        var customerColumn = CommonOptions.Column("--customer-column", "customer_id", "the customer id");
        var format = CommonOptions.Format();
        var command = new Command("health", "Health scores from per-customer metrics: score 0-100, band, and each component's contribution; with --previous, band transitions.");
        command.Options.Add(input);
        command.Options.Add(config);
        command.Options.Add(previous);
        command.Options.Add(customerColumn);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var model = ReadConfiguration(parse.GetRequiredValue(config));
            var idColumn = parse.GetRequiredValue(customerColumn);
            var current = ReadMetrics(parse.GetRequiredValue(input), model, idColumn, token);
            var fitted = model.Fit(current.Values);
            var scores = Score(fitted, current);
            IReadOnlyList<HealthChange<string>>? changes = null;
            if (parse.GetValue(previous) is { } previousPath)
            {
                var before = ReadMetrics(previousPath, model, idColumn, token);
                changes = HealthSnapshots.Compare(Score(fitted, before), scores, StringComparer.Ordinal);
            }

            Render(scores, changes, fitted, parse.GetValue(format), output);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    /// <summary>Reads and checks the JSON configuration; errors name the file and the JSON path.</summary>
    public static HealthScoreModel ReadConfiguration(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliUsageException($"{path}: The configuration file does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{path}: The configuration file cannot be read: {e.Message}");
        }

        try
        {
            return HealthScoreModel.FromJson(bytes);
        }
        catch (HealthConfigurationException e)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }
    }

    /// <summary>Reads a metrics file: one row per customer, one column per component, empty cells missing.</summary>
    public static HealthMetrics ReadMetrics(string path, HealthScoreModel model, string customerColumn, CancellationToken cancellationToken)
    {
        using var reader = CsvReader.Open(path);
        var idIndex = reader.Require(customerColumn, "--customer-column");
        var k = model.Components.Count;
        var columns = new int[k];
        for (var i = 0; i < k; i++)
        {
            var name = model.Components[i].Name;
            columns[i] = reader.IndexOf(name);
            if (columns[i] < 0)
            {
                throw new CsvDataException(reader.Name, 1, null,
                    $"There is no column '{name}' for the component of that name; the columns are {string.Join(", ", reader.Header.Select(h => $"'{h}'"))}.");
            }
        }

        var ids = new List<string>();
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        var values = new List<double>();
        while (reader.Read())
        {
            var id = Encoding.UTF8.GetString(FieldParsers.Trim(reader.Field(idIndex)));
            if (id.Length == 0)
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[idIndex], "The customer id is empty.");
            }

            if (!lines.TryAdd(id, reader.LineNumber))
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[idIndex],
                    $"Customer '{id}' appears twice (first on line {lines[id]}); give one row per customer.");
            }

            for (var i = 0; i < k; i++)
            {
                var text = FieldParsers.Trim(reader.Field(columns[i]));
                if (text.IsEmpty)
                {
                    values.Add(double.NaN);
                }
                else if (FieldParsers.TryParseDouble(text, out var value))
                {
                    values.Add(value);
                }
                else
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[columns[i]],
                        $"{FieldParsers.Show(text)} is not a finite number (leave the cell empty for a missing value).");
                }
            }

            ids.Add(id);
            if (ids.Count % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return new HealthMetrics(reader.Name, ids, [.. values]);
    }

    private static List<CustomerHealthScore<string>> Score(HealthScoreModel model, HealthMetrics metrics)
    {
        var k = model.Components.Count;
        var scores = new List<CustomerHealthScore<string>>(metrics.Customers.Count);
        for (var row = 0; row < metrics.Customers.Count; row++)
        {
            scores.Add(new CustomerHealthScore<string>(metrics.Customers[row], model.Score(metrics.Values.AsSpan(row * k, k))));
        }

        return scores;
    }

    private static void Render(
        List<CustomerHealthScore<string>> scores, IReadOnlyList<HealthChange<string>>? changes, HealthScoreModel model, OutputFormat format, TextWriter output)
    {
        var byCustomer = changes?.Where(c => c.Current is not null).ToDictionary(c => c.CustomerId, StringComparer.Ordinal);
        var ordered = scores.OrderBy(s => s.CustomerId, CustomerIdComparer.Instance).ToList();
        if (format == OutputFormat.Json)
        {
            WriteJson(ordered, byCustomer, output);
            return;
        }

        var table = new ResultTable(byCustomer is null ? Columns : [.. Columns, .. ComparisonColumns]);
        foreach (var (customer, health) in ordered)
        {
            var contributions = string.Join(';', health.Contributions.Select(c => c.Component + "=" + Points(c.Points)));
            if (byCustomer is null)
            {
                table.Add(customer, Round(health.Score), health.Band.Name, contributions);
            }
            else
            {
                var change = byCustomer[customer];
                table.Add(customer, Round(health.Score), health.Band.Name, contributions,
                    change.Previous is { } p ? Round(p.Score) : null, change.Previous?.Band.Name, Transition(change));
            }
        }

        TableRenderer.Write(table, format, output);
        if (format != OutputFormat.Table)
        {
            return;
        }

        output.WriteLine();
        var counts = model.Bands.Reverse().Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Name} {scores.Count(s => s.Health.Band.Name == b.Name):N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scores.Count:N0} customers: {string.Join(", ", counts)}."));
        if (changes is not null)
        {
            var alerts = changes.Where(c => c.IsTransition).OrderBy(c => c.Trend == HealthTrend.Deteriorated ? 0 : 1)
                .ThenBy(c => c.CustomerId, CustomerIdComparer.Instance).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{alerts.Count:N0} band transition(s); {changes.Count(c => c.Trend == HealthTrend.New):N0} new customer(s); {changes.Count(c => c.Trend == HealthTrend.Gone):N0} customer(s) only in the previous snapshot (not listed)."));
            foreach (var alert in alerts)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(alert.Trend == HealthTrend.Deteriorated ? "ALERT" : "improved")}  {alert.CustomerId}: {Transition(alert)} ({Round(alert.Previous!.Score)} -> {Round(alert.Current!.Score)})"));
            }
        }
    }

    private static void WriteJson(List<CustomerHealthScore<string>> ordered, Dictionary<string, HealthChange<string>>? byCustomer, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var (customer, health) in ordered)
            {
                json.WriteStartObject();
                json.WriteString("customerId", customer);
                json.WriteNumber("score", Round(health.Score));
                json.WriteString("band", health.Band.Name);
                json.WriteStartObject("contributions");
                foreach (var contribution in health.Contributions)
                {
                    json.WriteNumber(contribution.Component, Round(contribution.Points));
                }

                json.WriteEndObject();
                if (byCustomer is not null)
                {
                    var change = byCustomer[customer];
                    json.WritePropertyName("previousScore");
                    TableRenderer.WriteValue(json, change.Previous is { } p ? Round(p.Score) : null);
                    json.WritePropertyName("previousBand");
                    TableRenderer.WriteValue(json, change.Previous?.Band.Name);
                    json.WritePropertyName("transition");
                    TableRenderer.WriteValue(json, change.IsTransition ? Transition(change) : null);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string? Transition(HealthChange<string> change) =>
        change.IsTransition ? $"{change.Previous!.Band.Name} -> {change.Current!.Band.Name}" : null;

    private static double Round(double value) => Math.Round(value, 4);

    private static string Points(double points) => points.ToString("0.####", CultureInfo.InvariantCulture);
}
