namespace RetentionMetrics.Churn;

/// <summary>The calendar period that churn, retention and MRR movements are reported by.</summary>
public enum ChurnPeriod
{
    /// <summary>Calendar days in the analysis time zone.</summary>
    Day,

    /// <summary>ISO weeks, Monday to Sunday, in the analysis time zone.</summary>
    Week,

    /// <summary>Calendar months in the analysis time zone (the default).</summary>
    Month,

    /// <summary>Calendar quarters (January–March, April–June, …) in the analysis time zone.</summary>
    Quarter,
}
