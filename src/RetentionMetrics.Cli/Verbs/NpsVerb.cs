using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RetentionMetrics.Churn;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Output;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention nps</c>: the Net Promoter Score of 0–10 answers with a 95% interval, overall or per group.</summary>
internal static class NpsVerb
{
    public static readonly string[] Columns = ["responses", "promoters", "passives", "detractors", "nps", "confidenceInterval"];

    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input", "-i") { Description = "CSV file of survey responses (header row).", Required = true };
        var scoreColumn = CommonOptions.Column("--score-column", "score", "the 0–10 answer");
        var by = new Option<string?>("--by") { Description = "Column to group responses by; one score per group." };
        var format = new Option<OutputFormat>("--format", "-f")
        {
            Description = "Output format: json (the default), table, csv or md.",
            DefaultValueFactory = _ => OutputFormat.Json,
            CustomParser = result => CommonOptions.ParseEnum<OutputFormat>(result, "table, csv, json or md"),
        };
        var command = new Command("nps", "Net Promoter Score (promoters 9–10 minus detractors 0–6) with a 95% confidence interval, overall or per group.");
        command.Options.Add(input);
        command.Options.Add(scoreColumn);
        command.Options.Add(by);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var groupColumn = parse.GetValue(by);
            var scores = Read(parse.GetRequiredValue(input), parse.GetRequiredValue(scoreColumn), groupColumn, token);
            var outputFormat = parse.GetValue(format);
            if (outputFormat == OutputFormat.Json)
            {
                WriteJson(scores, groupColumn is not null, output);
            }
            else
            {
                var table = new ResultTable(groupColumn is null ? Columns : ["group", .. Columns]);
                foreach (var (group, score) in scores)
                {
                    object?[] cells = [score.Responses, score.Promoters, score.Passives, score.Detractors, Round(score.Score), IntervalText(score)];
                    table.Add(groupColumn is null ? cells : [group, .. cells]);
                }

                TableRenderer.Write(table, outputFormat, output);
            }

            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    private static List<(string Group, NetPromoterScore Score)> Read(string path, string scoreColumn, string? groupColumn, CancellationToken cancellationToken)
    {
        using var reader = CsvReader.Open(path);
        var score = reader.Require(scoreColumn, "--score-column");
        var group = groupColumn is null ? -1 : reader.Require(groupColumn, "--by");
        var groups = new Dictionary<string, NetPromoterScoreAccumulator>(StringComparer.Ordinal);
        var order = new List<string>();
        var rows = 0L;
        while (reader.Read())
        {
            var text = reader.Field(score);
            var trimmed = FieldParsers.Trim(text);
            if (!int.TryParse(Encoding.UTF8.GetString(trimmed), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var answer))
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[score],
                    string.Format(CultureInfo.InvariantCulture, ChurnVerbMessages.NotAWholeNumber, FieldParsers.Show(text)));
            }

            var key = string.Empty;
            if (group >= 0)
            {
                key = Encoding.UTF8.GetString(FieldParsers.Trim(reader.Field(group)));
                if (key.Length == 0)
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[group], ChurnVerbMessages.EmptyGroup);
                }
            }

            if (!groups.TryGetValue(key, out var accumulator))
            {
                accumulator = new NetPromoterScoreAccumulator();
                groups.Add(key, accumulator);
                order.Add(key);
            }

            try
            {
                accumulator.Add(answer);
            }
            catch (RetentionDataException e)
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[score], e.Reason);
            }

            if (++rows % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        if (groupColumn is null && order.Count == 0)
        {
            order.Add(string.Empty);
            groups.Add(string.Empty, new NetPromoterScoreAccumulator());
        }

        return order.OrderBy(g => g, StringComparer.Ordinal).Select(g => (g, groups[g].ToScore())).ToList();
    }

    private static void WriteJson(List<(string Group, NetPromoterScore Score)> scores, bool grouped, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            if (grouped)
            {
                json.WriteStartArray();
            }

            foreach (var (group, score) in scores)
            {
                json.WriteStartObject();
                if (grouped)
                {
                    json.WriteString("group", group);
                }

                json.WriteNumber("responses", score.Responses);
                json.WriteNumber("promoters", score.Promoters);
                json.WriteNumber("passives", score.Passives);
                json.WriteNumber("detractors", score.Detractors);
                json.WritePropertyName("nps");
                TableRenderer.WriteValue(json, Round(score.Score));
                json.WritePropertyName("confidenceInterval");
                TableRenderer.WriteValue(json, Interval(score));
                json.WriteEndObject();
            }

            if (grouped)
            {
                json.WriteEndArray();
            }
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string? IntervalText(NetPromoterScore score) =>
        Interval(score) is { } i ? string.Create(CultureInfo.InvariantCulture, $"[{i[0]}, {i[1]}]") : null;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static double[]? Interval(NetPromoterScore score) =>
        score.Interval is { } i ? [Math.Round(i.Low, 4), Math.Round(i.High, 4)] : null;
}
