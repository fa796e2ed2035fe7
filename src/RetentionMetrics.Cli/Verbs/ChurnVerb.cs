using System.CommandLine;
using System.Globalization;
using NodaTime;
using RetentionMetrics.Churn;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Output;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention churn</c>: customer churn and retention per period from orders, or MRR movements from subscription changes.</summary>
internal static class ChurnVerb
{
    public static readonly string[] Columns =
    [
        "period", "startCustomers", "newCustomers", "churnedCustomers", "churnRate", "retentionRate",
        "startMrr", "newMrr", "expansionMrr", "contractionMrr", "churnedMrr", "reactivationMrr", "endMrr",
        "grossRevenueRetention", "netRevenueRetention", "reactivatedCustomers", "endCustomers", "repeatPurchaseRate",
    ];

    public static Command Create(CliContext context)
    {
        var orders = new OrderColumns();
        var subscriptions = new Option<string?>("--subscriptions")
        {
            Description = "CSV file of subscription changes (customer, effective date, new MRR; 0 = cancelled) instead of orders.",
        };
        var mrrColumn = CommonOptions.Column("--mrr-column", "mrr", "the new MRR of a subscription change");
        var period = new Option<ChurnPeriod>("--period")
        {
            Description = "Reporting period: day, week (ISO), month or quarter (default month).",
            DefaultValueFactory = _ => ChurnPeriod.Month,
            CustomParser = result => CommonOptions.ParseEnum<ChurnPeriod>(result, "day, week, month or quarter"),
        };
        var inactivity = new Option<Period?>("--inactivity")
        {
            Description = "Orders only: a customer stays active this long after an order, such as 90d or 12w (default: active only in periods with an order).",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                var parsed = ParseWindow(text);
                if (parsed is null)
                {
                    result.AddError(string.Format(CultureInfo.InvariantCulture, ChurnVerbMessages.BadInactivity, text));
                }

                return parsed;
            },
        };
        var mode = new Option<MrrMovementMode?>("--mode")
        {
            Description = "Subscriptions only: period-end (compare MRR at period ends, the default) or event (count every change).",
            CustomParser = result => CommonOptions.ParseEnum<MrrMovementMode>(result, "period-end or event"),
        };
        var asOf = CommonOptions.Date("--as-of", "Last day reported; later records are left out (default: the latest record).");
        var format = CommonOptions.Format();
        var command = new Command("churn", "Customer churn and retention per period from orders, or MRR movements, GRR and NRR from subscription changes.");
        orders.AddTo(command);
        command.Options.Add(subscriptions);
        command.Options.Add(mrrColumn);
        command.Options.Add(period);
        command.Options.Add(inactivity);
        command.Options.Add(mode);
        command.Options.Add(asOf);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var outputFormat = parse.GetValue(format);
            using var progress = context.Progress(outputFormat == OutputFormat.Table);
            var zone = parse.GetRequiredValue(orders.Zone);
            var table = new ResultTable(Columns);
            if (parse.GetValue(subscriptions) is { } path)
            {
                if (parse.GetValue(inactivity) is not null)
                {
                    throw new CliUsageException(ChurnVerbMessages.InactivityWithSubscriptions);
                }

                var options = new MrrMovementOptions
                {
                    Period = parse.GetValue(period), Zone = zone, AsOf = parse.GetValue(asOf),
                    Mode = parse.GetValue(mode) ?? MrrMovementMode.PeriodEnd,
                };
                var accumulator = new MrrMovementAccumulator<string>(options);
                using (var reader = CsvReader.Open(path))
                {
                    ReadSubscriptions(reader, parse, orders, mrrColumn, accumulator, progress, token);
                }

                foreach (var row in accumulator.ToTable().Rows)
                {
                    table.Add(row.Label, row.StartCustomers, row.NewCustomers, row.ChurnedCustomers, row.ChurnRate, row.RetentionRate,
                        row.StartMrr, row.NewMrr, row.ExpansionMrr, row.ContractionMrr, row.ChurnedMrr, row.ReactivationMrr, row.EndMrr,
                        row.GrossRevenueRetention, row.NetRevenueRetention, row.ReactivatedCustomers, row.EndCustomers, null);
                }
            }
            else
            {
                if (parse.GetValue(mode) is not null)
                {
                    throw new CliUsageException(ChurnVerbMessages.ModeWithOrders);
                }

                var options = new CustomerChurnOptions
                {
                    Period = parse.GetValue(period), Zone = zone, AsOf = parse.GetValue(asOf), InactivityWindow = parse.GetValue(inactivity),
                };
                var accumulator = new CustomerChurnAccumulator<string>(options);
                orders.Read(parse, (customer, time, _, _) =>
                {
                    if (time.IsInstant)
                    {
                        accumulator.Add(customer, time.Instant);
                    }
                    else
                    {
                        accumulator.Add(customer, time.Date);
                    }
                }, progress, token);
                foreach (var row in accumulator.ToTable().Rows)
                {
                    table.Add(row.Label, row.StartCustomers, row.NewCustomers, row.ChurnedCustomers, row.ChurnRate, row.RetentionRate,
                        null, null, null, null, null, null, null, null, null, row.ReactivatedCustomers, row.EndCustomers, row.RepeatPurchaseRate);
                }
            }

            TableRenderer.Write(table, outputFormat, output);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    /// <summary>Reads a window such as 90d, 12w or 90 (days); null when it does not parse or is not positive.</summary>
    public static Period? ParseWindow(string text)
    {
        var trimmed = text.Trim();
        var unit = trimmed.Length > 0 ? char.ToLowerInvariant(trimmed[^1]) : ' ';
        var digits = unit is 'd' or 'w' ? trimmed[..^1] : trimmed;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > 1_000_000)
        {
            return null;
        }

        return unit == 'w' ? Period.FromWeeks(number) : Period.FromDays(number);
    }

    private static void ReadSubscriptions(
        CsvReader reader, ParseResult parse, OrderColumns orders, Option<string> mrrColumn, MrrMovementAccumulator<string> accumulator,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var customer = reader.Require(parse.GetRequiredValue(orders.CustomerColumn), "--customer-column");
        var time = reader.Require(parse.GetRequiredValue(orders.TimeColumn), "--time-column");
        var mrr = reader.Require(parse.GetRequiredValue(mrrColumn), "--mrr-column");
        var dateFormat = parse.GetValue(orders.DateFormat);
        var parsers = new FieldParsers(dateFormat, parse.GetRequiredValue(orders.Zone));
        var pool = new Utf8StringPool();
        var rows = 0L;
        while (reader.Read())
        {
            var id = FieldParsers.Trim(reader.Field(customer));
            if (id.IsEmpty)
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[customer], ChurnVerbMessages.EmptyCustomer);
            }

            var timeText = reader.Field(time);
            if (!parsers.TryParseTime(timeText, out var when))
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[time], dateFormat is null
                    ? string.Format(CultureInfo.InvariantCulture, ChurnVerbMessages.NotADate, FieldParsers.Show(timeText))
                    : string.Format(CultureInfo.InvariantCulture, ChurnVerbMessages.NotADateInFormat, FieldParsers.Show(timeText), dateFormat));
            }

            var mrrText = reader.Field(mrr);
            if (!FieldParsers.TryParseDecimal(mrrText, out var value))
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[mrr],
                    string.Format(CultureInfo.InvariantCulture, ChurnVerbMessages.NotAnAmount, FieldParsers.Show(mrrText)));
            }

            try
            {
                if (when.IsInstant)
                {
                    accumulator.Add(pool.Get(id), when.Instant, value);
                }
                else
                {
                    accumulator.Add(pool.Get(id), when.Date, value);
                }
            }
            catch (RetentionDataException e)
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[mrr], e.Reason);
            }

            if (++rows % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(rows);
            }
        }
    }
}
