using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention summary</c>: per-customer totals and the repeat-purchase summary the CLV models take.</summary>
internal static class SummaryVerb
{
    public static readonly string[] Columns =
        ["customerId", "transactions", "totalSpend", "firstPurchase", "lastPurchase", "frequency", "recency", "T", "monetaryValue"];

    public static Command Create(CliContext context)
    {
        var orders = new OrderColumns();
        var asOf = CommonOptions.Date("--as-of", "Date T is measured to; later records are left out (default: the day after the last record).");
        var calibrationEnd = CommonOptions.Date("--calibration-end", "End of a calibration period: later records are left out and T is measured to it.");
        var period = CommonOptions.Period();
        var format = CommonOptions.Format();
        var command = new Command("summary", "Per-customer first and last purchase, transactions, spend, and frequency, recency, T and monetary value (lifetimes conventions).");
        orders.AddTo(command);
        command.Options.Add(asOf);
        command.Options.Add(calibrationEnd);
        command.Options.Add(period);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var end = parse.GetValue(asOf);
            if (parse.GetValue(calibrationEnd) is { } calibration)
            {
                if (end is { } given && given != calibration)
                {
                    throw new CliUsageException("--as-of and --calibration-end disagree; give one of them.");
                }

                end = calibration;
            }

            var options = new CustomerSummaryOptions { Period = parse.GetValue(period), Zone = parse.GetRequiredValue(orders.Zone), AsOf = end };
            var outputFormat = parse.GetValue(format);
            using var progress = context.Progress(outputFormat == OutputFormat.Table);
            var summaries = Summarise(orders, parse, options, progress, token);
            Render(summaries, outputFormat, output);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    /// <summary>Reads the orders of the verb's input into summaries, on all cores for large files; shared by the verbs that start from orders.</summary>
    public static CustomerSummaries<string> Summarise(
        OrderColumns orders, ParseResult parse, CustomerSummaryOptions options, IProgress<long>? progress, CancellationToken cancellationToken)
        => orders.ReadIntoSummaries(parse, options, options.MaximumDegreeOfParallelism ?? Environment.ProcessorCount, progress, cancellationToken);

    public static void Render(CustomerSummaries<string> summaries, OutputFormat format, TextWriter output)
    {
        var table = new ResultTable(Columns);
        foreach (var s in summaries.OrderBy(s => s.CustomerId, CustomerIdComparer.Instance))
        {
            table.Add(s.CustomerId, s.Transactions, s.TotalSpend, Time(s.FirstPurchase), Time(s.LastPurchase),
                s.Frequency, s.Recency, s.T, decimal.Round(s.MonetaryValue, 6));
        }

        TableRenderer.Write(table, format, output);
        if (format == OutputFormat.Table)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{summaries.Count:N0} customers from {summaries.RecordsRead:N0} records, as of {summaries.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"} ({summaries.Period.ToString().ToLowerInvariant()} periods, {summaries.Zone.Id}); {summaries.RecordsAfterAsOf:N0} records after the as-of date left out, {summaries.RefundsIgnored:N0} refunds ignored."));
        }
    }

    /// <summary>A purchase time as text: the date alone when the input had dates only.</summary>
    public static string Time(LocalDateTime time) =>
        time.TimeOfDay == LocalTime.Midnight
            ? LocalDatePattern.Iso.Format(time.Date)
            : LocalDateTimePattern.ExtendedIso.Format(time);
}
