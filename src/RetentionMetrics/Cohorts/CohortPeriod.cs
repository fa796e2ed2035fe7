namespace RetentionMetrics.Cohorts;

/// <summary>The calendar period that defines both a cohort (the acquisition period) and its offsets.</summary>
public enum CohortPeriod
{
    /// <summary>Calendar days in the analysis time zone.</summary>
    Day,

    /// <summary>ISO weeks, Monday to Sunday, in the analysis time zone.</summary>
    Week,

    /// <summary>Calendar months in the analysis time zone (the default).</summary>
    Month,

    /// <summary>Calendar quarters (January–March, April–June, July–September, October–December).</summary>
    Quarter,
}
