using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using NodaTime;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention segment</c>: the customers a rule (or each rule of a segment set) selects from events and traits.</summary>
internal static class SegmentVerb
{
    private const string CustomerColumn = "customer_id";
    private const string EventColumn = "event";
    private const string TimeColumn = "timestamp";

    public static Command Create(CliContext context)
    {
        var events = new Option<string>("--events") { Description = "CSV of events: customer_id,event,timestamp then property columns (typed by inference).", Required = true };
        var traits = new Option<string?>("--traits") { Description = "CSV of traits: customer_id then trait columns (typed by inference)." };
        var rule = new Option<string?>("--rule") { Description = "One segment rule, such as \"count(order_completed, last 30 days) >= 2\"." };
        var rules = new Option<string?>("--rules") { Description = "A file of named segments, one `name: rule` per line (a rule may continue on the next lines)." };
        var asOf = CommonOptions.Date("--as-of", "The as-of date A: rules are evaluated at the start of this day in the zone.");
        asOf.Required = true;
        var zone = CommonOptions.Zone();
        var count = new Option<bool>("--count") { Description = "Print audience sizes only." };
        var firstMatch = new Option<bool>("--first-match") { Description = "With --rules, put each customer only in the first segment it matches (default: every segment)." };
        var format = CommonOptions.Format();
        var command = new Command("segment", "Customers matching segment rules over behavioural events and traits, as of a date.");
        foreach (var option in new Option[] { events, traits, rule, rules, asOf, zone, count, firstMatch, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            // The context prints the first line of an error; a rule error goes on with its excerpt and caret.
            var ruleError = new StrongBox<SegmentParseException?>();
            var code = await context.RunAsync((output, token) =>
            {
                var ruleText = parse.GetValue(rule);
                var rulesPath = parse.GetValue(rules);
                if ((ruleText is null) == (rulesPath is null))
                {
                    throw new CliUsageException("Give exactly one of --rule and --rules.");
                }

                var timeZone = parse.GetRequiredValue(zone);
                var date = parse.GetValue(asOf) ?? throw new CliUsageException("--as-of is required.");
                var parsers = new FieldParsers(null, timeZone);
                var eventData = EventFile.Infer(parse.GetRequiredValue(events), parsers, token);
                var traitData = parse.GetValue(traits) is { } traitsPath ? TraitFile.Read(traitsPath, parsers) : null;
                var schema = new SegmentSchema
                {
                    Properties = eventData.Kinds,
                    Traits = traitData?.Kinds ?? new Dictionary<string, SegmentValueKind>(),
                    Events = eventData.EventNames,
                };
                var set = ReadSegments(ruleText, rulesPath, schema, ruleError);
                var options = SegmentOptions.ForDate(date, timeZone) with
                {
                    Assignment = parse.GetValue(firstMatch) ? SegmentAssignmentMode.FirstMatch : SegmentAssignmentMode.AllMatches,
                };
                var assignment = Evaluate(set, options, eventData, traitData, parsers, token);
                Render(assignment, ruleText is not null, parse.GetValue(count), parse.GetValue(format), output);
                return ValueTask.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            if (ruleError.Value is { } error)
            {
                await context.Error.WriteLineAsync(RestOfMessage(error)).ConfigureAwait(false);
            }

            return code;
        });
        return command;
    }

    /// <summary>The lines of a rule error after its heading: the source excerpt and the caret under the column.</summary>
    internal static string RestOfMessage(SegmentParseException error)
    {
        var message = error.Message.ReplaceLineEndings("\n");
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? string.Empty : message[(newline + 1)..];
    }

    private static SegmentSet ReadSegments(string? ruleText, string? rulesPath, SegmentSchema schema, StrongBox<SegmentParseException?> ruleError)
    {
        try
        {
            if (ruleText is not null)
            {
                return SegmentSet.FromRule(SegmentRule.Parse(ruleText, schema));
            }

            string text;
            try
            {
                text = File.ReadAllText(rulesPath!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"{rulesPath}: the rules file cannot be read: {e.Message}");
            }

            return SegmentSet.Parse(text, schema);
        }
        catch (SegmentParseException e)
        {
            ruleError.Value = e;
            var first = e.Message.Split('\n')[0];
            throw new CliUsageException($"{(ruleText is null ? rulesPath : "--rule")}: {first}");
        }
    }

    private static SegmentAssignment<string> Evaluate(
        SegmentSet set, SegmentOptions options, EventFile events, TraitFile? traits, FieldParsers parsers, CancellationToken cancellationToken)
    {
        var accumulator = new SegmentAccumulator<string>(set, options);
        if (traits is not null)
        {
            foreach (var (customer, line, values) in traits.Rows)
            {
                try
                {
                    accumulator.AddCustomer(customer);
                    for (var i = 0; i < values.Length; i++)
                    {
                        accumulator.AddTrait(customer, traits.Names[i], values[i]);
                    }
                }
                catch (RetentionDataException e)
                {
                    throw new CsvDataException(traits.Path, line, null, e.Reason);
                }
            }
        }

        events.ReadInto(accumulator, parsers, options.Zone, cancellationToken);
        try
        {
            return accumulator.ToAssignment();
        }
        catch (RetentionDataException e)
        {
            throw new CsvDataException(events.Path, 0, null, $"Customer '{e.Customer}': {e.Reason}");
        }
    }

    private static void Render(SegmentAssignment<string> assignment, bool single, bool countOnly, OutputFormat format, TextWriter output)
    {
        var names = assignment.Segments.Select(s => s.Name).ToArray();
        var members = names.Select((_, i) => assignment.MembersOf(i).Order(CustomerIdComparer.Instance).ToArray()).ToArray();
        if (format == OutputFormat.Json)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                if (single && !countOnly)
                {
                    WriteIds(json, members[0]);
                }
                else if (single)
                {
                    json.WriteStartObject();
                    json.WriteNumber("size", members[0].Length);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteStartObject();
                    for (var s = 0; s < names.Length; s++)
                    {
                        json.WriteStartObject(names[s]);
                        json.WriteNumber("size", members[s].Length);
                        if (!countOnly)
                        {
                            json.WritePropertyName("customers");
                            WriteIds(json, members[s]);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }
            }

            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        ResultTable table;
        if (countOnly)
        {
            table = new ResultTable(["segment", "size"]);
            for (var s = 0; s < names.Length; s++)
            {
                table.Add(names[s], members[s].Length);
            }
        }
        else if (single)
        {
            table = new ResultTable(["customerId"]);
            foreach (var id in members[0])
            {
                table.Add(id);
            }
        }
        else
        {
            table = new ResultTable(["segment", "customerId"]);
            for (var s = 0; s < names.Length; s++)
            {
                foreach (var id in members[s])
                {
                    table.Add(names[s], id);
                }
            }
        }

        TableRenderer.Write(table, format, output);
        if (format == OutputFormat.Table)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{assignment.Customers.Count:N0} customers from {assignment.EventsRead:N0} events; {string.Join(", ", names.Select((n, i) => $"{n}: {members[i].Length:N0}"))}."));
        }
    }

    private static void WriteIds(Utf8JsonWriter json, string[] ids)
    {
        json.WriteStartArray();
        foreach (var id in ids)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
    }

    /// <summary>Infers a column's kind from its non-empty cells: number, boolean, date/instant, else string.</summary>
    internal sealed class ColumnKind
    {
        private bool allNumbers = true;
        private bool allBooleans = true;
        private bool allTimes = true;
        private bool anyValue;

        public void See(ReadOnlySpan<byte> cell, FieldParsers parsers)
        {
            cell = FieldParsers.Trim(cell);
            if (cell.IsEmpty)
            {
                return;
            }

            anyValue = true;
            allNumbers = allNumbers && FieldParsers.TryParseDecimal(cell, out _);
            allBooleans = allBooleans && IsBoolean(cell, out _);
            allTimes = allTimes && parsers.TryParseTime(cell, out _);
        }

        public SegmentValueKind Kind =>
            !anyValue ? SegmentValueKind.Missing
            : allNumbers ? SegmentValueKind.Number
            : allBooleans ? SegmentValueKind.Boolean
            : allTimes ? SegmentValueKind.Instant
            : SegmentValueKind.String;

        public static bool IsBoolean(ReadOnlySpan<byte> cell, out bool value)
        {
            value = Ascii.EqualsIgnoreCase(cell, "true"u8);
            return value || Ascii.EqualsIgnoreCase(cell, "false"u8);
        }

        public static SegmentValue Value(ReadOnlySpan<byte> cell, SegmentValueKind kind, FieldParsers parsers)
        {
            cell = FieldParsers.Trim(cell);
            if (cell.IsEmpty)
            {
                return SegmentValue.Missing;
            }

            switch (kind)
            {
                case SegmentValueKind.Number:
                    FieldParsers.TryParseDecimal(cell, out var number);
                    return SegmentValue.FromNumber(number);
                case SegmentValueKind.Boolean:
                    IsBoolean(cell, out var flag);
                    return SegmentValue.FromBoolean(flag);
                case SegmentValueKind.Instant:
                    parsers.TryParseTime(cell, out var time);
                    return time.IsInstant ? SegmentValue.FromInstant(time.Instant) : SegmentValue.FromDate(time.Date);
                default:
                    return SegmentValue.FromString(Encoding.UTF8.GetString(cell));
            }
        }
    }

    /// <summary>The events of a CSV file, read in two passes: the kinds of the property columns first, then the rows into an accumulator.</summary>
    internal sealed class EventFile
    {
        private int[] propertyColumns = [];
        private ColumnKind[] kinds = [];

        public required string Path { get; init; }

        public Dictionary<string, SegmentValueKind> Kinds { get; } = new(StringComparer.Ordinal);

        /// <summary>The distinct event names in the file, so rules naming another event fail with a suggestion.</summary>
        public HashSet<string> EventNames { get; } = new(StringComparer.Ordinal);

        private Dictionary<string, int> PropertyIndex { get; } = new(StringComparer.Ordinal);

        public static EventFile Infer(string path, FieldParsers parsers, CancellationToken cancellationToken)
        {
            var file = new EventFile { Path = path };
            using var reader = CsvReader.Open(path);
            var fixedColumns = new[] { reader.Require(CustomerColumn, "--events"), reader.Require(EventColumn, "--events"), reader.Require(TimeColumn, "--events") };
            file.propertyColumns = [.. Enumerable.Range(0, reader.Header.Count).Where(i => !fixedColumns.Contains(i))];
            file.kinds = [.. file.propertyColumns.Select(_ => new ColumnKind())];
            var names = new Utf8StringPool();
            var rows = 0L;
            while (reader.Read())
            {
                var eventName = FieldParsers.Trim(reader.Field(fixedColumns[1]));
                if (!eventName.IsEmpty)
                {
                    file.EventNames.Add(names.Get(eventName));
                }

                for (var p = 0; p < file.propertyColumns.Length; p++)
                {
                    if (file.propertyColumns[p] < reader.FieldCount)
                    {
                        file.kinds[p].See(reader[file.propertyColumns[p]], parsers);
                    }
                }

                if (++rows % 65_536 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            for (var p = 0; p < file.propertyColumns.Length; p++)
            {
                file.Kinds[reader.Header[file.propertyColumns[p]]] = file.kinds[p].Kind;
                file.PropertyIndex[reader.Header[file.propertyColumns[p]]] = p;
            }

            return file;
        }

        public void ReadInto(SegmentAccumulator<string> accumulator, FieldParsers parsers, DateTimeZone zone, CancellationToken cancellationToken)
        {
            using var reader = CsvReader.Open(Path);
            var customer = reader.Require(CustomerColumn, "--events");
            var name = reader.Require(EventColumn, "--events");
            var time = reader.Require(TimeColumn, "--events");
            var customers = new Utf8StringPool();
            var names = new Utf8StringPool();
            var values = new SegmentValue[propertyColumns.Length];
            var index = PropertyIndex;
            var rows = 0L;
            while (reader.Read())
            {
                var id = FieldParsers.Trim(reader.Field(customer));
                if (id.IsEmpty)
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[customer], "The customer id is empty.");
                }

                var eventName = FieldParsers.Trim(reader.Field(name));
                if (eventName.IsEmpty)
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[name], "The event name is empty.");
                }

                var timeText = reader.Field(time);
                if (!parsers.TryParseTime(timeText, out var when))
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[time], $"{FieldParsers.Show(timeText)} is not a date or instant (expected yyyy-MM-dd or an ISO instant).");
                }

                for (var p = 0; p < propertyColumns.Length; p++)
                {
                    values[p] = propertyColumns[p] < reader.FieldCount ? ColumnKind.Value(reader[propertyColumns[p]], kinds[p].Kind, parsers) : SegmentValue.Missing;
                }

                try
                {
                    accumulator.AddEvent(customers.Get(id), names.Get(eventName), when.IsInstant ? when.Instant : when.Date.AtStartOfDayInZone(zone).ToInstant(),
                        values, (row, property) => index.TryGetValue(property, out var column) ? row[column] : SegmentValue.Missing);
                }
                catch (RetentionDataException e)
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, null, e.Reason);
                }

                if (++rows % 65_536 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
    }

    /// <summary>The traits of a CSV file: one row per customer, typed columns.</summary>
    internal sealed class TraitFile
    {
        public required string Path { get; init; }

        public required string[] Names { get; init; }

        public Dictionary<string, SegmentValueKind> Kinds { get; } = new(StringComparer.Ordinal);

        public List<(string Customer, long Line, SegmentValue[] Values)> Rows { get; } = [];

        public static TraitFile Read(string path, FieldParsers parsers)
        {
            var cells = new List<(string Customer, long Line, byte[][] Cells)>();
            string[] names;
            int[] columns;
            using (var reader = CsvReader.Open(path))
            {
                var customer = reader.Require(CustomerColumn, "--traits");
                columns = [.. Enumerable.Range(0, reader.Header.Count).Where(i => i != customer)];
                names = [.. columns.Select(i => reader.Header[i])];
                while (reader.Read())
                {
                    var id = FieldParsers.Trim(reader.Field(customer));
                    if (id.IsEmpty)
                    {
                        throw new CsvDataException(reader.Name, reader.LineNumber, reader.Header[customer], "The customer id is empty.");
                    }

                    cells.Add((Encoding.UTF8.GetString(id), reader.LineNumber, [.. columns.Select(c => c < reader.FieldCount ? reader[c].ToArray() : [])]));
                }
            }

            var kinds = names.Select(_ => new ColumnKind()).ToArray();
            foreach (var row in cells)
            {
                for (var i = 0; i < names.Length; i++)
                {
                    kinds[i].See(row.Cells[i], parsers);
                }
            }

            var file = new TraitFile { Path = path, Names = names };
            for (var i = 0; i < names.Length; i++)
            {
                file.Kinds[names[i]] = kinds[i].Kind;
            }

            foreach (var row in cells)
            {
                file.Rows.Add((row.Customer, row.Line, [.. row.Cells.Select((c, i) => ColumnKind.Value(c, kinds[i].Kind, parsers))]));
            }

            return file;
        }
    }
}
