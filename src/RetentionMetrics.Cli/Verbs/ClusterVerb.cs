using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Clustering;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention cluster</c>: k-means over feature columns of a CSV file, or over customers' RFM features from orders.</summary>
internal static class ClusterVerb
{
    /// <summary>The range of k tried by <c>--k auto</c>.</summary>
    public const int AutoMinimum = 2;

    /// <summary>The largest k tried by <c>--k auto</c> (fewer when there are fewer points).</summary>
    public const int AutoMaximum = 10;

    public const string FeaturesRequired = "--features is required (a comma-separated list of columns) unless --rfm is given.";
    public const string InputRequired = "--input is required for a feature file; the bundled sample holds orders, so use --rfm without --input.";
    public const string FeaturesWithRfm = "--features cannot be combined with --rfm: the RFM features are recency, frequency and monetary.";
    public const string DuplicateFeature = "The feature column '{0}' is listed twice.";
    public const string NotANumber = "{0} is not a finite number.";
    public const string AutoNeedsPoints = "--k auto needs at least 2 points; there are {0}.";

    public static Command Create(CliContext context)
    {
        var orders = new OrderColumns();
        orders.Input.Description =
            "CSV file (header row): one row per customer with the --features columns, or orders with --rfm (the bundled CDNOW sample when --rfm is given without it).";
        var rfm = new Option<bool>("--rfm") { Description = "Cluster customers by recency, frequency and monetary value computed from the orders in --input." };
        var features = new Option<string?>("--features") { Description = "Comma-separated feature columns of --input to cluster on." };
        var idColumn = new Option<string?>("--id-column") { Description = "Column naming each row (default customer_id; row numbers when that column is absent)." };
        // 0 stands for auto.
        var k = new Option<int>("--k")
        {
            Description = "Number of clusters, or auto to choose 2..10 by the silhouette score.",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
                {
                    return 0;
                }

                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
                {
                    return value;
                }

                result.AddError($"--k expects a whole number of clusters (1 or more) or auto, not '{text}'.");
                return 0;
            },
        };
        var scale = new Option<FeatureScaling?>("--scale")
        {
            Description = "Feature scaling: none, standard or log-standard (default standard; log-standard with --rfm).",
            CustomParser = result => CommonOptions.ParseEnum<FeatureScaling>(result, "none, standard or log-standard"),
        };
        var restarts = new Option<int>("--restarts")
        {
            Description = "k-means++ restarts; the lowest inertia is kept (default 10).",
            DefaultValueFactory = _ => 10,
            Validators = { result => { if (result.GetValueOrDefault<int>() < 1) { result.AddError("--restarts must be at least 1."); } } },
        };
        var seed = new Option<long>("--seed") { Description = "Seed of the random choices (default 0): the same seed gives the same clusters.", DefaultValueFactory = _ => 0 };
        var asOf = CommonOptions.Date("--as-of", "With --rfm: date recency is measured to (default: the day after the last order).");
        var format = CommonOptions.Format();
        var command = new Command("cluster", "k-means clusters of customers: over feature columns of a CSV file, or over RFM features of orders (--rfm).");
        orders.AddTo(command);
        foreach (var option in new Option[] { rfm, features, idColumn, k, scale, restarts, seed, asOf, format })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => context.RunAsync((output, token) =>
        {
            var outputFormat = parse.GetValue(format);
            var options = new KMeansOptions { Restarts = parse.GetValue(restarts), Seed = parse.GetValue(seed) };
            string[] ids;
            string[] columns;
            FeatureMatrix raw;
            FeatureScaling scaling;
            if (parse.GetValue(rfm))
            {
                if (parse.GetValue(features) is not null)
                {
                    throw new CliUsageException(FeaturesWithRfm);
                }

                using var progress = context.Progress(outputFormat == OutputFormat.Table);
                var summaryOptions = new CustomerSummaryOptions { Zone = parse.GetRequiredValue(orders.Zone), AsOf = parse.GetValue(asOf) };
                var set = SummaryVerb.Summarise(orders, parse, summaryOptions, progress, token).ToRfmFeatures();
                columns = [.. RfmFeatureSet<string>.ColumnNames];
                (ids, raw) = ByCustomer(set.Customers, set.Raw);
                scaling = parse.GetValue(scale) ?? FeatureScaling.LogStandard;
            }
            else
            {
                if (parse.GetValue(orders.Input) is not { } path)
                {
                    throw new CliUsageException(InputRequired);
                }

                columns = ParseColumns(parse.GetValue(features) ?? throw new CliUsageException(FeaturesRequired));
                using var reader = CsvReader.Open(path);
                (ids, raw) = ReadFeatures(reader, columns, parse.GetValue(idColumn), token);
                scaling = parse.GetValue(scale) ?? FeatureScaling.Standard;
            }

            var result = Cluster(raw, scaling, parse.GetValue(k) is > 0 and var clusters ? clusters : null, options, token);
            Render(result, ids, columns, outputFormat, output);
            return ValueTask.CompletedTask;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// The rows in customer order: the summaries of a large file come partition by partition in an order that depends
    /// on how the cores were scheduled, and the seeded k-means samples points by row, so a fixed row order is what
    /// makes a run repeatable.
    /// </summary>
    private static (string[] Ids, FeatureMatrix Rows) ByCustomer(IReadOnlyList<string> ids, FeatureMatrix rows)
    {
        var order = Enumerable.Range(0, ids.Count).Order(Comparer<int>.Create((a, b) => CustomerIdComparer.Instance.Compare(ids[a], ids[b]))).ToArray();
        var values = new double[rows.Rows * rows.Columns];
        for (var i = 0; i < order.Length; i++)
        {
            rows.Row(order[i]).CopyTo(values.AsSpan(i * rows.Columns, rows.Columns));
        }

        return ([.. order.Select(i => ids[i])], new FeatureMatrix(rows.Rows, rows.Columns, values));
    }

    /// <summary>The outcome of a clustering, with centroids in the features' original units.</summary>
    public sealed record Result(KMeansModel Model, FeatureMatrix Centroids, double Silhouette, FeatureScaling Scaling, int Restarts);

    public static Result Cluster(FeatureMatrix raw, FeatureScaling scaling, int? k, KMeansOptions options, CancellationToken cancellationToken)
    {
        var scaler = FeatureScaler.Fit(raw, scaling);
        var scaled = scaler.Transform(raw);
        KMeansModel model;
        double silhouette;
        if (k is { } clusters)
        {
            model = KMeans.Fit(scaled, options with { NumberOfClusters = clusters }, cancellationToken: cancellationToken);
            silhouette = ClusterQuality.Silhouette(scaled, model.Assignments, ClusterQuality.DefaultSilhouetteSampleSize, options.Seed ?? 0);
        }
        else
        {
            if (scaled.Rows < AutoMinimum)
            {
                throw new CliUsageException(string.Format(CultureInfo.InvariantCulture, AutoNeedsPoints, scaled.Rows));
            }

            var selection = KMeans.ChooseNumberOfClusters(
                scaled, AutoMinimum, Math.Min(AutoMaximum, scaled.Rows), options, cancellationToken: cancellationToken);
            var chosen = selection[selection.BySilhouette];
            model = chosen.Model;
            silhouette = chosen.Silhouette;
        }

        return new Result(model, scaler.InverseTransform(model.Centroids), silhouette, scaling, options.Restarts);
    }

    private static string[] ParseColumns(string text)
    {
        var columns = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (columns.Length == 0)
        {
            throw new CliUsageException(FeaturesRequired);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            if (!seen.Add(column))
            {
                throw new CliUsageException(string.Format(CultureInfo.InvariantCulture, DuplicateFeature, column));
            }
        }

        return columns;
    }

    private static (string[] Ids, FeatureMatrix Features) ReadFeatures(CsvReader reader, string[] columns, string? idColumn, CancellationToken cancellationToken)
    {
        var indexes = columns.Select(c => reader.Require(c, "--features")).ToArray();
        var id = idColumn is not null ? reader.Require(idColumn, "--id-column") : reader.IndexOf("customer_id");
        var ids = new List<string>();
        var values = new List<double>();
        var pool = new Utf8StringPool();
        var row = 0L;
        while (reader.Read())
        {
            row++;
            if (id >= 0)
            {
                var text = FieldParsers.Trim(reader.Field(id));
                if (text.IsEmpty)
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[id], "The id is empty.");
                }

                ids.Add(pool.Get(text));
            }
            else
            {
                ids.Add(row.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var index in indexes)
            {
                var field = reader.Field(index);
                if (!FieldParsers.TryParseDouble(field, out var value))
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[index],
                        string.Format(CultureInfo.InvariantCulture, NotANumber, FieldParsers.Show(field)));
                }

                values.Add(value);
            }

            if (row % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return ([.. ids], new FeatureMatrix(ids.Count, columns.Length, values.ToArray()));
    }

    public static void Render(Result result, IReadOnlyList<string> ids, IReadOnlyList<string> columns, OutputFormat format, TextWriter output)
    {
        var model = result.Model;
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(result, ids, output);
                return;
            case OutputFormat.Csv:
                var assignments = new ResultTable(["customerId", "cluster"]);
                for (var i = 0; i < ids.Count; i++)
                {
                    assignments.Add(ids[i], model.Assignments[i]);
                }

                TableRenderer.Write(assignments, format, output);
                return;
            default:
                var table = new ResultTable(["cluster", "customers", .. columns]);
                for (var c = 0; c < model.NumberOfClusters; c++)
                {
                    var cells = new object?[columns.Count + 2];
                    cells[0] = c;
                    cells[1] = model.ClusterSizes[c];
                    for (var j = 0; j < columns.Count; j++)
                    {
                        cells[j + 2] = Math.Round(result.Centroids[c, j], 6);
                    }

                    table.Add(cells);
                }

                TableRenderer.Write(table, format, output);
                output.WriteLine();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"k = {model.NumberOfClusters}, inertia {model.Inertia:0.######} ({ScaleName(result.Scaling)} features), silhouette {result.Silhouette:0.####}, {model.Iterations} iterations, best of {result.Restarts} restarts (seed {model.Seed}); centroids in original units."));
                return;
        }
    }

    private static string ScaleName(FeatureScaling scaling) => scaling switch
    {
        FeatureScaling.None => "unscaled",
        FeatureScaling.Standard => "standardised",
        _ => "log-standardised",
    };

    private static void WriteJson(Result result, IReadOnlyList<string> ids, TextWriter output)
    {
        var model = result.Model;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("k", model.NumberOfClusters);
            json.WriteNumber("inertia", model.Inertia);
            json.WriteNumber("silhouette", result.Silhouette);
            json.WriteNumber("iterations", model.Iterations);
            json.WriteStartArray("centroids");
            foreach (var row in result.Centroids.ToRows())
            {
                TableRenderer.WriteValue(json, row);
            }

            json.WriteEndArray();
            json.WriteStartArray("assignments");
            for (var i = 0; i < ids.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("customerId", ids[i]);
                json.WriteNumber("cluster", model.Assignments[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
