namespace RetentionMetrics.Churn;

/// <summary>The wording of the data errors raised by churn, MRR-movement, NPS and CSAT calculations, in one place.</summary>
public static class ChurnErrorMessages
{
    /// <summary>A record's time is outside the range the library supports.</summary>
    public const string TimeOutOfRange = "The time is outside the supported range (years 1 to 9999).";

    /// <summary>A record has no customer key.</summary>
    public const string MissingCustomer = "The customer key is missing.";

    /// <summary>A subscription change carries a negative MRR; {0} is the amount.</summary>
    public const string NegativeMrr = "The MRR {0} is negative; MRR is 0 (cancelled) or more.";

    /// <summary>A customer's MRR sums no longer fit in a <see cref="decimal"/>.</summary>
    public const string MrrOverflow = "The MRR totals exceed the range of a decimal.";

    /// <summary>An NPS answer is outside 0 to 10; {0} is the answer.</summary>
    public const string NpsAnswerOutOfRange = "The answer {0} is outside the NPS scale 0 to 10.";

    /// <summary>A CSAT answer is outside the configured scale; {0} is the answer, {1} and {2} the scale.</summary>
    public const string CsatAnswerOutOfRange = "The answer {0} is outside the CSAT scale {1} to {2}.";

    /// <summary>A record has no group key.</summary>
    public const string MissingGroup = "The group key is missing.";
}
