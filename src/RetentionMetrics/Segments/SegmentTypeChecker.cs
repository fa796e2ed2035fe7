using System.Globalization;
using System.Runtime.CompilerServices;
using RetentionMetrics.Segments.Syntax;

namespace RetentionMetrics.Segments;

/// <summary>The kind of value an operand has at compile time.</summary>
internal enum ValueType
{
    Unknown,
    Number,
    String,
    Boolean,
    Time,
}

/// <summary>
/// Checks a syntax tree against value kinds: what may be compared with what, what needs a time, what is a condition.
/// Names without a schema kind get the kind of their first constrained use; a later different use is an error.
/// </summary>
internal sealed class SegmentTypeChecker
{
    private readonly string source;
    private readonly SegmentSchema schema;
    private readonly Dictionary<string, (ValueType Type, string Shown)> variables = new(StringComparer.Ordinal);

    private SegmentTypeChecker(string source, SegmentSchema schema)
    {
        this.source = source;
        this.schema = schema;
    }

    /// <summary>Checks <paramref name="condition"/>; returns the kind each trait is used as.</summary>
    public static IReadOnlyDictionary<string, ValueType> Check(SegmentCondition condition, string source, SegmentSchema schema)
    {
        var checker = new SegmentTypeChecker(source, schema);
        checker.CheckCondition(condition, null);
        return checker.variables
            .Where(v => v.Key.StartsWith("trait:", StringComparison.Ordinal))
            .ToDictionary(v => v.Key[6..], v => v.Value.Type, StringComparer.Ordinal);
    }

    internal static ValueType TypeOf(SegmentValueKind kind) => kind switch
    {
        SegmentValueKind.Number => ValueType.Number,
        SegmentValueKind.String => ValueType.String,
        SegmentValueKind.Boolean => ValueType.Boolean,
        SegmentValueKind.Date or SegmentValueKind.Instant => ValueType.Time,
        _ => ValueType.Unknown,
    };

    internal static string Describe(ValueType type) => type switch
    {
        ValueType.Number => "a number",
        ValueType.String => "a string",
        ValueType.Boolean => "a boolean",
        ValueType.Time => "a date",
        _ => "a value of any kind",
    };

    private SegmentParseException Error(SegmentNode at, string reason, string? suggestion = null, IReadOnlyList<string>? expected = null) =>
        new(reason, source, at.Position.Offset, at.Position.Line, at.Position.Column, expected ?? [], suggestion, false);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private void CheckCondition(SegmentCondition condition, string? eventName)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (condition)
        {
            case AndCondition and:
                foreach (var operand in and.Operands)
                {
                    CheckCondition(operand, eventName);
                }

                break;
            case OrCondition or:
                foreach (var operand in or.Operands)
                {
                    CheckCondition(operand, eventName);
                }

                break;
            case NotCondition not:
                CheckCondition(not.Operand, eventName);
                break;
            case ComparisonCondition comparison:
                var unified = Unify(comparison.Left, comparison.Right, eventName, comparison.Right);
                if (unified == ValueType.Boolean && comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
                {
                    throw Error(comparison.Right, Format(SegmentErrorMessages.BooleanOrdering, "`" + SegmentPrinter.Symbol(comparison.Operator) + "`"));
                }

                break;
            case InCondition @in:
                foreach (var value in @in.Values)
                {
                    Unify(@in.Operand, value, eventName, value);
                }

                break;
            case BetweenCondition between:
                var low = Unify(between.Operand, between.Low, eventName, between.Low);
                var high = Unify(between.Operand, between.High, eventName, between.High);
                if (low == ValueType.Boolean || high == ValueType.Boolean)
                {
                    throw Error(between.Low, Format(SegmentErrorMessages.BooleanOrdering, "`between`"));
                }

                break;
            case NullCondition isNull:
                TypeOf(isNull.Operand, eventName);
                break;
            case AgoCondition ago:
                Require(ago.Operand, ValueType.Time, eventName, "`more than ... ago`");
                break;
            case WithinCondition within:
                Require(within.Operand, ValueType.Time, eventName, "`within last`");
                break;
            case TestCondition test:
                var (type, variable) = TypeOf(test.Operand, eventName);
                if (variable is not null)
                {
                    Bind(variable, ValueType.Boolean, test.Operand);
                }
                else if (type != ValueType.Boolean)
                {
                    throw Error(test.Operand, Format(SegmentErrorMessages.NotACondition, Describe(type)), null, [SegmentErrorMessages.ExpectedCondition]);
                }

                break;
            default:
                throw new ArgumentException($"Unknown condition type {condition.GetType().Name}.", nameof(condition));
        }
    }

    private void Require(SegmentOperand operand, ValueType wanted, string? eventName, string what)
    {
        var (type, variable) = TypeOf(operand, eventName);
        if (variable is not null)
        {
            Bind(variable, wanted, operand);
        }
        else if (type != wanted)
        {
            throw Error(operand, Format(SegmentErrorMessages.NotATime, what, Describe(type)));
        }
    }

    private ValueType Unify(SegmentOperand left, SegmentOperand right, string? eventName, SegmentNode at)
    {
        var (leftType, leftVariable) = TypeOf(left, eventName);
        var (rightType, rightVariable) = TypeOf(right, eventName);
        if (leftType != ValueType.Unknown && rightType != ValueType.Unknown)
        {
            if (leftType != rightType)
            {
                throw Error(at, Format(SegmentErrorMessages.TypeMismatch, Describe(leftType), Describe(rightType)));
            }

            return leftType;
        }

        if (leftType == ValueType.Unknown && rightType != ValueType.Unknown && leftVariable is not null)
        {
            Bind(leftVariable, rightType, left);
            return rightType;
        }

        if (rightType == ValueType.Unknown && leftType != ValueType.Unknown && rightVariable is not null)
        {
            Bind(rightVariable, leftType, right);
            return leftType;
        }

        return ValueType.Unknown;
    }

    private void Bind(string variable, ValueType type, SegmentNode at)
    {
        var (current, shown) = variables[variable];
        if (current != ValueType.Unknown && current != type)
        {
            throw Error(at, Format(SegmentErrorMessages.InconsistentType, shown, Describe(type), Describe(current)));
        }

        variables[variable] = (type, shown);
    }

    /// <summary>The operand's kind, and the variable it stands for when its kind comes from a name.</summary>
    private (ValueType Type, string? Variable) TypeOf(SegmentOperand operand, string? eventName)
    {
        switch (operand)
        {
            case LiteralOperand literal:
                return (TypeOf(literal.Value.Kind), null);
            case FieldOperand field when eventName is null:
                return Variable("trait:" + field.Name, "trait " + SegmentLexer.Show(field.Name), schema.Traits, field.Name, field, SegmentErrorMessages.UnknownTrait);
            case FieldOperand field:
                return Variable("property:" + eventName + "." + field.Name, "property " + SegmentLexer.Show(field.Name), schema.Properties, field.Name, field, SegmentErrorMessages.UnknownProperty);
            case AggregateOperand aggregate:
                return CheckAggregate(aggregate);
            default:
                throw new ArgumentException($"Unknown operand type {operand.GetType().Name}.", nameof(operand));
        }
    }

    private (ValueType, string?) Variable(
        string key, string shown, IReadOnlyDictionary<string, SegmentValueKind>? known, string name, SegmentNode at, string unknownMessage)
    {
        if (!variables.TryGetValue(key, out var entry))
        {
            var type = ValueType.Unknown;
            if (known is not null)
            {
                if (!known.TryGetValue(name, out var kind))
                {
                    throw Error(at, Format(unknownMessage, SegmentLexer.Show(name)), EditDistance.Suggest(name, known.Keys));
                }

                type = TypeOf(kind);
            }

            entry = (type, shown);
            variables[key] = entry;
        }

        return (entry.Type, key);
    }

    private (ValueType, string?) CheckAggregate(AggregateOperand aggregate)
    {
        if (schema.Events is { } events && !events.Contains(aggregate.EventName))
        {
            throw Error(aggregate, Format(SegmentErrorMessages.UnknownEvent, SegmentLexer.Show(aggregate.EventName)), EditDistance.Suggest(aggregate.EventName, events));
        }

        if (aggregate.Filter is { } filter)
        {
            CheckCondition(filter, aggregate.EventName);
        }

        var name = aggregate.Function.ToString().ToLowerInvariant();
        (ValueType Type, string? Variable) property = aggregate.Property is { } p
            ? TypeOf(new FieldOperand(p) { Position = aggregate.Position }, aggregate.EventName)
            : (ValueType.Unknown, null);
        switch (aggregate.Function)
        {
            case AggregateFunction.Count:
                return (ValueType.Number, null);
            case AggregateFunction.Exists:
                return (ValueType.Boolean, null);
            case AggregateFunction.Sum or AggregateFunction.Avg:
                RequireProperty(aggregate, name, property, ValueType.Number);
                return (ValueType.Number, null);
            case AggregateFunction.Min or AggregateFunction.Max:
                if (aggregate.Property is null)
                {
                    throw Error(aggregate, Format(SegmentErrorMessages.PropertyRequired, name));
                }

                if (property.Type is ValueType.String or ValueType.Boolean)
                {
                    throw Error(aggregate, Format(SegmentErrorMessages.AggregateKind, name, "number or date", SegmentLexer.Show(aggregate.Property), Describe(property.Type)));
                }

                return property;
            default:
                return aggregate.Property is null ? (ValueType.Time, null) : property;
        }
    }

    private void RequireProperty(AggregateOperand aggregate, string name, (ValueType Type, string? Variable) property, ValueType wanted)
    {
        if (aggregate.Property is null)
        {
            throw Error(aggregate, Format(SegmentErrorMessages.PropertyRequired, name));
        }

        if (property.Type == ValueType.Unknown && property.Variable is not null)
        {
            Bind(property.Variable, wanted, aggregate);
        }
        else if (property.Type != wanted)
        {
            throw Error(aggregate, Format(SegmentErrorMessages.AggregateKind, name, "number", SegmentLexer.Show(aggregate.Property), Describe(property.Type)));
        }
    }
}
