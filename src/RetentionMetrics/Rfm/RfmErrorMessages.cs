namespace RetentionMetrics.Rfm;

/// <summary>The wording of the errors raised by RFM scoring, in one place.</summary>
public static class RfmErrorMessages
{
    /// <summary>The number of bins is below two; {0} is the value given.</summary>
    public const string TooFewBins = "RFM scores need at least 2 bins, but {0} were asked for.";

    /// <summary>Frequency as purchase days needs summaries grouped by day; {0} is the period the summaries use.</summary>
    public const string PurchaseDaysNeedDailySummaries =
        "Frequency as purchase days needs customer summaries grouped by Day, but these are grouped by {0}.";

    /// <summary>Breakpoint scoring was chosen without breakpoints.</summary>
    public const string BreakpointsMissing = "Breakpoint scoring needs the options' Breakpoints to be set.";

    /// <summary>A breakpoint list has the wrong length; {0} names the dimension, {1} the expected count, {2} the count given.</summary>
    public const string BreakpointCount = "The {0} breakpoints must number one less than the bins ({1}), but {2} were given.";

    /// <summary>A breakpoint list is not strictly ascending; {0} names the dimension.</summary>
    public const string BreakpointsNotAscending = "The {0} breakpoints must be strictly ascending.";

    /// <summary>The sketch capacity is out of range; {0} is the value given.</summary>
    public const string SketchCapacity = "The sketch capacity must be an even number from 8 to 65536, but {0} was given.";

    /// <summary>A value offered to a quantile sketch is NaN or infinite.</summary>
    public const string SketchValueNotFinite = "A quantile sketch only takes finite numbers.";

    /// <summary>Two sketches with different capacities cannot be merged.</summary>
    public const string SketchCapacityMismatch = "Only sketches with the same capacity can be merged.";

    /// <summary>A quantile was asked of an empty sketch.</summary>
    public const string SketchEmpty = "The sketch is empty: it has no quantiles.";

    /// <summary>Two RFM sketches with different bins or measures cannot be merged.</summary>
    public const string RfmSketchMismatch = "Only RFM sketches with the same capacity can be merged.";

    /// <summary>A segment rule has a minimum above its maximum; {0} names the rule.</summary>
    public const string SegmentRuleRange = "The segment rule '{0}' has a minimum score above its maximum.";

    /// <summary>A segment rule or map has no name.</summary>
    public const string SegmentNameMissing = "A segment needs a non-empty name.";

    /// <summary>A customer's last purchase falls after the as-of date; {0} is the purchase date, {1} the as-of date.</summary>
    public const string LastPurchaseAfterAsOf = "The last purchase on {0} falls after the as-of date {1}.";

    /// <summary>A customer's mean spend cannot be computed because no transaction was counted.</summary>
    public const string NoTransactions = "The customer has no counted transactions, so the mean spend is undefined.";
}
