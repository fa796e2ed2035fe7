using System.CommandLine;
using System.Globalization;
using System.Text;
using NodaTime;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Cli.Verbs;

/// <summary>
/// <c>retention report</c>: one pass over the orders, then every area's headline result on one self-contained HTML page
/// (KPIs, cohort heatmap, RFM grid, clusters, survival curve, CLV distribution and top customers, inputs and settings),
/// and the KPIs on the terminal.
/// </summary>
internal static class ReportVerb
{
    public const string CannotWrite = "Cannot write the report to {0}: {1}";
    public const string NoCustomers = "The input holds no orders up to the as-of date, so there is nothing to report.";

    /// <summary>Months of lifetime value predicted by default.</summary>
    public const int DefaultHorizon = 12;

    public static Command Create(CliContext context)
    {
        var orders = new OrderColumns();
        var asOf = CommonOptions.Date("--as-of", "Date the report is made as of; later orders are left out (default: after the last order).");
        var output = new Option<string>("--out", "-o") { Description = "HTML file to write the report to.", Required = true };
        var clusters = new Option<int>("--clusters")
        {
            Description = "Number of k-means clusters of the RFM features (default 4).",
            DefaultValueFactory = _ => 4,
            Validators = { result => { if (result.GetValueOrDefault<int>() < 1) { result.AddError("--clusters must be at least 1."); } } },
        };
        var seed = new Option<long>("--seed") { Description = "Seed of the k-means choices (default 0): the same seed gives the same report.", DefaultValueFactory = _ => 0 };
        var horizon = new Option<int>("--horizon")
        {
            Description = "Months of customer lifetime value to predict (default 12).",
            DefaultValueFactory = _ => DefaultHorizon,
            Validators = { result => { if (result.GetValueOrDefault<int>() is < 1 or > 600) { result.AddError("--horizon must be from 1 to 600 months."); } } },
        };
        var top = new Option<int>("--top")
        {
            Description = "Number of top customers (by predicted lifetime value) listed (default 10).",
            DefaultValueFactory = _ => 10,
            Validators = { result => { if (result.GetValueOrDefault<int>() < 1) { result.AddError("--top must be at least 1."); } } },
        };
        var format = CommonOptions.Format();
        var command = new Command("report", "Everything at once: headline KPIs on the terminal and a self-contained HTML report with cohorts, RFM, clusters, survival and lifetime value.");
        orders.AddTo(command);
        foreach (var option in new Option[] { asOf, output, clusters, seed, horizon, top, format })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => context.RunAsync((writer, token) =>
        {
            var outputFormat = parse.GetValue(format);
            var settings = new ReportSettings(
                Input: parse.GetValue(orders.Input) ?? BundledData.OrdersName,
                CustomerColumn: parse.GetRequiredValue(orders.CustomerColumn),
                TimeColumn: parse.GetRequiredValue(orders.TimeColumn),
                AmountColumn: parse.GetRequiredValue(orders.AmountColumn),
                DateFormat: parse.GetValue(orders.DateFormat),
                Zone: parse.GetRequiredValue(orders.Zone),
                AsOf: parse.GetValue(asOf),
                Clusters: parse.GetValue(clusters),
                Seed: parse.GetValue(seed),
                HorizonMonths: parse.GetValue(horizon),
                TopCustomers: parse.GetValue(top));
            ReportResults results;
            using (var progress = context.Progress(outputFormat == OutputFormat.Table))
            {
                results = Analyse(orders, parse, settings, progress, token);
            }

            var page = ReportVerbPage.Build(results);
            var path = parse.GetRequiredValue(output);
            try
            {
                File.WriteAllText(path, page, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new CliUsageException(string.Format(CultureInfo.InvariantCulture, CannotWrite, path, e.Message));
            }

            TableRenderer.Write(Kpis(results), outputFormat, writer);
            if (outputFormat == OutputFormat.Table)
            {
                writer.WriteLine();
                writer.WriteLine($"Report written to {path}.");
            }

            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    /// <summary>Reads the orders once into summaries, cohorts and lifetimes, then runs the library's models on them.</summary>
    public static ReportResults Analyse(OrderColumns orders, ParseResult parse, ReportSettings settings, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var summaries = new CustomerSummaryAccumulator<string>(new CustomerSummaryOptions { Zone = settings.Zone, AsOf = settings.AsOf });
        var cohorts = new CohortAccumulator<string>(new CohortOptions { Period = CohortPeriod.Month, Measure = CohortMeasure.Retention, Zone = settings.Zone, AsOf = settings.AsOf });
        var lifetimes = new CustomerLifetimeAccumulator<string>(new CustomerLifetimeOptions { Zone = settings.Zone, AsOf = settings.AsOf });
        orders.Read(parse, (customer, time, amount, _) =>
        {
            if (time.IsInstant)
            {
                summaries.Add(customer, time.Instant, amount);
                cohorts.Add(customer, time.Instant, amount);
                lifetimes.Add(customer, time.Instant);
            }
            else
            {
                summaries.Add(customer, time.Date, amount);
                cohorts.Add(customer, time.Date, amount);
                lifetimes.Add(customer, time.Date);
            }
        }, progress, cancellationToken);

        var summary = summaries.ToSummaries();
        if (summary.Count == 0)
        {
            throw new CliUsageException(NoCustomers);
        }

        var rfm = summary.ToRfmTable();
        var features = summary.ToRfmFeatures();
        var model = KMeans.Fit(features.Scaled, new KMeansOptions { NumberOfClusters = Math.Min(settings.Clusters, summary.Count), Seed = settings.Seed },
            cancellationToken: cancellationToken);
        var groups = lifetimes.ToGroups();
        var survival = KaplanMeierCurve.Fit(groups.SelectMany(g => g.Observations));

        // The CDNOW literature counts days and fits in weeks; the horizon is in months of 30.4375 days.
        var data = RepeatPurchaseData.FromSummaries(summary, RepeatPurchaseData.PeriodsPerTimeUnit(summary.Period, PurchasePeriod.Week));
        LifetimeValueFit? lifetimeValue = null;
        string? notFitted = null;
        try
        {
            var purchases = BetaGeometricNbdModel.Fit(data);
            var spend = GammaGammaModel.Fit(data);
            var values = CustomerLifetimeValue.Compute(purchases, spend, data, new LifetimeValueOptions
            {
                Periods = settings.HorizonMonths,
                TimeUnitsPerPeriod = RepeatPurchaseData.DaysPerMonth / RepeatPurchaseData.DaysPerWeek,
            });
            lifetimeValue = new LifetimeValueFit(purchases, spend, values);
        }
        catch (RetentionDataException e)
        {
            // Data the models cannot fit (no repeat buyer, say) leaves the rest of the report standing.
            notFitted = e.Reason;
        }

        return new ReportResults(settings, summary, cohorts.ToTable(), rfm, features, model, survival, lifetimes.Options.InactivityGap, data, lifetimeValue, notFitted);
    }

    /// <summary>The headline numbers, as read from the results.</summary>
    public static ResultTable Kpis(ReportResults results)
    {
        var table = new ResultTable(["kpi", "value"]);
        foreach (var (name, value) in results.Kpis())
        {
            table.Add(name, value);
        }

        return table;
    }
}

/// <summary>What the report was asked for: the input, its column mapping, and the settings of each model.</summary>
internal sealed record ReportSettings(
    string Input, string CustomerColumn, string TimeColumn, string AmountColumn, string? DateFormat, DateTimeZone Zone,
    LocalDate? AsOf, int Clusters, long Seed, int HorizonMonths, int TopCustomers);

/// <summary>Every result the report shows, each computed by the library.</summary>
internal sealed record ReportResults(
    ReportSettings Settings,
    CustomerSummaries<string> Summaries,
    CohortTable Cohorts,
    RfmTable<string> Rfm,
    RfmFeatureSet<string> Features,
    KMeansModel Clusters,
    KaplanMeierCurve Survival,
    Period InactivityGap,
    RepeatPurchaseData RepeatPurchases,
    LifetimeValueFit? LifetimeValue,
    string? LifetimeValueNotFitted)
{
    /// <summary>The headline KPIs as display text, in the order the terminal and the page show them.</summary>
    public IReadOnlyList<(string Name, string Value)> Kpis()
    {
        var customers = Summaries.Count;
        var orders = Summaries.Transactions;
        var revenue = Summaries.TotalSpend;
        var repeat = Summaries.Count(s => s.Frequency > 0);
        return
        [
            ("Customers", customers.ToString("N0", CultureInfo.InvariantCulture)),
            ("Orders", orders.ToString("N0", CultureInfo.InvariantCulture)),
            ("Revenue", revenue.ToString("N2", CultureInfo.InvariantCulture)),
            ("Average order value", orders == 0 ? "-" : (revenue / orders).ToString("N2", CultureInfo.InvariantCulture)),
            ("Repeat customers", string.Create(CultureInfo.InvariantCulture, $"{repeat:N0} ({100d * repeat / customers:0.0}%)")),
            ("Still buying after a year", string.Create(CultureInfo.InvariantCulture, $"{100d * Survival.SurvivalAt(365):0.0}%")),
            ($"Expected {Settings.HorizonMonths}-month CLV per customer", LifetimeValue?.Values.Average().ToString("N2", CultureInfo.InvariantCulture) ?? "-"),
            ($"Expected {Settings.HorizonMonths}-month CLV, all customers", LifetimeValue?.Values.Sum().ToString("N2", CultureInfo.InvariantCulture) ?? "-"),
            ("As of", (Summaries.AsOf ?? Settings.AsOf)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"),
        ];
    }
}

/// <summary>The lifetime-value models fitted on the report's data and each customer's predicted value.</summary>
internal sealed record LifetimeValueFit(BetaGeometricNbdModel Purchases, GammaGammaModel Spend, IReadOnlyList<double> Values);
