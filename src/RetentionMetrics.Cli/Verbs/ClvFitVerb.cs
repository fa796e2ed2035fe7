using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention clv fit</c>: fits a lifetime-value model by maximum likelihood and prints parameters and diagnostics.</summary>
internal static class ClvFitVerb
{
    public static Command Create(CliContext context)
    {
        var input = new ClvInput();
        var format = CommonOptions.Format();
        var holdoutEnd = CommonOptions.Date(
            "--holdout-end",
            "Calibration/holdout check (bgnbd, mbgnbd, paretonbd with orders): fit on orders up to --calibration-end, then compare predicted with actual purchases up to this date, by calibration frequency.");
        var command = new Command("fit", "Fit a lifetime-value model by maximum likelihood: parameters, log-likelihood, convergence and standard errors.");
        input.AddTo(command);
        command.Options.Add(holdoutEnd);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var outputFormat = parse.GetValue(format);
            if (parse.GetValue(holdoutEnd) is { } end)
            {
                var kind = parse.GetValue(input.Model);
                var split = input.ReadSplit(parse, kind, end, context, outputFormat == OutputFormat.Table, token);
                var options = input.FitOptions(parse);
                var model = input.Positioned<ITransactionModel>(() => kind switch
                {
                    ClvModelKind.BgNbd => BetaGeometricNbdModel.Fit(split.Calibration, options),
                    ClvModelKind.MbgNbd => ModifiedBetaGeometricNbdModel.Fit(split.Calibration, options),
                    _ => ParetoNbdModel.Fit(split.Calibration, options),
                });
                Write(From(kind, model), outputFormat, output, split.Compare(model), split.HoldoutLength);
                return ValueTask.CompletedTask;
            }

            var fitted = Fit(input, parse, context, outputFormat == OutputFormat.Table, token);
            Write(fitted, outputFormat, output);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    /// <summary>A fitted model of any kind, as the verbs print and use it.</summary>
    internal sealed record FittedModel(ClvModelKind Kind, IReadOnlyDictionary<string, double> Parameters, LifetimeFitDiagnostics Diagnostics, object Model);

    internal static FittedModel Fit(ClvInput input, ParseResult parse, CliContext context, bool forPeople, CancellationToken cancellationToken)
    {
        var kind = parse.GetValue(input.Model);
        var options = input.FitOptions(parse);
        if (kind == ClvModelKind.Sbg)
        {
            var sbg = ShiftedBetaGeometricModel.Fit(input.ReadSurvival(parse), options);
            return new FittedModel(kind, sbg.Parameters, sbg.Diagnostics!, sbg);
        }

        var data = input.ReadData(parse, kind, context, forPeople, cancellationToken);
        return input.Positioned<FittedModel>(() => kind switch
        {
            ClvModelKind.BgNbd => From(kind, BetaGeometricNbdModel.Fit(data, options)),
            ClvModelKind.MbgNbd => From(kind, ModifiedBetaGeometricNbdModel.Fit(data, options)),
            ClvModelKind.ParetoNbd => From(kind, ParetoNbdModel.Fit(data, options)),
            ClvModelKind.BgBb => Wrap(kind, BetaGeometricBetaBinomialModel.Fit(data, options)),
            _ => Wrap(kind, GammaGammaModel.Fit(data, options)),
        });
    }

    internal static string Name(ClvModelKind kind) => ClvInput.ModelNames[(int)kind];

    private static FittedModel From(ClvModelKind kind, ITransactionModel model) => new(kind, model.Parameters, model.Diagnostics!, model);

    private static FittedModel Wrap(ClvModelKind kind, BetaGeometricBetaBinomialModel model) => new(kind, model.Parameters, model.Diagnostics!, model);

    private static FittedModel Wrap(ClvModelKind kind, GammaGammaModel model) => new(kind, model.Parameters, model.Diagnostics!, model);

    private static void Write(FittedModel fitted, OutputFormat format, TextWriter output, HoldoutComparison? holdout = null, double holdoutLength = 0)
    {
        var d = fitted.Diagnostics;
        if (format == OutputFormat.Json)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("model", Name(fitted.Kind));
                json.WriteStartObject("parameters");
                foreach (var (name, value) in fitted.Parameters)
                {
                    json.WriteNumber(name, value);
                }

                json.WriteEndObject();
                json.WriteNumber("logLikelihood", d.LogLikelihood);
                json.WriteNumber("customers", d.Customers);
                json.WriteNumber("iterations", d.Iterations);
                json.WriteBoolean("converged", d.Converged);
                if (d.Reason is not null)
                {
                    json.WriteString("reason", d.Reason);
                }

                json.WriteStartObject("standardErrors");
                foreach (var (name, value) in d.StandardErrors)
                {
                    json.WriteNumber(name, value);
                }

                json.WriteEndObject();
                json.WriteNumber("gradientNorm", d.GradientNorm);
                if (holdout is not null)
                {
                    json.WriteStartObject("holdout");
                    json.WriteNumber("length", holdoutLength);
                    json.WriteNumber("totalPredicted", holdout.TotalPredicted);
                    json.WriteNumber("totalActual", holdout.TotalActual);
                    json.WriteNumber("meanAbsoluteError", holdout.MeanAbsoluteError);
                    json.WriteNumber("rootMeanSquaredError", holdout.RootMeanSquaredError);
                    json.WriteStartArray("byFrequency");
                    foreach (var group in holdout.ByFrequency)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("frequency", group.Frequency);
                        json.WriteBoolean("andAbove", group.AndAbove);
                        json.WriteNumber("customers", group.Customers);
                        json.WriteNumber("meanPredicted", group.MeanPredicted);
                        json.WriteNumber("meanActual", group.MeanActual);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        var table = new ResultTable(["parameter", "value", "standardError"]);
        foreach (var (name, value) in fitted.Parameters)
        {
            table.Add(name, value, d.StandardErrors.TryGetValue(name, out var error) ? error : null);
        }

        TableRenderer.Write(table, format, output);
        if (format == OutputFormat.Table)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name(fitted.Kind)}: log-likelihood {d.LogLikelihood:F4} over {d.Customers:N0} customers; {d.Iterations} iterations, {(d.Converged ? "converged" : "NOT converged: " + d.Reason)}."));
            if (d.StandardErrorNote is not null)
            {
                output.WriteLine(d.StandardErrorNote);
            }
        }

        if (holdout is null)
        {
            return;
        }

        // The holdout table follows the parameter table (after a blank line) in table, csv and md formats.
        output.WriteLine();
        var groups = new ResultTable(["calibrationFrequency", "customers", "meanPredicted", "meanActual"]);
        foreach (var group in holdout.ByFrequency)
        {
            groups.Add(group.AndAbove ? string.Create(CultureInfo.InvariantCulture, $"{group.Frequency}+") : group.Frequency.ToString(CultureInfo.InvariantCulture),
                group.Customers, group.MeanPredicted, group.MeanActual);
        }

        TableRenderer.Write(groups, format, output);
        if (format == OutputFormat.Table)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Holdout of {holdoutLength:0.###} time units: predicted {holdout.TotalPredicted:F1} purchases, actual {holdout.TotalActual:F0}; per customer MAE {holdout.MeanAbsoluteError:F4}, RMSE {holdout.RootMeanSquaredError:F4}."));
        }
    }
}
