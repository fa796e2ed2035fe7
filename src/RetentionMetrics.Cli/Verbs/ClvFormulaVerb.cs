using System.CommandLine;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Customers;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention clv formula</c>: historical CLV, APV × PF × lifespan (overall and per segment), and the discounted retention formula with CLV:CAC and payback.</summary>
internal static class ClvFormulaVerb
{
    public static Command Create(CliContext context)
    {
        var formula = new Option<string>("--formula")
        {
            Description = "historical (revenue × margin per customer), average (APV × PF × lifespan) or retention (m (1 + d) / (1 + d − r)).",
            Required = true,
        };
        formula.AcceptOnlyFromAmong("historical", "average", "retention");
        var orders = new OrderColumns();
        var margin = new Option<decimal>("--margin") { Description = "Gross margin, 0 to 1 (default 1 = revenue).", DefaultValueFactory = _ => 1m };
        var lifespan = new Option<decimal?>("--lifespan") { Description = "average: the average customer lifespan, in the periods the orders cover." };
        var segmentColumn = new Option<string?>("--segment-column") { Description = "average: a column of the orders naming each customer's segment (the first value seen per customer)." };
        var marginPerPeriod = new Option<double?>("--margin-per-period") { Description = "retention: the margin m a customer yields each period." };
        var retention = new Option<double?>("--retention") { Description = "retention: the constant retention rate r per period, 0 to 1." };
        var discountRate = new Option<double>("--discount-rate") { Description = "retention: the discount rate d per period (default 0).", DefaultValueFactory = _ => 0d };
        var excludeFirst = new Option<bool>("--exclude-first-period") { Description = "retention: leave out the current period's margin: m r / (1 + d − r)." };
        var acquisitionCost = new Option<double?>("--acquisition-cost") { Description = "retention: the acquisition cost, to report CLV:CAC and the payback periods." };
        var format = CommonOptions.Format();
        var command = new Command("formula", "Simple lifetime-value formulas: historical, APV × PF × lifespan, discounted retention with CLV:CAC and payback.");
        command.Options.Add(formula);
        orders.AddTo(command);
        foreach (var option in new Option[] { margin, lifespan, segmentColumn, marginPerPeriod, retention, discountRate, excludeFirst, acquisitionCost, format })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var outputFormat = parse.GetValue(format);
            var table = parse.GetRequiredValue(formula) switch
            {
                "retention" => Retention(
                    parse.GetValue(marginPerPeriod) ?? throw new CliUsageException("--formula retention needs --margin-per-period."),
                    parse.GetValue(retention) ?? throw new CliUsageException("--formula retention needs --retention."),
                    parse.GetValue(discountRate), parse.GetValue(excludeFirst), parse.GetValue(acquisitionCost)),
                "average" => Average(orders, parse, parse.GetValue(lifespan) ?? throw new CliUsageException("--formula average needs --lifespan."),
                    parse.GetValue(margin), parse.GetValue(segmentColumn), context.Progress(outputFormat == OutputFormat.Table), token),
                _ => Historical(orders, parse, parse.GetValue(margin), context.Progress(outputFormat == OutputFormat.Table), token),
            };
            TableRenderer.Write(table, outputFormat, output);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    private static ResultTable Retention(double margin, double retention, double discountRate, bool excludeFirst, double? acquisitionCost)
    {
        var value = LifetimeValueFormulas.DiscountedRetention(margin, retention, discountRate, excludeFirst);
        if (acquisitionCost is not { } cost)
        {
            var plain = new ResultTable(["clv"]);
            plain.Add(value);
            return plain;
        }

        var table = new ResultTable(["clv", "clvToCac", "paybackPeriods", "retainedPaybackPeriods"]);
        table.Add(value, LifetimeValueFormulas.LifetimeValueToAcquisitionCost(value, cost),
            margin > 0 ? LifetimeValueFormulas.AcquisitionCostPayback(cost, margin) : null,
            LifetimeValueFormulas.AcquisitionCostPayback(cost, margin, retention, discountRate));
        return table;
    }

    private static ResultTable Historical(OrderColumns orders, ParseResult parse, decimal margin, CliProgress progress, CancellationToken token)
    {
        using (progress)
        {
            var summaries = SummaryVerb.Summarise(orders, parse, new CustomerSummaryOptions { Zone = parse.GetRequiredValue(orders.Zone) }, progress, token);
            var table = new ResultTable(["customerId", "revenue", "historicalValue"]);
            foreach (var s in summaries.OrderBy(s => s.CustomerId, CustomerIdComparer.Instance))
            {
                table.Add(s.CustomerId, s.TotalSpend, LifetimeValueFormulas.Historical(s.TotalSpend, margin));
            }

            return table;
        }
    }

    private static ResultTable Average(
        OrderColumns orders, ParseResult parse, decimal lifespan, decimal margin, string? segmentColumn, CliProgress progress, CancellationToken token)
    {
        using (progress)
        {
            var accumulator = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { Zone = parse.GetRequiredValue(orders.Zone) });
            var segments = new Dictionary<string, string>(StringComparer.Ordinal);
            var column = -2;
            orders.Read(parse, (customer, time, amount, row) =>
            {
                if (segmentColumn is not null)
                {
                    column = column == -2 ? row.Require(segmentColumn, "--segment-column") : column;
                    var name = row.FieldText(column).Trim();
                    segments.TryAdd(customer, name.Length == 0 ? "(none)" : name);
                }

                if (time.IsInstant)
                {
                    accumulator.Add(customer, time.Instant, amount);
                }
                else
                {
                    accumulator.Add(customer, time.Date, amount);
                }
            }, progress, token);
            var values = LifetimeValueFormulas.Average(accumulator.ToSummaries(), lifespan,
                segmentColumn is null ? null : s => segments[s.CustomerId], margin);
            var table = new ResultTable(["segment", "revenue", "purchases", "customers", "averagePurchaseValue", "purchaseFrequency", "lifespan", "value"]);
            foreach (var (segment, v) in values)
            {
                table.Add(segment.Length == 0 ? "(all)" : segment, v.Revenue, v.Purchases, v.Customers,
                    decimal.Round(v.AveragePurchaseValue, 6), decimal.Round(v.PurchaseFrequency, 6), v.Lifespan, decimal.Round(v.Value, 6));
            }

            return table;
        }
    }
}
