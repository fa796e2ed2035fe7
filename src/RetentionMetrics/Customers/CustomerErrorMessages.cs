namespace RetentionMetrics.Customers;

/// <summary>The wording of the data errors raised while summarising customers, in one place.</summary>
public static class CustomerErrorMessages
{
    /// <summary>A record's time is outside the range the library supports.</summary>
    public const string TimeOutOfRange = "The time is outside the supported range (years 1 to 9999).";

    /// <summary>A negative amount met <see cref="RefundPolicy.Reject"/>; {0} is the amount.</summary>
    public const string RefundRejected = "The amount {0} is negative and the refund policy is Reject.";

    /// <summary>A customer's spend no longer fits in a <see cref="decimal"/>.</summary>
    public const string SpendOverflow = "The customer's total spend exceeds the range of a decimal.";

    /// <summary>A record has no customer key.</summary>
    public const string MissingCustomer = "The customer key is missing.";
}
