namespace RetentionMetrics.Customers;

/// <summary>The calendar period purchases are grouped by: several purchases in one period count as one repeat.</summary>
public enum PurchasePeriod
{
    /// <summary>Calendar days in the analysis time zone (the default, as <c>lifetimes</c> with <c>freq="D"</c>).</summary>
    Day,

    /// <summary>ISO weeks, Monday to Sunday, in the analysis time zone.</summary>
    Week,

    /// <summary>Calendar months in the analysis time zone.</summary>
    Month,
}
