using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention survival</c>: Kaplan–Meier curves of customer lifetimes and a log-rank test between groups.</summary>
internal static class SurvivalVerb
{
    public static readonly string[] Columns =
        ["group", "time", "atRisk", "events", "censored", "survival", "standardError", "lower", "upper"];

    public static Command Create(CliContext context)
    {
        var orders = new OrderColumns();
        var asOf = CommonOptions.Date("--as-of", "Last day observed, included; later records are left out (default: the day of the last record).");
        var inactivity = new Option<Period>("--inactivity")
        {
            Description = "Gap without purchases after which a customer counts as churned: 90d, 12w, 3m or 1y (default 90d).",
            DefaultValueFactory = _ => Period.FromDays(90),
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (TryParseGap(text, out var gap))
                {
                    return gap;
                }

                result.AddError($"--inactivity expects a positive number of days, weeks, months or years such as 90d, 12w, 3m or 1y, not '{text}'.");
                return Period.FromDays(90);
            },
        };
        var by = new Option<string?>("--by") { Description = "Column whose value (on each customer's first record) splits customers into groups to compare." };
        var format = CommonOptions.Format();
        var command = new Command("survival", "Kaplan-Meier survival of customer lifetimes (churned after an inactivity gap, censored while active) and a log-rank test between groups.");
        orders.AddTo(command);
        command.Options.Add(inactivity);
        command.Options.Add(asOf);
        command.Options.Add(by);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var options = new CustomerLifetimeOptions
            {
                InactivityGap = parse.GetRequiredValue(inactivity),
                Zone = parse.GetRequiredValue(orders.Zone),
                AsOf = parse.GetValue(asOf),
            };
            var outputFormat = parse.GetValue(format);
            var accumulator = new CustomerLifetimeAccumulator<string>(options);
            using (var progress = context.Progress(outputFormat == OutputFormat.Table))
            using (var reader = orders.Open(parse))
            {
                var byColumn = parse.GetValue(by) is { } name ? reader.Require(name, "--by") : -1;
                var groups = new Utf8StringPool();
                orders.Read(reader, parse, (customer, time, _, row) =>
                {
                    var group = byColumn < 0 ? null : groups.Get(FieldParsers.Trim(row.Field(byColumn)));
                    if (time.IsInstant)
                    {
                        accumulator.Add(customer, time.Instant, group);
                    }
                    else
                    {
                        accumulator.Add(customer, time.Date, group);
                    }
                }, progress, token);
            }

            var lifetimes = accumulator.ToGroups();
            var curves = lifetimes.Select(g => (g.Name, Curve: KaplanMeierCurve.Fit(g.Observations))).ToArray();
            var logRank = lifetimes.Count >= 2 ? LogRankTest.Compare(lifetimes) : null;
            Write(curves, logRank, accumulator.AsOf, outputFormat, output);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    public static void Write(IReadOnlyList<(string Name, KaplanMeierCurve Curve)> curves, LogRankResult? logRank, LocalDate? asOf, OutputFormat format, TextWriter output)
    {
        if (format == OutputFormat.Json)
        {
            output.WriteLine(Json(curves, logRank));
            return;
        }

        var table = new ResultTable(Columns);
        foreach (var (name, curve) in curves)
        {
            foreach (var s in curve.Steps)
            {
                table.Add(name, s.Time, s.AtRisk, s.Events, s.Censored, Math.Round(s.Survival, 6), Math.Round(s.StandardError, 6), Math.Round(s.Lower, 6), Math.Round(s.Upper, 6));
            }
        }

        TableRenderer.Write(table, format, output);
        if (format is OutputFormat.Table or OutputFormat.Md)
        {
            output.WriteLine();
            foreach (var (name, curve) in curves)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {curve.Subjects:N0} customers, {curve.Events:N0} churned, median lifetime {(curve.Median is { } m ? $"{m:0.##} days" : "not reached")}."));
            }

            if (logRank is not null)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Log-rank test: chi-square {logRank.Statistic:0.####} with {logRank.DegreesOfFreedom} degree{(logRank.DegreesOfFreedom == 1 ? string.Empty : "s")} of freedom, p = {logRank.PValue:0.######}."));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Lifetimes in days from the first to the last purchase, as of {asOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}; 95% log-log intervals."));
        }
    }

    /// <summary>Reads <c>90d</c>, <c>12w</c>, <c>3m</c>, <c>1y</c> or a plain number of days.</summary>
    public static bool TryParseGap(string text, out Period gap)
    {
        gap = Period.Zero;
        var unit = text.Length > 0 && char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 'd';
        var number = char.IsLetter(text.Length > 0 ? text[^1] : ' ') ? text[..^1] : text;
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0 || count > 100_000)
        {
            return false;
        }

        Period? parsed = unit switch
        {
            'd' => Period.FromDays(count),
            'w' => Period.FromWeeks(count),
            'm' => Period.FromMonths(count),
            'y' => Period.FromYears(count),
            _ => null,
        };
        if (parsed is null)
        {
            return false;
        }

        gap = parsed;
        return true;
    }

    private static string Json(IReadOnlyList<(string Name, KaplanMeierCurve Curve)> curves, LogRankResult? logRank)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("curves");
            foreach (var (name, curve) in curves)
            {
                json.WriteStartObject();
                json.WriteString("group", name);
                json.WriteNumber("customers", curve.Subjects);
                json.WriteNumber("churned", curve.Events);
                if (curve.Median is { } median)
                {
                    json.WriteNumber("median", median);
                }
                else
                {
                    json.WriteNull("median");
                }

                json.WriteStartArray("steps");
                foreach (var s in curve.Steps)
                {
                    json.WriteStartObject();
                    json.WriteNumber("time", s.Time);
                    json.WriteNumber("atRisk", s.AtRisk);
                    json.WriteNumber("events", s.Events);
                    json.WriteNumber("censored", s.Censored);
                    json.WriteNumber("survival", s.Survival);
                    json.WriteNumber("standardError", s.StandardError);
                    json.WriteNumber("lower", s.Lower);
                    json.WriteNumber("upper", s.Upper);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (logRank is null)
            {
                json.WriteNull("logRank");
            }
            else
            {
                json.WriteStartObject("logRank");
                json.WriteNumber("statistic", logRank.Statistic);
                json.WriteNumber("degreesOfFreedom", logRank.DegreesOfFreedom);
                json.WriteNumber("pValue", logRank.PValue);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
