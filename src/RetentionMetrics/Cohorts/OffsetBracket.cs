using System.Globalization;

namespace RetentionMetrics.Cohorts;

/// <summary>A column of a cohort table: the offsets from <see cref="From"/> to <see cref="To"/>, both included.</summary>
/// <remarks>
/// The default columns are single offsets (0, 1, 2, …); custom brackets such as days 0, 1–7, 8–30 and 31–90 group
/// offsets. Equal when both ends are equal. <c>default</c> is the bracket of offset 0 alone.
/// </remarks>
public readonly record struct OffsetBracket
{
    /// <summary>Creates the bracket of offsets <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <param name="from">The first offset (0 = the acquisition period).</param>
    /// <param name="to">The last offset; at least <paramref name="from"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is negative, or <paramref name="to"/> is below it.</exception>
    public OffsetBracket(int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        From = from;
        To = to;
    }

    /// <summary>The first offset of the bracket.</summary>
    public int From { get; }

    /// <summary>The last offset of the bracket, included.</summary>
    public int To { get; }

    /// <summary>The bracket of one offset.</summary>
    /// <param name="offset">The offset (0 = the acquisition period).</param>
    /// <returns>The bracket <c>[offset, offset]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    public static OffsetBracket Single(int offset) => new(offset, offset);

    /// <summary>The bracket as a column label: <c>3</c> for one offset, <c>8-30</c> for a range.</summary>
    /// <returns>The label.</returns>
    public override string ToString() =>
        From == To
            ? From.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");
}
