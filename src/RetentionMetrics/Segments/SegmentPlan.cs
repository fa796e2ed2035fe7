using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Segments;

/// <summary>SQL three-valued truth.</summary>
internal enum Truth : byte
{
    False = 0,
    True = 1,
    Unknown = 2,
}

/// <summary>What one per-customer aggregate slot keeps.</summary>
internal enum StorageKind
{
    Count,
    Sum,
    Average,
    Minimum,
    Maximum,
    FirstTime,
    LastTime,
    FirstValue,
    LastValue,
}

/// <summary>
/// The per-customer state of an accumulator that does not fit a row of longs (values that may be text, and traits),
/// laid out customer-major with a fixed stride each. Counters, times and sums live in the customer's row.
/// </summary>
internal sealed class SegmentState
{
    public SegmentValue[] Values = [];
    public SegmentValue[] Traits = [];
}

/// <summary>The customer being evaluated (or the event being filtered) and where its state lives.</summary>
internal sealed class EvaluationFrame(SegmentPlan plan, SegmentState state)
{
    public SegmentPlan Plan { get; } = plan;

    public SegmentState State { get; } = state;

    public int Index;

    /// <summary>A copy of the customer's row of counters, times and sums (see <see cref="SegmentPlan.RowLongs"/>).</summary>
    public long[] Row = [];

    public SegmentValue[] Properties = [];

    /// <summary>Names the customer at an index, for error messages only (so keys are never boxed on the hot path).</summary>
    public Func<int, string>? Describe;

    public string CustomerText => Describe?.Invoke(Index) ?? string.Empty;
}

/// <summary>One aggregate slot: which events feed it, how, and where it is stored.</summary>
internal sealed class Storage
{
    public StorageKind Kind;
    public int PropertySlot = -1;
    public string? PropertyName;
    public Func<EvaluationFrame, Truth>? Filter;
    public long From = long.MinValue;
    public long To = long.MaxValue;
    public int LongOffset = -1;
    public int DecimalOffset = -1;
    public int ValueOffset = -1;
    public string Description = string.Empty;

    /// <summary>Where the counter or time lives in the row (in longs), or -1.</summary>
    public int RowOffset = -1;

    /// <summary>Where the decimal sum lives in the row (two longs), or -1.</summary>
    public int SumOffset = -1;
}

/// <summary>One aggregate update, flattened for the hot loop: the window as instant bounds, the row offsets, the filter.</summary>
internal readonly struct SlotOperation(Storage storage)
{
    public readonly long From = storage.From;
    public readonly long To = storage.To;
    public readonly StorageKind Kind = storage.Kind;
    public readonly int PropertySlot = storage.PropertySlot;
    public readonly int RowOffset = storage.RowOffset;
    public readonly int SumOffset = storage.SumOffset;
    public readonly int ValueOffset = storage.ValueOffset;
    public readonly Func<EvaluationFrame, Truth>? Filter = storage.Filter;
    public readonly Storage Storage = storage;
}

/// <summary>What to do with an event of one name: which properties to read and which slots to update.</summary>
internal sealed class EventPlan(string name)
{
    public string Name { get; } = name;

    public List<string> Properties { get; } = [];

    public List<Storage> Storages { get; } = [];

    public Storage[] StorageArray { get; set; } = [];

    /// <summary>The updates an event of this name makes, in order.</summary>
    public SlotOperation[] Operations { get; set; } = [];

    /// <summary>The property names to read from an event of this name, by slot.</summary>
    public string[] PropertyArray { get; set; } = [];

    public int PropertySlot(string property)
    {
        var index = Properties.IndexOf(property);
        if (index < 0)
        {
            Properties.Add(property);
            index = Properties.Count - 1;
        }

        return index;
    }
}

/// <summary>
/// A segment set compiled for one as-of instant and zone: the aggregates the rules need (each once), the traits
/// they read, and each rule as a tree of delegates over a customer's state. Immutable after construction and
/// shared by accumulators; evaluation state lives in the frame, so a plan is thread-safe.
/// </summary>
internal sealed class SegmentPlan
{
    private readonly Dictionary<string, Storage> storageByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> traitSlots = new(StringComparer.Ordinal);
    private readonly Dictionary<SegmentDuration, long> thresholds = [];
    private readonly Dictionary<string, int> eventIds = new(StringComparer.Ordinal);

    public SegmentPlan(SegmentSet set, SegmentOptions options)
    {
        Set = set;
        Options = options;
        AsOfTicks = options.AsOf.ToUnixTimeTicks();
        Zone = options.Zone;
        Rules = [.. set.Select(s => CompileCondition(s.Rule.Condition, null))];
        EventPlans = Events.Values.ToArray();

        // The row: decimal sums first (two longs each, so they stay 8-byte aligned), then counters and times.
        foreach (var storage in Storages)
        {
            if (storage.DecimalOffset >= 0)
            {
                storage.SumOffset = 2 * storage.DecimalOffset;
            }

            if (storage.LongOffset >= 0)
            {
                storage.RowOffset = (2 * DecimalStride) + storage.LongOffset;
            }
        }

        RowLongs = (2 * DecimalStride) + LongStride;
        for (var e = 0; e < EventPlans.Length; e++)
        {
            var eventPlan = EventPlans[e];
            eventPlan.StorageArray = [.. eventPlan.Storages];
            eventPlan.Operations = [.. eventPlan.Storages.Select(s => new SlotOperation(s))];
            eventPlan.PropertyArray = [.. eventPlan.Properties];
            eventIds[eventPlan.Name] = e;
        }
    }

    /// <summary>The longs in a customer's row: two per sum, one per counter or time.</summary>
    public int RowLongs { get; }

    /// <summary>The small integer of an event name the rules read (an index into <see cref="EventPlans"/>), or -1.</summary>
    public int EventId(string eventName) => eventIds.TryGetValue(eventName, out var id) ? id : -1;

    public SegmentSet Set { get; }

    public SegmentOptions Options { get; }

    public long AsOfTicks { get; }

    public DateTimeZone Zone { get; }

    public Func<EvaluationFrame, Truth>[] Rules { get; }

    public Dictionary<string, EventPlan> Events { get; } = new(StringComparer.Ordinal);

    public EventPlan[] EventPlans { get; }

    public List<Storage> Storages { get; } = [];

    public List<string> TraitNames { get; } = [];

    public int LongStride { get; private set; }

    public int DecimalStride { get; private set; }

    public int ValueStride { get; private set; }

    public int TraitStride => TraitNames.Count;

    public int TraitSlot(string name) => traitSlots.TryGetValue(name, out var slot) ? slot : -1;

    /// <summary>The instant A − N, with N subtracted from A's local date-time in the zone (months clamp to month ends).</summary>
    public long Threshold(SegmentDuration duration)
    {
        if (thresholds.TryGetValue(duration, out var ticks))
        {
            return ticks;
        }

        var local = Options.AsOf.InZone(Zone).LocalDateTime;
        try
        {
            var back = duration.Unit switch
            {
                SegmentDurationUnit.Days => local.PlusDays(-duration.Count),
                SegmentDurationUnit.Weeks => local.PlusWeeks(-duration.Count),
                _ => local.PlusMonths(-duration.Count),
            };
            ticks = back.InZoneLeniently(Zone).ToInstant().ToUnixTimeTicks();
        }
        catch (ArgumentException)
        {
            ticks = long.MinValue;
        }
        catch (OverflowException)
        {
            ticks = long.MinValue;
        }

        thresholds[duration] = ticks;
        return ticks;
    }

    private long StartOfDay(LocalDate date)
    {
        try
        {
            return date.AtStartOfDayInZone(Zone).ToInstant().ToUnixTimeTicks();
        }
        catch (ArgumentOutOfRangeException)
        {
            return date.Year < 0 ? long.MinValue : long.MaxValue;
        }
    }

    private Func<EvaluationFrame, Truth> CompileCondition(SegmentCondition condition, EventPlan? scope)
    {
        switch (condition)
        {
            case AndCondition and:
            {
                var parts = and.Operands.Select(o => CompileCondition(o, scope)).ToArray();
                return frame =>
                {
                    var result = Truth.True;
                    foreach (var part in parts)
                    {
                        var value = part(frame);
                        if (value == Truth.False)
                        {
                            return Truth.False;
                        }

                        if (value == Truth.Unknown)
                        {
                            result = Truth.Unknown;
                        }
                    }

                    return result;
                };
            }

            case OrCondition or:
            {
                var parts = or.Operands.Select(o => CompileCondition(o, scope)).ToArray();
                return frame =>
                {
                    var result = Truth.False;
                    foreach (var part in parts)
                    {
                        var value = part(frame);
                        if (value == Truth.True)
                        {
                            return Truth.True;
                        }

                        if (value == Truth.Unknown)
                        {
                            result = Truth.Unknown;
                        }
                    }

                    return result;
                };
            }

            case NotCondition not:
            {
                var inner = CompileCondition(not.Operand, scope);
                return frame => inner(frame) switch
                {
                    Truth.True => Truth.False,
                    Truth.False => Truth.True,
                    _ => Truth.Unknown,
                };
            }

            case ComparisonCondition comparison:
            {
                var left = CompileOperand(comparison.Left, scope);
                var right = CompileOperand(comparison.Right, scope);
                var op = comparison.Operator;
                var text = comparison.ToString();
                return frame =>
                {
                    var a = left(frame);
                    var b = right(frame);
                    if (a.IsMissing || b.IsMissing)
                    {
                        return Truth.Unknown;
                    }

                    return Holds(op, Compare(a, b, frame, text));
                };
            }

            case InCondition @in:
            {
                var operand = CompileOperand(@in.Operand, scope);
                var values = @in.Values.Select(v => Constant(v.Value)).ToArray();
                var negated = @in.Negated;
                var text = @in.ToString();
                return frame =>
                {
                    var a = operand(frame);
                    if (a.IsMissing)
                    {
                        return Truth.Unknown;
                    }

                    foreach (var value in values)
                    {
                        if (Compare(a, value, frame, text) == 0)
                        {
                            return negated ? Truth.False : Truth.True;
                        }
                    }

                    return negated ? Truth.True : Truth.False;
                };
            }

            case BetweenCondition between:
            {
                var operand = CompileOperand(between.Operand, scope);
                var low = CompileOperand(between.Low, scope);
                var high = CompileOperand(between.High, scope);
                var negated = between.Negated;
                var text = between.ToString();
                return frame =>
                {
                    var a = operand(frame);
                    var lo = low(frame);
                    var hi = high(frame);
                    var atLeast = a.IsMissing || lo.IsMissing ? Truth.Unknown : Compare(a, lo, frame, text) >= 0 ? Truth.True : Truth.False;
                    var atMost = a.IsMissing || hi.IsMissing ? Truth.Unknown : Compare(a, hi, frame, text) <= 0 ? Truth.True : Truth.False;
                    var both = atLeast == Truth.False || atMost == Truth.False ? Truth.False
                        : atLeast == Truth.Unknown || atMost == Truth.Unknown ? Truth.Unknown : Truth.True;
                    return !negated || both == Truth.Unknown ? both : both == Truth.True ? Truth.False : Truth.True;
                };
            }

            case NullCondition isNull:
            {
                var operand = CompileOperand(isNull.Operand, scope);
                var negated = isNull.Negated;
                return frame => operand(frame).IsMissing != negated ? Truth.True : Truth.False;
            }

            case AgoCondition ago:
            {
                var operand = CompileOperand(ago.Operand, scope);
                var threshold = Threshold(ago.Duration);
                var text = ago.ToString();
                return frame =>
                {
                    var a = operand(frame);
                    return a.IsMissing ? Truth.Unknown : TimeOf(a, frame, text) < threshold ? Truth.True : Truth.False;
                };
            }

            case WithinCondition within:
            {
                var operand = CompileOperand(within.Operand, scope);
                var threshold = Threshold(within.Duration);
                var text = within.ToString();
                return frame =>
                {
                    var a = operand(frame);
                    return a.IsMissing ? Truth.Unknown : TimeOf(a, frame, text) >= threshold ? Truth.True : Truth.False;
                };
            }

            case TestCondition test:
            {
                var operand = CompileOperand(test.Operand, scope);
                var text = test.ToString();
                return frame =>
                {
                    var a = operand(frame);
                    if (a.IsMissing)
                    {
                        return Truth.Unknown;
                    }

                    if (a.Kind != SegmentValueKind.Boolean)
                    {
                        throw KindError(frame, text, a.Kind, "a boolean");
                    }

                    return a.Boolean ? Truth.True : Truth.False;
                };
            }

            default:
                throw new ArgumentException($"Unknown condition type {condition.GetType().Name}.", nameof(condition));
        }
    }

    private SegmentValue Constant(SegmentValue value) =>
        value.Kind == SegmentValueKind.Date ? SegmentValue.FromInstant(Instant.FromUnixTimeTicks(StartOfDay(value.Date))) : value;

    private Func<EvaluationFrame, SegmentValue> CompileOperand(SegmentOperand operand, EventPlan? scope)
    {
        switch (operand)
        {
            case LiteralOperand literal:
            {
                var value = Constant(literal.Value);
                return _ => value;
            }

            case FieldOperand field when scope is null:
            {
                if (!traitSlots.TryGetValue(field.Name, out var slot))
                {
                    slot = TraitNames.Count;
                    TraitNames.Add(field.Name);
                    traitSlots[field.Name] = slot;
                }

                return frame => frame.State.Traits[(frame.Index * frame.Plan.TraitStride) + slot];
            }

            case FieldOperand field:
            {
                var slot = scope.PropertySlot(field.Name);
                return frame => frame.Properties[slot];
            }

            case AggregateOperand aggregate:
                return CompileAggregate(aggregate);
            default:
                throw new ArgumentException($"Unknown operand type {operand.GetType().Name}.", nameof(operand));
        }
    }

    private Func<EvaluationFrame, SegmentValue> CompileAggregate(AggregateOperand aggregate)
    {
        var kind = aggregate.Function switch
        {
            AggregateFunction.Count or AggregateFunction.Exists => StorageKind.Count,
            AggregateFunction.Sum => StorageKind.Sum,
            AggregateFunction.Avg => StorageKind.Average,
            AggregateFunction.Min => StorageKind.Minimum,
            AggregateFunction.Max => StorageKind.Maximum,
            AggregateFunction.First => aggregate.Property is null ? StorageKind.FirstTime : StorageKind.FirstValue,
            _ => aggregate.Property is null ? StorageKind.LastTime : StorageKind.LastValue,
        };
        var storage = StorageFor(kind, aggregate);
        switch (aggregate.Function)
        {
            // The row offsets are fixed only when the whole set is compiled, so the readers look them up on the storage.
            case AggregateFunction.Count:
                return frame => SegmentValue.FromNumber((decimal)frame.Row[storage.RowOffset]);

            case AggregateFunction.Exists:
                return frame => SegmentValue.FromBoolean(frame.Row[storage.RowOffset] > 0);

            case AggregateFunction.Sum:
                return frame => SegmentValue.FromNumber(SumAt(frame.Row, storage.SumOffset));

            case AggregateFunction.Avg:
                return frame =>
                {
                    var n = frame.Row[storage.RowOffset];
                    return n == 0 ? SegmentValue.Missing : SegmentValue.FromNumber(SumAt(frame.Row, storage.SumOffset) / n);
                };

            case AggregateFunction.Min or AggregateFunction.Max:
            {
                var offset = storage.ValueOffset;
                return frame => frame.State.Values[(frame.Index * frame.Plan.ValueStride) + offset];
            }

            default:
                if (aggregate.Property is null)
                {
                    var none = kind == StorageKind.FirstTime ? long.MaxValue : long.MinValue;
                    return frame =>
                    {
                        var ticks = frame.Row[storage.RowOffset];
                        return ticks == none ? SegmentValue.Missing : SegmentValue.FromInstant(Instant.FromUnixTimeTicks(ticks));
                    };
                }
                else
                {
                    var offset = storage.ValueOffset;
                    return frame => frame.State.Values[(frame.Index * frame.Plan.ValueStride) + offset];
                }
        }
    }

    private Storage StorageFor(StorageKind kind, AggregateOperand aggregate)
    {
        var key = string.Join('\u0001', kind, aggregate.EventName, aggregate.Property ?? string.Empty,
            aggregate.Filter?.ToString() ?? string.Empty, aggregate.Window?.ToString() ?? string.Empty);
        if (storageByKey.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (!Events.TryGetValue(aggregate.EventName, out var eventPlan))
        {
            eventPlan = new EventPlan(aggregate.EventName);
            Events[aggregate.EventName] = eventPlan;
        }

        var storage = new Storage { Kind = kind, Description = aggregate.ToString(), PropertyName = aggregate.Property };
        if (aggregate.Property is { } property)
        {
            storage.PropertySlot = eventPlan.PropertySlot(property);
        }

        if (aggregate.Filter is { } filter)
        {
            storage.Filter = CompileCondition(filter, eventPlan);
        }

        switch (aggregate.Window)
        {
            case RelativeWindow relative:
                storage.From = Threshold(relative.Duration);
                break;
            case DateRangeWindow range:
                storage.From = StartOfDay(range.From);
                storage.To = range.To == LocalDate.MaxIsoValue ? long.MaxValue : StartOfDay(range.To.PlusDays(1));
                break;
        }

        switch (kind)
        {
            case StorageKind.Count or StorageKind.FirstTime or StorageKind.LastTime:
                storage.LongOffset = LongStride++;
                break;
            case StorageKind.Sum:
                storage.DecimalOffset = DecimalStride++;
                break;
            case StorageKind.Average:
                storage.DecimalOffset = DecimalStride++;
                storage.LongOffset = LongStride++;
                break;
            case StorageKind.Minimum or StorageKind.Maximum:
                storage.ValueOffset = ValueStride++;
                break;
            default:
                storage.LongOffset = LongStride++;
                storage.ValueOffset = ValueStride++;
                break;
        }

        storageByKey[key] = storage;
        Storages.Add(storage);
        eventPlan.Storages.Add(storage);
        return storage;
    }

    /// <summary>The decimal sum stored in two longs of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref decimal SumAt(Span<long> row, int offset) => ref Unsafe.As<long, decimal>(ref row[offset]);

    private static decimal SumAt(long[] row, int offset) => Unsafe.As<long, decimal>(ref row[offset]);

    private static Truth Holds(ComparisonOperator op, int comparison) =>
        (op switch
        {
            ComparisonOperator.Equal => comparison == 0,
            ComparisonOperator.NotEqual => comparison != 0,
            ComparisonOperator.Less => comparison < 0,
            ComparisonOperator.LessOrEqual => comparison <= 0,
            ComparisonOperator.Greater => comparison > 0,
            _ => comparison >= 0,
        }) ? Truth.True : Truth.False;

    /// <summary>Compares two present values of compatible kinds; a kind clash found only now is a data error.</summary>
    internal static int Compare(SegmentValue a, SegmentValue b, EvaluationFrame frame, string text)
    {
        if (a.IsTime && b.IsTime)
        {
            return a.TimeTicks(frame.Plan.Zone).CompareTo(b.TimeTicks(frame.Plan.Zone));
        }

        if (a.Kind != b.Kind)
        {
            throw KindError(frame, text, a.Kind, Describe(b.Kind));
        }

        return a.Kind switch
        {
            SegmentValueKind.Number => a.RawNumber.CompareTo(b.RawNumber),
            SegmentValueKind.String => string.CompareOrdinal(a.RawText, b.RawText),
            _ => a.RawBits.CompareTo(b.RawBits),
        };
    }

    private static long TimeOf(SegmentValue value, EvaluationFrame frame, string text) =>
        value.IsTime ? value.TimeTicks(frame.Plan.Zone) : throw KindError(frame, text, value.Kind, "a date");

    internal static string Describe(SegmentValueKind kind) => kind switch
    {
        SegmentValueKind.Number => "a number",
        SegmentValueKind.String => "a string",
        SegmentValueKind.Boolean => "a boolean",
        SegmentValueKind.Date => "a date",
        SegmentValueKind.Instant => "an instant",
        _ => "nothing",
    };

    internal static RetentionDataException KindError(EvaluationFrame frame, string text, SegmentValueKind found, string wanted) =>
        new(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.ValueKindAtEvaluation, SegmentLexer.Show(text), Describe(found), wanted), frame.CustomerText, null);
}
