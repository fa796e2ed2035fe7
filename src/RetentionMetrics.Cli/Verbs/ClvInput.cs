using System.CommandLine;
using System.Globalization;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Customers;
using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Cli.Verbs;

/// <summary>
/// The options <c>clv fit</c> and <c>clv predict</c> share: the model, and where the data come from (orders with a
/// calibration end, a summary CSV with column mapping, or sBG survival counts), and how they become model input.
/// </summary>
internal sealed class ClvInput
{
    public static readonly string[] ModelNames = ["bgnbd", "mbgnbd", "paretonbd", "bgbb", "sbg", "gammagamma"];

    private static readonly string[] ColumnKeys = ["customerId", "frequency", "recency", "T", "monetaryValue", "periods", "weights", "period", "alive"];

    private static readonly Dictionary<string, string> DefaultColumns = new(StringComparer.Ordinal)
    {
        ["customerId"] = "customer_id", ["frequency"] = "frequency", ["recency"] = "recency", ["T"] = "T",
        ["monetaryValue"] = "monetaryValue", ["periods"] = "periods", ["weights"] = "weights", ["period"] = "period", ["alive"] = "alive",
    };

    public Option<ClvModelKind> Model { get; } = new("--model", "-m")
    {
        Description = "The model: bgnbd, mbgnbd, paretonbd, bgbb, sbg or gammagamma.",
        Required = true,
        CustomParser = result => CommonOptions.ParseEnum<ClvModelKind>(result, "bgnbd, mbgnbd, paretonbd, bgbb, sbg or gammagamma"),
    };

    public OrderColumns Orders { get; } = new();

    public Option<NodaTime.LocalDate?> CalibrationEnd { get; } =
        CommonOptions.Date("--calibration-end", "End of the calibration period: later orders are left out and T is measured to it (default: the day after the last order).");

    public Option<PurchasePeriod> Period { get; } = CommonOptions.Period();

    public Option<PurchasePeriod> TimeUnit { get; } = new("--time-unit")
    {
        Description = "Time unit of the continuous models when reading orders: day, week (= days / 7, as in the CDNOW literature) or month (= 30.4375 days). Default week.",
        DefaultValueFactory = _ => PurchasePeriod.Week,
        CustomParser = result => CommonOptions.ParseEnum<PurchasePeriod>(result, "day, week or month"),
    };

    public Option<string?> Summary { get; } = new("--summary")
    {
        Description = "CSV of per-customer summaries instead of orders (columns customer_id, frequency, recency, T, monetaryValue; BG/BB: frequency, recency, periods; optional weights).",
    };

    public Option<string?> Columns { get; } = new("--columns")
    {
        Description = "Column names of --summary or --survival as key=column pairs: customerId, frequency, recency, T, monetaryValue, periods, weights, period, alive (e.g. customerId=ID,frequency=x,recency=t_x,monetaryValue=zbar).",
    };

    public Option<string?> Survival { get; } = new("--survival")
    {
        Description = "sBG: CSV of customers alive at the start of each period (columns period, alive; period 0 = the cohort).",
    };

    public Option<int?> CalibrationPeriods { get; } = new("--calibration-periods")
    {
        Description = "sBG: fit on periods 0..N only (the rest is a holdout). Default: every period in the file.",
    };

    public Option<double> Penalty { get; } = new("--penalty")
    {
        Description = "L2 penalty λ on the parameters (objective −LL/N + λ Σθ², as lifetimes' penalizer_coef). Default 0.",
        DefaultValueFactory = _ => 0d,
    };

    private string? sourceName;
    private List<long>? sourceLines;

    /// <summary>Runs a fit or prediction, turning a data error about one row into a positioned message.</summary>
    public T Positioned<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (RetentionDataException e) when (e.Position is { } position && e.Customer is not null)
        {
            if (sourceLines is not null && sourceName is not null && position < sourceLines.Count)
            {
                throw new CsvDataException(sourceName, sourceLines[(int)position], null, $"Customer '{e.Customer}': {e.Reason}");
            }

            throw new RetentionDataException(e.Reason, e.Customer, null);
        }
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        Orders.AddTo(command);
        command.Options.Add(CalibrationEnd);
        command.Options.Add(Period);
        command.Options.Add(TimeUnit);
        command.Options.Add(Summary);
        command.Options.Add(Columns);
        command.Options.Add(Survival);
        command.Options.Add(CalibrationPeriods);
        command.Options.Add(Penalty);
    }

    public LifetimeFitOptions FitOptions(ParseResult parse)
    {
        var penalty = parse.GetValue(Penalty);
        if (!double.IsFinite(penalty) || penalty < 0)
        {
            throw new CliUsageException($"--penalty must be a finite number, 0 or more, not {penalty.ToString(CultureInfo.InvariantCulture)}.");
        }

        return new LifetimeFitOptions { Penalty = penalty };
    }

    /// <summary>Reads the repeat-purchase data for a non-sBG model from --summary or from orders.</summary>
    public RepeatPurchaseData ReadData(ParseResult parse, ClvModelKind model, CliContext context, bool forPeople, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Survival) is not null)
        {
            throw new CliUsageException("--survival is for --model sbg only.");
        }

        if (parse.GetValue(Summary) is { } path)
        {
            if (parse.GetValue(Orders.Input) is not null || parse.GetValue(CalibrationEnd) is not null)
            {
                throw new CliUsageException("Give either --summary or --input/--calibration-end, not both.");
            }

            return ReadSummary(path, model, ColumnMap(parse), out sourceName, out sourceLines);
        }

        var options = new CustomerSummaryOptions
        {
            Period = parse.GetValue(Period), Zone = parse.GetRequiredValue(Orders.Zone), AsOf = parse.GetValue(CalibrationEnd),
        };
        using var progress = context.Progress(forPeople);
        var summaries = SummaryVerb.Summarise(Orders, parse, options, progress, cancellationToken);
        var scale = model == ClvModelKind.BgBb ? 1d : RepeatPurchaseData.PeriodsPerTimeUnit(options.Period, parse.GetValue(TimeUnit));
        return RepeatPurchaseData.FromSummaries(summaries, scale);
    }

    /// <summary>
    /// Splits the orders at --calibration-end for a holdout that ends at <paramref name="holdoutEnd"/>: the calibration
    /// summaries for the fit and each customer's holdout purchases.
    /// </summary>
    public CalibrationHoldoutSplit ReadSplit(
        ParseResult parse, ClvModelKind model, NodaTime.LocalDate holdoutEnd, CliContext context, bool forPeople, CancellationToken cancellationToken)
    {
        if (model is not (ClvModelKind.BgNbd or ClvModelKind.MbgNbd or ClvModelKind.ParetoNbd))
        {
            throw new CliUsageException(HoldoutModelMessage);
        }

        if (parse.GetValue(Summary) is not null || parse.GetValue(Survival) is not null)
        {
            throw new CliUsageException(HoldoutInputMessage);
        }

        if (parse.GetValue(CalibrationEnd) is not { } calibrationEnd)
        {
            throw new CliUsageException(HoldoutCalibrationMessage);
        }

        if (holdoutEnd <= calibrationEnd)
        {
            throw new CliUsageException($"--holdout-end: {LifetimeErrorMessages.HoldoutOrder}");
        }

        var options = new CustomerSummaryOptions { Period = parse.GetValue(Period), Zone = parse.GetRequiredValue(Orders.Zone), AsOf = calibrationEnd };
        using var progress = context.Progress(forPeople);
        var calibration = SummaryVerb.Summarise(Orders, parse, options, progress, cancellationToken);
        var observed = SummaryVerb.Summarise(Orders, parse, options with { AsOf = holdoutEnd }, progress, cancellationToken);
        return CalibrationHoldoutSplit.Create(calibration, observed, RepeatPurchaseData.PeriodsPerTimeUnit(options.Period, parse.GetValue(TimeUnit)));
    }

    /// <summary>The usage error when --holdout-end is given for a model without purchase predictions.</summary>
    public const string HoldoutModelMessage = "--holdout-end compares predicted with actual purchases: use it with --model bgnbd, mbgnbd or paretonbd.";

    /// <summary>The usage error when --holdout-end is given with --summary or --survival.</summary>
    public const string HoldoutInputMessage = "--holdout-end splits an orders log: give --input (or the bundled sample), not --summary or --survival.";

    /// <summary>The usage error when --holdout-end is given without --calibration-end.</summary>
    public const string HoldoutCalibrationMessage = "--holdout-end needs --calibration-end, the last day of the calibration period.";

    /// <summary>Reads sBG survival counts from --survival, cut at --calibration-periods.</summary>
    public long[] ReadSurvival(ParseResult parse)
    {
        var path = parse.GetValue(Survival) ?? throw new CliUsageException("--model sbg needs --survival FILE (columns period, alive).");
        var columns = ColumnMap(parse);
        var last = parse.GetValue(CalibrationPeriods);
        if (last is < 1)
        {
            throw new CliUsageException("--calibration-periods must be at least 1.");
        }

        using var reader = CsvReader.Open(path);
        var periodColumn = reader.Require(columns["period"], "--columns period=...");
        var aliveColumn = reader.Require(columns["alive"], "--columns alive=...");
        var counts = new List<long>();
        var expected = 0L;
        while (reader.Read())
        {
            var period = Whole(reader, periodColumn);
            var alive = Whole(reader, aliveColumn);
            if (period != expected++)
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[periodColumn], $"Expected period {expected - 1} here: periods must run 0, 1, 2, … in order.");
            }

            if (last is { } cut && period > cut)
            {
                continue;
            }

            if (alive < 0 || (counts.Count == 0 ? alive == 0 : alive > counts[^1]))
            {
                throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[aliveColumn], LifetimeErrorMessages.SurvivalCounts);
            }

            counts.Add(alive);
        }

        if (counts.Count < 2)
        {
            throw new CsvDataException(reader.Name, 0, null, LifetimeErrorMessages.SurvivalCounts);
        }

        return [.. counts];
    }

    private static long Whole(CsvReader reader, int column)
    {
        var text = reader.Field(column);
        if (!FieldParsers.TryParseDouble(text, out var value) || value != Math.Floor(value) || Math.Abs(value) > 1e15)
        {
            throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[column], $"{FieldParsers.Show(text)} is not a whole number.");
        }

        return (long)value;
    }

    private Dictionary<string, string> ColumnMap(ParseResult parse)
    {
        var map = new Dictionary<string, string>(DefaultColumns, StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        if (parse.GetValue(Columns) is { } text)
        {
            foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                var key = parts.Length == 2 ? ColumnKeys.FirstOrDefault(k => string.Equals(k, parts[0], StringComparison.OrdinalIgnoreCase)) : null;
                if (key is null || parts[1].Length == 0)
                {
                    throw new CliUsageException($"--columns: '{pair}' is not key=column with a key among {string.Join(", ", ColumnKeys)}.");
                }

                map[key] = parts[1];
                given.Add(key);
            }
        }

        map["@given"] = string.Join(',', given);
        return map;
    }

    private static RepeatPurchaseData ReadSummary(
        string path, ClvModelKind model, Dictionary<string, string> columns, out string name, out List<long> lines)
    {
        var given = columns["@given"].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        using var reader = CsvReader.Open(path);
        int Column(string key) => reader.Require(columns[key], $"--columns {key}=...");
        int Optional(string key) => given.Contains(key) ? Column(key) : reader.IndexOf(columns[key]);
        var id = Optional("customerId");
        var frequency = Column("frequency");
        var recency = Column("recency");
        var age = model == ClvModelKind.BgBb ? Column("periods") : Column("T");
        var monetary = model == ClvModelKind.GammaGamma ? Column("monetaryValue") : Optional("monetaryValue");
        var weights = Optional("weights");
        var rows = new List<RepeatPurchaseSummary>();
        lines = [];
        name = reader.Name;
        while (reader.Read())
        {
            double Number(int column)
            {
                var text = reader.Field(column);
                return FieldParsers.TryParseDouble(text, out var value) ? value
                    : throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[column], $"{FieldParsers.Show(text)} is not a number.");
            }

            var customer = id >= 0 ? reader.FieldText(id).Trim() : $"row {rows.Count + 1}";
            rows.Add(new RepeatPurchaseSummary(customer, Number(frequency), Number(recency), Number(age),
                monetary >= 0 ? Number(monetary) : 0d, weights >= 0 ? Number(weights) : 1d));
            lines.Add(reader.LineNumber);
        }

        try
        {
            return RepeatPurchaseData.Create(rows);
        }
        catch (RetentionDataException e) when (e.Position is { } position)
        {
            throw new CsvDataException(reader.Name, lines[(int)position], null, $"Customer '{e.Customer}': {e.Reason}");
        }
        catch (RetentionDataException e)
        {
            throw new CsvDataException(reader.Name, 0, null, e.Reason);
        }
    }
}
