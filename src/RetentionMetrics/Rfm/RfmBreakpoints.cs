using System.Globalization;

namespace RetentionMetrics.Rfm;

/// <summary>Fixed score breakpoints for each dimension, in the dimension's own units (days, purchases, money).</summary>
/// <remarks>
/// <para>Each list holds <c>n − 1</c> strictly ascending values for <c>n</c> bins. Frequency and monetary: the score is
/// 1 plus the number of breakpoints at or below the value (so a value equal to a breakpoint goes to the higher bin).
/// Recency, where fewer days is better: the score is <c>n</c> minus the number of breakpoints strictly below the days
/// (so with <c>[30, 90, 180, 365]</c>, 0–30 days score 5, 31–90 score 4, …, over 365 score 1).</para>
/// <para>An immutable value: two breakpoint sets are equal when all three lists are equal element by element.</para>
/// </remarks>
public sealed class RfmBreakpoints : IEquatable<RfmBreakpoints>
{
    private readonly int[] recency;
    private readonly int[] frequency;
    private readonly decimal[] monetary;

    /// <summary>Creates the breakpoints.</summary>
    /// <param name="recency">Days since the last purchase, ascending.</param>
    /// <param name="frequency">Purchase counts, ascending.</param>
    /// <param name="monetary">Amounts, ascending.</param>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or a list is not strictly ascending.</exception>
    public RfmBreakpoints(IEnumerable<int> recency, IEnumerable<int> frequency, IEnumerable<decimal> monetary)
    {
        ArgumentNullException.ThrowIfNull(recency);
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(monetary);
        this.recency = [.. recency];
        this.frequency = [.. frequency];
        this.monetary = [.. monetary];
        CheckAscending(this.recency, nameof(recency));
        CheckAscending(this.frequency, nameof(frequency));
        CheckAscending(this.monetary, nameof(monetary));
        if (this.recency.Length == 0)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointCount, "recency", "at least 1", 0), nameof(recency));
        }

        if (this.frequency.Length != this.recency.Length)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointCount, "frequency", this.recency.Length, this.frequency.Length), nameof(frequency));
        }

        if (this.monetary.Length != this.recency.Length)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointCount, "monetary", this.recency.Length, this.monetary.Length), nameof(monetary));
        }
    }

    /// <summary>The number of bins the breakpoints make: one more than the length of each list.</summary>
    public int Bins => recency.Length + 1;

    /// <summary>The recency breakpoints in days.</summary>
    public IReadOnlyList<int> Recency => recency;

    /// <summary>The frequency breakpoints.</summary>
    public IReadOnlyList<int> Frequency => frequency;

    /// <summary>The monetary breakpoints.</summary>
    public IReadOnlyList<decimal> Monetary => monetary;

    /// <summary>The recency score of <paramref name="days"/> since the last purchase.</summary>
    /// <param name="days">Days since the last purchase.</param>
    /// <returns>A score from 1 to <see cref="Bins"/>.</returns>
    public int ScoreRecency(int days)
    {
        var below = 0;
        foreach (var b in recency)
        {
            below += b < days ? 1 : 0;
        }

        return Bins - below;
    }

    /// <summary>The frequency score of <paramref name="count"/> purchases.</summary>
    /// <param name="count">The frequency.</param>
    /// <returns>A score from 1 to <see cref="Bins"/>.</returns>
    public int ScoreFrequency(int count)
    {
        var atOrBelow = 0;
        foreach (var b in frequency)
        {
            atOrBelow += b <= count ? 1 : 0;
        }

        return 1 + atOrBelow;
    }

    /// <summary>The monetary score of <paramref name="amount"/>.</summary>
    /// <param name="amount">The monetary value.</param>
    /// <returns>A score from 1 to <see cref="Bins"/>.</returns>
    public int ScoreMonetary(decimal amount)
    {
        var atOrBelow = 0;
        foreach (var b in monetary)
        {
            atOrBelow += b <= amount ? 1 : 0;
        }

        return 1 + atOrBelow;
    }

    /// <inheritdoc />
    public bool Equals(RfmBreakpoints? other) =>
        other is not null && recency.AsSpan().SequenceEqual(other.recency) && frequency.AsSpan().SequenceEqual(other.frequency)
        && monetary.AsSpan().SequenceEqual(other.monetary);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RfmBreakpoints);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Bins, recency[0], frequency[0], monetary[0]);

    private static void CheckAscending<T>(T[] values, string name)
        where T : IComparable<T>
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i].CompareTo(values[i - 1]) <= 0)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, RfmErrorMessages.BreakpointsNotAscending, name), name);
            }
        }
    }
}
