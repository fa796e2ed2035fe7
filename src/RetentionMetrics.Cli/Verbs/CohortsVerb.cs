using System.CommandLine;
using System.Globalization;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Cohorts;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention cohorts</c>: acquisition cohorts by period (and a dimension) measured over period offsets.</summary>
internal static class CohortsVerb
{
    /// <summary>The <c>--measure</c> names and what they mean.</summary>
    public static readonly IReadOnlyDictionary<string, CohortMeasure> Measures = new Dictionary<string, CohortMeasure>(StringComparer.OrdinalIgnoreCase)
    {
        ["customers"] = CohortMeasure.ActiveCustomers,
        ["retention"] = CohortMeasure.Retention,
        ["unbounded"] = CohortMeasure.UnboundedRetention,
        ["unbounded-customers"] = CohortMeasure.UnboundedCustomers,
        ["revenue"] = CohortMeasure.Revenue,
        ["cumulative-revenue"] = CohortMeasure.CumulativeRevenuePerCustomer,
        ["churned"] = CohortMeasure.ChurnedCustomers,
    };

    public static Command Create(CliContext context)
    {
        var orders = new OrderColumns();
        var asOf = CommonOptions.Date("--as-of", "Last day observed, included; later records are left out and unfinished periods are blank (default: the day of the last record).");
        var period = new Option<CohortPeriod>("--period")
        {
            Description = "Cohort and offset period: day, week (ISO), month or quarter (default month).",
            DefaultValueFactory = _ => CohortPeriod.Month,
            CustomParser = result => CommonOptions.ParseEnum<CohortPeriod>(result, "day, week, month or quarter"),
        };
        var measure = new Option<CohortMeasure>("--measure")
        {
            Description = "Cell value: customers, retention, unbounded, unbounded-customers, revenue, cumulative-revenue or churned (default retention).",
            DefaultValueFactory = _ => CohortMeasure.Retention,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (Measures.TryGetValue(text, out var value))
                {
                    return value;
                }

                result.AddError($"'{text}' is not one of {string.Join(", ", Measures.Keys)}.");
                return CohortMeasure.Retention;
            },
        };
        var by = new Option<string?>("--by") { Description = "Column whose value (on each customer's first record) splits cohorts into groups, such as channel or plan." };
        var brackets = new Option<IReadOnlyList<OffsetBracket>?>("--brackets")
        {
            Description = "Custom columns as offset ranges, such as 0,1-7,8-30,31-90 (default one column per offset).",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (TryParseBrackets(text, out var parsed))
                {
                    return parsed;
                }

                result.AddError($"--brackets expects increasing offsets or ranges such as 0,1-7,8-30, not '{text}'.");
                return null;
            },
        };
        var partial = new Option<bool>("--include-partial") { Description = "Show the period that is still running at the as-of date instead of leaving it blank." };
        var format = CommonOptions.Format();
        var command = new Command("cohorts", "Acquisition cohorts (by first purchase period, optionally by a column) and their retention, revenue or churn over the following periods.");
        orders.AddTo(command);
        command.Options.Add(period);
        command.Options.Add(asOf);
        command.Options.Add(measure);
        command.Options.Add(by);
        command.Options.Add(brackets);
        command.Options.Add(partial);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var options = new CohortOptions
            {
                Period = parse.GetValue(period),
                Zone = parse.GetRequiredValue(orders.Zone),
                AsOf = parse.GetValue(asOf),
                Measure = parse.GetValue(measure),
                Brackets = parse.GetValue(brackets),
                IncludePartialPeriods = parse.GetValue(partial),
            };
            var outputFormat = parse.GetValue(format);
            var accumulator = new CohortAccumulator<string>(options);
            using (var progress = context.Progress(outputFormat == OutputFormat.Table))
            using (var reader = orders.Open(parse))
            {
                var byColumn = parse.GetValue(by) is { } name ? reader.Require(name, "--by") : -1;
                var groups = new Utf8StringPool();
                orders.Read(reader, parse, (customer, time, amount, row) =>
                {
                    var group = byColumn < 0 ? null : groups.Get(FieldParsers.Trim(row.Field(byColumn)));
                    if (time.IsInstant)
                    {
                        accumulator.Add(customer, time.Instant, amount, group);
                    }
                    else
                    {
                        accumulator.Add(customer, time.Date, amount, group);
                    }
                }, progress, token);
            }

            var table = accumulator.ToTable();
            Write(table, outputFormat, output, accumulator.RecordsRead, accumulator.RecordsAfterAsOf);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    public static void Write(CohortTable table, OutputFormat format, TextWriter output, long recordsRead, long recordsAfterAsOf)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(table.ToJson());
                break;
            case OutputFormat.Csv:
                output.Write(table.ToCsv());
                break;
            case OutputFormat.Md:
                output.Write(table.ToMarkdown());
                break;
            default:
                output.Write(table.ToText());
                output.WriteLine();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{table.TotalCustomers:N0} customers in {table.Cohorts.Count:N0} cohorts from {recordsRead:N0} records, as of {table.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}; {recordsAfterAsOf:N0} records after the as-of date left out. Blank cells were not yet observable."));
                break;
        }
    }

    /// <summary>Reads <c>0,1-7,8-30</c>: offsets or inclusive ranges, increasing.</summary>
    public static bool TryParseBrackets(string text, out IReadOnlyList<OffsetBracket> brackets)
    {
        var list = new List<OffsetBracket>();
        brackets = list;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var fromText = dash < 0 ? part : part[..dash];
            var toText = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || to < from
                || (list.Count > 0 && from <= list[^1].From))
            {
                return false;
            }

            list.Add(new OffsetBracket(from, to));
        }

        return list.Count > 0;
    }
}
