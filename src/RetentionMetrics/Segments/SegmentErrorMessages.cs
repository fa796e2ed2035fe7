namespace RetentionMetrics.Segments;

/// <summary>Every user-facing message of the segment-rule language, as composite-format constants.</summary>
/// <remarks>
/// <c>{0}</c>, <c>{1}</c> are filled with the offending text (in backticks) and the expected items, listed as
/// "a, b or c". docs/segments.md shows each message with an example rule that produces it.
/// </remarks>
public static class SegmentErrorMessages
{
    /// <summary>The heading of a positioned rule error: line and column.</summary>
    public const string Heading = "Segment rule error (line {0}, column {1}): {2}";

    /// <summary>The heading of a rule error at the end of the text: line only.</summary>
    public const string HeadingAtEnd = "Segment rule error (line {0}): {1}";

    /// <summary>A suggestion for a misspelt name, appended to the reason.</summary>
    public const string DidYouMean = " Did you mean `{0}`?";

    /// <summary>A token that cannot stand where it stands.</summary>
    public const string UnexpectedToken = "unexpected {0}, expected {1}.";

    /// <summary>The text ends where more was needed.</summary>
    public const string UnexpectedEnd = "unexpected end of rule, expected {0}.";

    /// <summary>The rule text is empty or holds only comments.</summary>
    public const string EmptyRule = "the rule is empty, expected a condition.";

    /// <summary>A character that is not part of the language.</summary>
    public const string UnexpectedCharacter = "unexpected character {0}.";

    /// <summary>A string without its closing quote.</summary>
    public const string UnterminatedString = "the string is not closed: expected a closing {0} before the end of the line.";

    /// <summary>A quoted name without its closing backtick.</summary>
    public const string UnterminatedName = "the quoted name is not closed: expected a closing ` before the end of the line.";

    /// <summary>An escape sequence the language does not know.</summary>
    public const string InvalidEscape = "unknown escape {0} in a string, expected \\\\, \\', \\\", \\n, \\r, \\t or \\uXXXX.";

    /// <summary>A number outside the decimal range.</summary>
    public const string NumberOutOfRange = "the number {0} is out of range (at most 28 significant digits, below 7.9e28).";

    /// <summary>A date literal that is not a real date.</summary>
    public const string InvalidDate = "{0} is not a valid ISO date (yyyy-MM-dd) or instant (yyyy-MM-ddTHH:mm:ssZ).";

    /// <summary>A duration count that is not a whole number in range.</summary>
    public const string InvalidDurationCount = "the duration {0} must be a whole number from 1 to 100000.";

    /// <summary>A date range whose end is before its start.</summary>
    public const string EmptyDateRange = "the window between {0} and {1} is empty: the first date must not be after the second.";

    /// <summary>Parentheses, <c>not</c> or <c>where</c> nested too deeply.</summary>
    public const string NestingTooDeep = "the rule nests parentheses, `not` or `where` more than {0} levels deep.";

    /// <summary>A function name the language does not have.</summary>
    public const string UnknownFunction = "unknown function {0}, expected count, sum, avg, min, max, first, last or exists.";

    /// <summary>A trait the schema does not list.</summary>
    public const string UnknownTrait = "unknown trait {0}.";

    /// <summary>An event property the schema does not list.</summary>
    public const string UnknownProperty = "unknown event property {0}.";

    /// <summary>An event the schema does not list.</summary>
    public const string UnknownEvent = "unknown event {0}.";

    /// <summary>Two values of kinds that cannot be compared.</summary>
    public const string TypeMismatch = "cannot compare {0} with {1}.";

    /// <summary>A name used as two different kinds in one rule.</summary>
    public const string InconsistentType = "{0} is used as {1} here but as {2} elsewhere in the rule.";

    /// <summary>An ordering comparison of booleans.</summary>
    public const string BooleanOrdering = "booleans can only be compared with = or !=, not {0}.";

    /// <summary>A time test applied to something that is not a time.</summary>
    public const string NotATime = "{0} needs a date or time, but this is {1}.";

    /// <summary>A value used as a condition that is not a boolean.</summary>
    public const string NotACondition = "expected a condition, but this is {0}; compare it with something.";

    /// <summary>An aggregate that needs a property and has none.</summary>
    public const string PropertyRequired = "{0} needs an event property, as in {0}(order_completed.amount).";

    /// <summary>An aggregate over a property of the wrong kind.</summary>
    public const string AggregateKind = "{0} needs a {1} property, but {2} is {3}.";

    /// <summary>An aggregate written inside a <c>where</c> filter.</summary>
    public const string AggregateInFilter = "an aggregate cannot be used inside a where filter; compare the event's properties there.";

    /// <summary>A segment name given twice in a segment set.</summary>
    public const string DuplicateSegment = "the segment name {0} is used twice.";

    /// <summary>A segment set line that does not start with <c>name:</c>.</summary>
    public const string SegmentNameExpected = "expected a segment line `name: rule`.";

    /// <summary>A segment set without segments.</summary>
    public const string EmptySegmentSet = "the segment set is empty, expected lines `name: rule`.";

    /// <summary>And/or built with fewer than two operands.</summary>
    public const string TooFewOperands = "And and or need at least two conditions.";

    /// <summary>A double that cannot be a number value.</summary>
    public const string NumberNotFinite = "A number value must be finite and within the decimal range.";

    /// <summary>A value read as the wrong kind.</summary>
    public const string WrongValueKind = "The value is {0}, not {1}.";

    /// <summary>A customer value whose kind does not fit the rule at evaluation time.</summary>
    public const string ValueKindAtEvaluation = "{0} holds {1} where the rule needs {2}.";

    /// <summary>A trait given twice with different values for one customer.</summary>
    public const string ConflictingTrait = "trait {0} is given twice with different values ({1} and {2}).";

    /// <summary>A sum or average that leaves the decimal range.</summary>
    public const string SumOverflow = "the sum of {0} leaves the decimal range.";

    /// <summary>An event whose customer key selector returned null.</summary>
    public const string NullCustomer = "the event has no customer key (the selector returned null).";

    /// <summary>An event whose event-name selector returned null.</summary>
    public const string NullEventName = "the event has no name (the selector returned null).";

    /// <summary>Merging accumulators built for different segment sets or options.</summary>
    public const string MergeMismatch = "Only accumulators of the same segment set and options can be merged.";

    /// <summary>A segment name that is not in the set.</summary>
    public const string UnknownSegmentName = "There is no segment named '{0}'.";

    /// <summary>Expected item: a value.</summary>
    public const string ExpectedValue = "a value";

    /// <summary>Expected item: a condition.</summary>
    public const string ExpectedCondition = "a condition";

    /// <summary>Expected item: an event name.</summary>
    public const string ExpectedEvent = "an event name";

    /// <summary>Expected item: a property name.</summary>
    public const string ExpectedProperty = "a property name";

    /// <summary>Expected item: a literal.</summary>
    public const string ExpectedLiteral = "a literal (number, string, boolean or date)";

    /// <summary>Expected item: a whole number.</summary>
    public const string ExpectedCount = "a whole number";

    /// <summary>Expected item: a duration unit.</summary>
    public const string ExpectedUnit = "days, weeks or months";

    /// <summary>Expected item: an ISO date.</summary>
    public const string ExpectedDate = "an ISO date";

    /// <summary>Expected item: the end of the rule.</summary>
    public const string ExpectedEnd = "the end of the rule";
}
