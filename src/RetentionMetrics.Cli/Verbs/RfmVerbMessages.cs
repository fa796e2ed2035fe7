namespace RetentionMetrics.Cli.Verbs;

/// <summary>The wording of the <c>rfm</c> verb's own usage errors.</summary>
internal static class RfmVerbMessages
{
    public const string BreakpointsMissing =
        "Breakpoint scoring needs all three of --recency-breakpoints, --frequency-breakpoints and --monetary-breakpoints.";

    /// <summary>{0} is the option, {1} the text that is not a number.</summary>
    public const string BadBreakpoint = "{0} expects comma-separated numbers, but '{1}' is not one.";
}
