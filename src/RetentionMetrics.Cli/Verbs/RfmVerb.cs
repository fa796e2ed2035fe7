using System.CommandLine;
using System.Globalization;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Customers;
using RetentionMetrics.Rfm;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention rfm</c>: recency, frequency and monetary scores and named segments per customer, or the segment grid.</summary>
internal static class RfmVerb
{
    public static readonly string[] Columns = ["customerId", "recency", "frequency", "monetary", "r", "f", "m", "score", "segment"];

    public static readonly string[] SummaryColumns =
        ["segment", "customers", "revenue", "averageRecency", "averageFrequency", "averageMonetary", "customerShare", "revenueShare"];

    public static Command Create(CliContext context)
    {
        var orders = new OrderColumns();
        var asOf = CommonOptions.Date("--as-of", "Date recency is measured to; later records are left out (default: the day after the last record).");
        var bins = new Option<int?>("--bins")
        {
            Description = "Number of score bins n, at least 2: scores run from 1 to n (default 5, or one more than the breakpoints).",
        };
        var frequency = new Option<RfmFrequency>("--frequency")
        {
            Description = "What frequency counts: transactions (default) or purchase-days (distinct days with a purchase).",
            DefaultValueFactory = _ => RfmFrequency.Transactions,
            CustomParser = result => CommonOptions.ParseEnum<RfmFrequency>(result, "transactions or purchase-days"),
        };
        var monetary = new Option<RfmMonetary>("--monetary")
        {
            Description = "What monetary measures: total-spend (default) or mean-spend (per transaction).",
            DefaultValueFactory = _ => RfmMonetary.TotalSpend,
            CustomParser = result => CommonOptions.ParseEnum<RfmMonetary>(result, "total-spend or mean-spend"),
        };
        var scoring = new Option<RfmScoring?>("--scoring")
        {
            Description = "How values become scores: count-below (default, equal values equal scores), equal-count (NTILE, ties by customer id), sketch (quantile sketch), breakpoints.",
            CustomParser = result => CommonOptions.ParseEnum<RfmScoring>(result, "count-below, equal-count, sketch or breakpoints"),
        };
        var recencyBreakpoints = new Option<string?>("--recency-breakpoints") { Description = "Ascending day counts, such as 30,90,180,365 (fewer days score higher)." };
        var frequencyBreakpoints = new Option<string?>("--frequency-breakpoints") { Description = "Ascending purchase counts, such as 2,3,5,10." };
        var monetaryBreakpoints = new Option<string?>("--monetary-breakpoints") { Description = "Ascending amounts, such as 50,100,250,1000." };
        var summary = new Option<bool>("--summary") { Description = "Print the per-segment grid (customers, revenue, average recency, frequency and monetary) instead of the customers." };
        var format = CommonOptions.Format();
        var command = new Command(
            "rfm",
            "Per customer recency (days since the last purchase), frequency, monetary, scores 1..n, the three digits and the named segment; --summary for the segment grid.");
        orders.AddTo(command);
        command.Options.Add(asOf);
        command.Options.Add(bins);
        command.Options.Add(frequency);
        command.Options.Add(monetary);
        command.Options.Add(scoring);
        command.Options.Add(recencyBreakpoints);
        command.Options.Add(frequencyBreakpoints);
        command.Options.Add(monetaryBreakpoints);
        command.Options.Add(summary);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var breakpoints = Breakpoints(parse.GetValue(recencyBreakpoints), parse.GetValue(frequencyBreakpoints), parse.GetValue(monetaryBreakpoints));
            var chosen = parse.GetValue(scoring) ?? (breakpoints is null ? RfmScoring.CountBelow : RfmScoring.Breakpoints);
            if (chosen == RfmScoring.Breakpoints && breakpoints is null)
            {
                throw new CliUsageException(RfmVerbMessages.BreakpointsMissing);
            }

            var binCount = parse.GetValue(bins) ?? breakpoints?.Bins ?? 5;
            if (binCount < 2)
            {
                throw new CliUsageException(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.TooFewBins, binCount));
            }

            var options = new RfmOptions
            {
                Bins = binCount,
                Frequency = parse.GetValue(frequency),
                Monetary = parse.GetValue(monetary),
                Scoring = chosen,
                Breakpoints = breakpoints,
            };
            var summaryOptions = new CustomerSummaryOptions { Zone = parse.GetRequiredValue(orders.Zone), AsOf = parse.GetValue(asOf) };
            var outputFormat = parse.GetValue(format);
            using var progress = context.Progress(outputFormat == OutputFormat.Table);
            var summaries = SummaryVerb.Summarise(orders, parse, summaryOptions, progress, token);
            var table = RfmModel.Score(summaries, options);
            if (parse.GetValue(summary))
            {
                RenderSummary(table, outputFormat, output);
            }
            else
            {
                Render(table, outputFormat, output);
            }

            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    public static void Render(RfmTable<string> table, OutputFormat format, TextWriter output)
    {
        var result = new ResultTable(Columns);
        foreach (var row in table.OrderBy(r => r.CustomerId, CustomerIdComparer.Instance))
        {
            result.Add(row.CustomerId, row.Recency, row.Frequency, decimal.Round(row.Monetary, 6),
                row.Score.Recency, row.Score.Frequency, row.Score.Monetary, row.Score.ToString(), row.Segment);
        }

        TableRenderer.Write(result, format, output);
        Footer(table, format, output);
    }

    public static void RenderSummary(RfmTable<string> table, OutputFormat format, TextWriter output)
    {
        var result = new ResultTable(SummaryColumns);
        foreach (var s in table.Segments)
        {
            result.Add(s.Segment, s.Customers, s.Revenue, Math.Round(s.AverageRecency, 4), Math.Round(s.AverageFrequency, 4),
                Math.Round(s.AverageMonetary, 4), Math.Round(s.CustomerShare, 4), Math.Round(s.RevenueShare, 4));
        }

        TableRenderer.Write(result, format, output);
        Footer(table, format, output);
    }

    private static void Footer(RfmTable<string> table, OutputFormat format, TextWriter output)
    {
        if (format != OutputFormat.Table)
        {
            return;
        }

        output.WriteLine();
        var scoring = table.Options.Scoring switch
        {
            RfmScoring.CountBelow => "count-below",
            RfmScoring.EqualCount => "equal-count",
            RfmScoring.Breakpoints => "breakpoints",
            _ => string.Create(CultureInfo.InvariantCulture, $"sketch, rank error at most {table.RankErrorBound:N0}"),
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{table.Count:N0} customers as of {table.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}; scores 1..{table.Bins} ({scoring})."));
    }

    private static RfmBreakpoints? Breakpoints(string? recency, string? frequency, string? monetary)
    {
        if (recency is null && frequency is null && monetary is null)
        {
            return null;
        }

        if (recency is null || frequency is null || monetary is null)
        {
            throw new CliUsageException(RfmVerbMessages.BreakpointsMissing);
        }

        return new RfmBreakpoints(
            List(recency, "--recency-breakpoints", int.Parse),
            List(frequency, "--frequency-breakpoints", int.Parse),
            List(monetary, "--monetary-breakpoints", decimal.Parse));
    }

    private static List<T> List<T>(string text, string option, Func<string, NumberStyles, IFormatProvider, T> parse)
    {
        var values = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            try
            {
                values.Add(parse(part, NumberStyles.Number, CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new CliUsageException(string.Format(CultureInfo.InvariantCulture, RfmVerbMessages.BadBreakpoint, option, part));
            }
        }

        return values;
    }
}
