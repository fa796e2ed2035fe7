using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention clv predict</c>: per-customer expected purchases, P(alive), expected spend and CLV; sBG survival and DERL.</summary>
internal static class ClvPredictVerb
{
    private static readonly Dictionary<ClvModelKind, string[]> ParameterNames = new()
    {
        [ClvModelKind.BgNbd] = ["r", "alpha", "a", "b"],
        [ClvModelKind.MbgNbd] = ["r", "alpha", "a", "b"],
        [ClvModelKind.ParetoNbd] = ["r", "alpha", "s", "beta"],
        [ClvModelKind.BgBb] = ["alpha", "beta", "gamma", "delta"],
        [ClvModelKind.Sbg] = ["alpha", "beta"],
        [ClvModelKind.GammaGamma] = ["p", "q", "gamma"],
    };

    public static Command Create(CliContext context)
    {
        var input = new ClvInput();
        var parameters = new Option<string?>("--parameters") { Description = "Model parameters as name=value pairs (e.g. r=0.243,alpha=4.414,a=0.793,b=2.426); without it the model is fitted first." };
        var horizon = new Option<double?>("--horizon") { Description = "Prediction horizon in model time units (BG/BB: future opportunities, a whole number)." };
        var margin = new Option<double>("--margin") { Description = "Share of spend that is profit, 0 to 1 (default 1).", DefaultValueFactory = _ => 1d };
        var discountRate = new Option<double>("--discount-rate") { Description = "Discount rate per discounting period (default 0.01; sBG DERL default 0.1).", DefaultValueFactory = _ => double.NaN };
        var discountPeriod = new Option<double>("--discount-period") { Description = "Time units per discounting period (default 1); the horizon must be a whole number of them.", DefaultValueFactory = _ => 1d };
        var spendParameters = new Option<string?>("--spend-parameters") { Description = "Gamma-Gamma parameters p=..,q=..,gamma=..; without it they are fitted when the data carry monetary values." };
        var periods = new Option<int?>("--periods") { Description = "sBG: print the expected share alive at the start of periods 0..N." };
        var format = CommonOptions.Format();
        var command = new Command("predict", "Predict per customer: expected purchases over a horizon, P(alive), expected spend and discounted CLV; for sBG the survival curve and DERL.");
        input.AddTo(command);
        command.Options.Add(parameters);
        command.Options.Add(horizon);
        command.Options.Add(margin);
        command.Options.Add(discountRate);
        command.Options.Add(discountPeriod);
        command.Options.Add(spendParameters);
        command.Options.Add(periods);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var kind = parse.GetValue(input.Model);
            var outputFormat = parse.GetValue(format);
            var given = parse.GetValue(parameters) is { } text ? Parse(text, ParameterNames[kind], "--parameters") : null;
            if (kind == ClvModelKind.Sbg)
            {
                var n = parse.GetValue(periods) ?? throw new CliUsageException("--model sbg needs --periods N.");
                if (n < 0)
                {
                    throw new CliUsageException("--periods must be 0 or more.");
                }

                var d = parse.GetValue(discountRate);
                var sbg = given is null
                    ? (ShiftedBetaGeometricModel)ClvFitVerb.Fit(input, parse, context, false, token).Model
                    : new ShiftedBetaGeometricModel(given[0], given[1]);
                WriteSurvival(sbg, n, double.IsNaN(d) ? 0.1 : d, outputFormat, output);
                return ValueTask.CompletedTask;
            }

            var data = input.ReadData(parse, kind, context, outputFormat == OutputFormat.Table, token);
            var options = input.FitOptions(parse);
            var table = input.Positioned(() => Predict(kind, given, data, options, parse, horizon, margin, discountRate, discountPeriod, spendParameters));
            TableRenderer.Write(table, outputFormat, output);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    private static ResultTable Predict(
        ClvModelKind kind, double[]? given, RepeatPurchaseData data, LifetimeFitOptions options, ParseResult parse,
        Option<double?> horizonOption, Option<double> marginOption, Option<double> discountOption, Option<double> periodOption, Option<string?> spendOption)
    {
        if (kind == ClvModelKind.GammaGamma)
        {
            var spendOnly = given is null ? GammaGammaModel.Fit(data, options) : new GammaGammaModel(given[0], given[1], given[2]);
            var spendTable = new ResultTable(["customerId", "expectedSpend"]);
            foreach (var row in data)
            {
                spendTable.Add(row.CustomerId, spendOnly.ExpectedSpend(row.Frequency, row.MonetaryValue));
            }

            return spendTable;
        }

        var horizon = parse.GetValue(horizonOption) ?? throw new CliUsageException("clv predict needs --horizon T.");
        if (!double.IsFinite(horizon) || horizon < 0)
        {
            throw new CliUsageException("--horizon must be a finite number, 0 or more.");
        }

        if (kind == ClvModelKind.BgBb)
        {
            if (horizon != Math.Floor(horizon) || horizon > 1_000_000)
            {
                throw new CliUsageException("--horizon for bgbb counts future opportunities: a whole number.");
            }

            var bgbb = given is null ? BetaGeometricBetaBinomialModel.Fit(data, options) : new BetaGeometricBetaBinomialModel(given[0], given[1], given[2], given[3]);
            var discrete = new ResultTable(["customerId", "expectedPurchases", "probabilityAlive"]);
            foreach (var row in data)
            {
                var (x, recency, n) = ((int)row.Frequency, (int)row.Recency, (int)row.T);
                discrete.Add(row.CustomerId, bgbb.ExpectedPurchases((int)horizon, x, recency, n), bgbb.ProbabilityAlive(x, recency, n));
            }

            return discrete;
        }

        ITransactionModel model = (kind, given) switch
        {
            (ClvModelKind.BgNbd, null) => BetaGeometricNbdModel.Fit(data, options),
            (ClvModelKind.BgNbd, _) => new BetaGeometricNbdModel(given[0], given[1], given[2], given[3]),
            (ClvModelKind.MbgNbd, null) => ModifiedBetaGeometricNbdModel.Fit(data, options),
            (ClvModelKind.MbgNbd, _) => new ModifiedBetaGeometricNbdModel(given[0], given[1], given[2], given[3]),
            (_, null) => ParetoNbdModel.Fit(data, options),
            _ => new ParetoNbdModel(given[0], given[1], given[2], given[3]),
        };

        GammaGammaModel? spend = null;
        if (parse.GetValue(spendOption) is { } spendText)
        {
            var p = Parse(spendText, ParameterNames[ClvModelKind.GammaGamma], "--spend-parameters");
            spend = new GammaGammaModel(p[0], p[1], p[2]);
        }
        else if (data.Any(r => r.Frequency > 0 && r.MonetaryValue > 0))
        {
            spend = GammaGammaModel.Fit(data, options);
        }

        var discount = parse.GetValue(discountOption);
        var unitsPerPeriod = parse.GetValue(periodOption);
        if (!double.IsFinite(unitsPerPeriod) || unitsPerPeriod <= 0)
        {
            throw new CliUsageException("--discount-period must be a positive number of time units.");
        }

        var steps = horizon / unitsPerPeriod;
        if (Math.Abs(steps - Math.Round(steps)) > 1e-9 || steps > 100_000)
        {
            throw new CliUsageException("--horizon must be a whole number of --discount-period lengths.");
        }

        var valueOptions = new LifetimeValueOptions
        {
            Periods = (int)Math.Round(steps), TimeUnitsPerPeriod = unitsPerPeriod,
            DiscountRate = double.IsNaN(discount) ? 0.01 : discount, Margin = parse.GetValue(marginOption),
        };
        var table = new ResultTable(spend is null
            ? ["customerId", "expectedPurchases", "probabilityAlive"]
            : ["customerId", "expectedPurchases", "probabilityAlive", "expectedSpend", "clv"]);
        foreach (var row in data)
        {
            var expected = model.ExpectedPurchases(horizon, row.Frequency, row.Recency, row.T);
            var alive = model.ProbabilityAlive(row.Frequency, row.Recency, row.T);
            if (spend is null)
            {
                table.Add(row.CustomerId, expected, alive);
            }
            else
            {
                table.Add(row.CustomerId, expected, alive, spend.ExpectedSpend(row.Frequency, row.MonetaryValue),
                    CustomerLifetimeValue.Compute(model, spend, row, valueOptions));
            }
        }

        return table;
    }

    private static void WriteSurvival(ShiftedBetaGeometricModel model, int periods, double discountRate, OutputFormat format, TextWriter output)
    {
        var curve = model.SurvivalCurve(periods);
        var derl = model.DiscountedExpectedResidualLifetime(discountRate);
        if (format == OutputFormat.Json)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("model", "sbg");
                json.WriteStartObject("parameters");
                json.WriteNumber("alpha", model.Alpha);
                json.WriteNumber("beta", model.Beta);
                json.WriteEndObject();
                json.WriteStartArray("survival");
                foreach (var value in curve)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
                json.WriteStartArray("retentionRates");
                for (var t = 1; t <= periods; t++)
                {
                    json.WriteNumberValue(model.RetentionRate(t));
                }

                json.WriteEndArray();
                json.WriteNumber("discountRate", discountRate);
                json.WriteNumber("discountedExpectedResidualLifetime", derl);
                json.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        var table = new ResultTable(["period", "survival", "retentionRate"]);
        for (var t = 0; t <= periods; t++)
        {
            table.Add(t, curve[t], t == 0 ? null : model.RetentionRate(t));
        }

        TableRenderer.Write(table, format, output);
        if (format == OutputFormat.Table)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sbg alpha {model.Alpha:F4}, beta {model.Beta:F4}; discounted expected residual lifetime at d = {discountRate}: {derl:F4} periods."));
        }
    }

    /// <summary>Parses name=value pairs into the model's parameter order.</summary>
    internal static double[] Parse(string text, string[] names, string option)
    {
        var values = new double?[names.Length];
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            var index = parts.Length == 2 ? Array.FindIndex(names, n => string.Equals(n, parts[0], StringComparison.OrdinalIgnoreCase)) : -1;
            if (index < 0 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
            {
                throw new CliUsageException($"{option}: '{pair}' is not name=value with a positive number and a name among {string.Join(", ", names)}.");
            }

            values[index] = value;
        }

        var missing = names.Where((_, i) => values[i] is null).ToArray();
        return missing.Length == 0 ? values.Select(v => v!.Value).ToArray()
            : throw new CliUsageException($"{option} is missing {string.Join(", ", missing)}.");
    }
}
