namespace RetentionMetrics.Cli;

/// <summary>The CDNOW sample shipped inside the tool, so a verb run without <c>--input</c> shows a result at once.</summary>
internal static class BundledData
{
    /// <summary>How the bundled orders are named in messages and reports.</summary>
    public const string OrdersName = "bundled CDNOW sample (cdnow-sample-orders.csv)";

    public static Stream OpenOrders() =>
        typeof(BundledData).Assembly.GetManifestResourceStream("RetentionMetrics.Cli.Data.cdnow-sample-orders.csv")
        ?? throw new InvalidOperationException("The bundled CDNOW sample is missing from the tool.");
}
