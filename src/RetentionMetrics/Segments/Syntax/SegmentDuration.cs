using System.Globalization;

namespace RetentionMetrics.Segments.Syntax;

/// <summary>A calendar length such as <c>30 days</c>, <c>2 weeks</c> or <c>3 months</c>.</summary>
/// <param name="Count">How many units; from 1 to <see cref="MaximumCount"/>.</param>
/// <param name="Unit">The calendar unit.</param>
/// <remarks>Equal when count and unit are equal (<c>14 days</c> is not equal to <c>2 weeks</c>, though they cover the same span).</remarks>
public readonly record struct SegmentDuration(int Count, SegmentDurationUnit Unit)
{
    /// <summary>The largest count a duration may have (about 270 years in days).</summary>
    public const int MaximumCount = 100_000;

    /// <summary>The duration as rule text, such as <c>30 days</c> or <c>1 month</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} {Unit switch
        {
            SegmentDurationUnit.Days => Count == 1 ? "day" : "days",
            SegmentDurationUnit.Weeks => Count == 1 ? "week" : "weeks",
            _ => Count == 1 ? "month" : "months",
        }}");
}
