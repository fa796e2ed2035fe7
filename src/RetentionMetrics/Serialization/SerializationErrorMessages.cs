using System.Globalization;

namespace RetentionMetrics.Serialization;

/// <summary>
/// The wording of every error raised while reading RetentionMetrics JSON. Each reaches the caller as a
/// <see cref="System.Text.Json.JsonException"/> whose message starts with the JSON path of the offending value
/// (<see cref="AtPath"/>), so a bad state never becomes a corrupt object.
/// </summary>
public static class SerializationErrorMessages
{
    /// <summary>The prefix of every message: {0} is the JSON path of the offending value, {1} the problem.</summary>
    public const string AtPath = "Invalid RetentionMetrics JSON at {0}: {1}";

    /// <summary>A value of the wrong kind or form: {0} what was expected, {1} what arrived.</summary>
    public const string ExpectedValue = "expected {0}, found {1}.";

    /// <summary>A required property is absent: {0} is its name.</summary>
    public const string MissingProperty = "the required property \"{0}\" is missing.";

    /// <summary>A number outside its allowed range: {0} the lowest allowed, {1} the highest, {2} the value.</summary>
    public const string OutOfRange = "expected a number from {0} to {1}, found {2}.";

    /// <summary>A negative count: {0} is the value.</summary>
    public const string NegativeCount = "expected a count of zero or more, found {0}.";

    /// <summary>The document is a different kind of state: {0} the expected type name, {1} the one found.</summary>
    public const string WrongType = "expected a \"{0}\" document, found \"{1}\".";

    /// <summary>The document was written by another format version: {0} the supported version, {1} the one found.</summary>
    public const string UnsupportedVersion = "this library reads format version {0}, found version {1}.";

    /// <summary>An unknown name for an enumerated setting: {0} the allowed names, {1} the value found.</summary>
    public const string UnknownName = "expected one of {0}, found \"{1}\".";

    /// <summary>A time zone id that the time zone database does not know: {0} is the id.</summary>
    public const string UnknownTimeZone = "unknown time zone id \"{0}\".";

    /// <summary>The same customer appears twice in one state: {0} is the key.</summary>
    public const string DuplicateCustomer = "customer \"{0}\" appears more than once.";

    /// <summary>A list that must be strictly increasing is not: {0} describes the list.</summary>
    public const string NotIncreasing = "expected {0} in strictly increasing order.";

    /// <summary>A date that is not the first day of a period: {0} the date, {1} the period.</summary>
    public const string NotPeriodStart = "{0} is not the first day of a {1} period.";

    /// <summary>Values that contradict each other: {0} describes the rule that is broken.</summary>
    public const string Inconsistent = "inconsistent state: {0}.";

    /// <summary>Settings that the library rejects: {0} is the library's reason.</summary>
    public const string InvalidSettings = "invalid settings: {0}";

    /// <summary>A value of this type cannot be read or written with the options given: {0} is the type.</summary>
    public const string TypeNotRegistered = "The type {0} is not registered with RetentionMetricsJsonContext; add a source-generated context that knows it (see docs/serialization.md).";

    internal static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
