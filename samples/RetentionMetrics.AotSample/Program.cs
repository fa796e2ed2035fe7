using RetentionMetrics;
using RetentionMetrics.AotSample;

// Usage: retention-aot-sample [orders.csv]. Without a file, the bundled CDNOW sample.
try
{
    var path = args.Length > 0 ? args[0] : null;
    using var input = path is null ? OrdersCsv.OpenBundledSample() : File.OpenRead(path);
    var orders = OrdersCsv.Read(input, path ?? OrdersCsv.BundledSampleName);
    SampleReport.Write(orders, path ?? OrdersCsv.BundledSampleName, Console.Out);
    return 0;
}
catch (Exception e) when (e is FormatException or RetentionDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
