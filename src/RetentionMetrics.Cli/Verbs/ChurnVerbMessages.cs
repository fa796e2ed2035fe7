namespace RetentionMetrics.Cli.Verbs;

/// <summary>The wording of the churn and nps verbs' own errors, in one place.</summary>
internal static class ChurnVerbMessages
{
    public const string EmptyCustomer = "The customer id is empty.";

    public const string NotADate = "{0} is not a date (expected yyyy-MM-dd or an ISO instant).";

    public const string NotADateInFormat = "{0} is not a date in the format {1}.";

    public const string NotAnAmount = "{0} is not a number.";

    public const string NotAWholeNumber = "{0} is not a whole number.";

    public const string EmptyGroup = "The group is empty.";

    public const string InactivityWithSubscriptions = "--inactivity applies to orders; subscriptions define activity by MRR.";

    public const string ModeWithOrders = "--mode applies to --subscriptions only.";

    public const string BadInactivity = "--inactivity expects a number of days or weeks such as 90d or 12w, not '{0}'.";
}
