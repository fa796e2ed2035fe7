using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace RetentionMetrics.Segments;

/// <summary>A typed value of a trait, an event property or a rule literal: a number, text, a boolean, a date or an instant.</summary>
/// <remarks>
/// Two values are equal when they have the same kind and the same value (numbers by decimal value, so 500 equals
/// 500.00; text ordinally). <c>default</c> is <see cref="Missing"/>, the absent value.
/// </remarks>
public readonly struct SegmentValue : IEquatable<SegmentValue>
{
    private readonly string? text;
    private readonly decimal number;
    private readonly long bits;

    private SegmentValue(SegmentValueKind kind, string? text, decimal number, long bits)
    {
        Kind = kind;
        this.text = text;
        this.number = number;
        this.bits = bits;
    }

    /// <summary>The absent value.</summary>
    public static SegmentValue Missing => default;

    /// <summary>What the value holds.</summary>
    public SegmentValueKind Kind { get; }

    /// <summary>Whether the value is absent.</summary>
    public bool IsMissing => Kind == SegmentValueKind.Missing;

    /// <summary>The number; valid when <see cref="Kind"/> is <see cref="SegmentValueKind.Number"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public decimal Number => Kind == SegmentValueKind.Number ? number : throw WrongKind(SegmentValueKind.Number);

    /// <summary>The text; valid when <see cref="Kind"/> is <see cref="SegmentValueKind.String"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not text.</exception>
    public string String => Kind == SegmentValueKind.String ? text! : throw WrongKind(SegmentValueKind.String);

    /// <summary>The boolean; valid when <see cref="Kind"/> is <see cref="SegmentValueKind.Boolean"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not a boolean.</exception>
    public bool Boolean => Kind == SegmentValueKind.Boolean ? bits != 0 : throw WrongKind(SegmentValueKind.Boolean);

    /// <summary>The date; valid when <see cref="Kind"/> is <see cref="SegmentValueKind.Date"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not a date.</exception>
    public LocalDate Date => Kind == SegmentValueKind.Date ? DateOf(bits) : throw WrongKind(SegmentValueKind.Date);

    /// <summary>The instant; valid when <see cref="Kind"/> is <see cref="SegmentValueKind.Instant"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not an instant.</exception>
    public Instant Instant => Kind == SegmentValueKind.Instant ? Instant.FromUnixTimeTicks(bits) : throw WrongKind(SegmentValueKind.Instant);

    /// <summary>Whether the value is a date or an instant.</summary>
    public bool IsTime => Kind is SegmentValueKind.Date or SegmentValueKind.Instant;

    internal long RawBits => bits;

    /// <summary>A value from the parts <see cref="RawText"/>, <see cref="RawNumber"/> and <see cref="RawBits"/> of another.</summary>
    internal static SegmentValue FromParts(SegmentValueKind kind, string? text, decimal number, long bits) => new(kind, text, number, bits);

    internal decimal RawNumber => number;

    internal string? RawText => text;

    /// <summary>A number value.</summary>
    /// <param name="value">The number.</param>
    public static SegmentValue FromNumber(decimal value) => new(SegmentValueKind.Number, null, value, 0);

    /// <summary>A number value from a whole number.</summary>
    /// <param name="value">The number.</param>
    public static SegmentValue FromNumber(long value) => FromNumber((decimal)value);

    /// <summary>A number value from a finite double.</summary>
    /// <param name="value">The number; must be finite and within the decimal range.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or too large for a decimal.</exception>
    public static SegmentValue FromNumber(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= 7.9e28)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, SegmentErrorMessages.NumberNotFinite);
        }

        return FromNumber((decimal)value);
    }

    /// <summary>A text value.</summary>
    /// <param name="value">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static SegmentValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(SegmentValueKind.String, value, 0m, 0);
    }

    /// <summary>A boolean value.</summary>
    /// <param name="value">The boolean.</param>
    public static SegmentValue FromBoolean(bool value) => new(SegmentValueKind.Boolean, null, 0m, value ? 1 : 0);

    /// <summary>A date value (it compares as the start of its day in the evaluation's zone).</summary>
    /// <param name="value">The date.</param>
    public static SegmentValue FromDate(LocalDate value) => new(SegmentValueKind.Date, null, 0m, DayNumber(value));

    /// <summary>An instant value.</summary>
    /// <param name="value">The instant.</param>
    public static SegmentValue FromInstant(Instant value) => new(SegmentValueKind.Instant, null, 0m, value.ToUnixTimeTicks());

    /// <summary>The instant the value stands for in <paramref name="zone"/>: a date is the start of its day.</summary>
    internal long TimeTicks(DateTimeZone zone) => Kind == SegmentValueKind.Instant
        ? bits
        : DateOf(bits).AtStartOfDayInZone(zone).ToInstant().ToUnixTimeTicks();

    private static long DayNumber(LocalDate date) =>
        date.Year >= 1 ? date.ToDateOnly().DayNumber : -Period.Between(date, new LocalDate(1, 1, 1), PeriodUnits.Days).Days;

    private static LocalDate DateOf(long dayNumber) =>
        dayNumber >= 0 ? LocalDate.FromDateOnly(DateOnly.FromDayNumber((int)dayNumber)) : new LocalDate(1, 1, 1).PlusDays((int)dayNumber);

    /// <inheritdoc/>
    public bool Equals(SegmentValue other) =>
        Kind == other.Kind && Kind switch
        {
            SegmentValueKind.Missing => true,
            SegmentValueKind.Number => number == other.number,
            SegmentValueKind.String => string.Equals(text, other.text, StringComparison.Ordinal),
            _ => bits == other.bits,
        };

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SegmentValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Kind switch
    {
        SegmentValueKind.Missing => 0,
        SegmentValueKind.Number => HashCode.Combine(Kind, number),
        SegmentValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(text!)),
        _ => HashCode.Combine(Kind, bits),
    };

    /// <summary>The value as invariant text: numbers as written, dates and instants in ISO form, booleans as true/false, missing as empty.</summary>
    public override string ToString() => Kind switch
    {
        SegmentValueKind.Missing => string.Empty,
        SegmentValueKind.Number => number.ToString(CultureInfo.InvariantCulture),
        SegmentValueKind.String => text!,
        SegmentValueKind.Boolean => bits != 0 ? "true" : "false",
        SegmentValueKind.Date => LocalDatePattern.Iso.Format(Date),
        _ => InstantPattern.ExtendedIso.Format(Instant),
    };

    /// <summary>Whether two values are equal.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(SegmentValue left, SegmentValue right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(SegmentValue left, SegmentValue right) => !left.Equals(right);

    /// <summary>A total order used only to break ties deterministically (kind first, then value).</summary>
    internal static int TotalOrder(SegmentValue x, SegmentValue y)
    {
        if (x.Kind != y.Kind)
        {
            return x.Kind.CompareTo(y.Kind);
        }

        return x.Kind switch
        {
            SegmentValueKind.Missing => 0,
            SegmentValueKind.Number => x.number.CompareTo(y.number),
            SegmentValueKind.String => string.CompareOrdinal(x.text, y.text),
            _ => x.bits.CompareTo(y.bits),
        };
    }

    private InvalidOperationException WrongKind(SegmentValueKind wanted) =>
        new(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.WrongValueKind, Kind, wanted));
}
