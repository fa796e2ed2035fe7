namespace RetentionMetrics.Customers;

/// <summary>What a record with a negative amount means.</summary>
public enum RefundPolicy
{
    /// <summary>
    /// Keep the record: it counts as a transaction on its day and its amount lowers the spend (the default, and what
    /// <c>lifetimes</c> does with any row).
    /// </summary>
    Subtract,

    /// <summary>Leave the record out entirely; the number left out is reported in the result.</summary>
    Ignore,

    /// <summary>Raise <see cref="RetentionDataException"/> naming the record.</summary>
    Reject,
}
